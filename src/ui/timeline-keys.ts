/**
 * The timeline's keys, as video tools have them: `,` and `.` step one frame,
 * `k` (or Space outside buttons) plays and pauses. They drive whichever
 * timeline is open, a recording's or a sequence of files'. Ignored while
 * typing in a field.
 */
import { useEffect } from 'react';
import { recordingStore } from '../state/recording-store';
import { stepRecording, togglePlay } from '../state/recording-actions';
import { pause, play, stepFrame } from '../state/sequence-actions';
import { store } from '../state/store';
import { isTyping } from './ShortcutsOverlay';

function step(by: 1 | -1): void {
  if (recordingStore.getState().summary) void stepRecording(by);
  else if (store.getState().sequence) void stepFrame(by);
}

function playOrPause(): boolean {
  if (recordingStore.getState().summary) togglePlay();
  else if (store.getState().sequence) (store.getState().sequence?.playing ? pause : play)();
  else return false;
  return true;
}

export function useTimelineKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === ',' || e.key === '.') {
        e.preventDefault();
        step(e.key === '.' ? 1 : -1);
      } else if (e.key === 'k' || (e.key === ' ' && !(e.target instanceof HTMLButtonElement))) {
        if (playOrPause()) e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
