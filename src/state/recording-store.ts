/**
 * The open recording (a bag, an MCAP file, a dataset folder): its summary as
 * the worker read it, and where playback stands. Kept apart from the main
 * store like the live and compare stores: the summary is large (one entry per
 * frame) and playback changes at the frame rate. The frame's depth and
 * colour go into the main store like any depth map.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { RecordingSummary } from '../core/recording';

/** 'recorded': frames are shown at the times they were recorded; 'fast': each as soon as it is decoded. */
export type PlaybackRate = 'recorded' | 'fast';

export interface RecordingState {
  summary: RecordingSummary | null;
  /** Tells this recording's frames from another's (LoadedSource.frame.sequence; negative, apart from sequences and live). */
  id: number;
  /** The address it was opened from (?src=), or null for a local file or folder. */
  url: string | null;
  /** The frame on screen. */
  index: number;
  playing: boolean;
  rate: PlaybackRate;
  /** Playback starts over after the last frame. */
  loop: boolean;
  /** The user's "Align depth to colour" (kept from one recording to the next, like rate and loop). */
  alignToColour: boolean;
  /** While a recording is being opened: its name and how far the reader is. */
  opening: { name: string; stage: string; fraction: number | null } | null;
}

export const INITIAL_RECORDING: RecordingState = {
  summary: null,
  id: 0,
  url: null,
  index: 0,
  playing: false,
  rate: 'recorded',
  loop: true,
  alignToColour: false,
  opening: null,
};

export const recordingStore = createStore<RecordingState>()(() => INITIAL_RECORDING);

export function useRecording<T>(selector: (s: RecordingState) => T): T {
  return useStore(recordingStore, selector);
}

/** The open recording when the depth on screen is one of its frames. */
export function recordingOnScreen(s: { source: { frame?: { sequence: number } } | null }): RecordingState | null {
  const r = recordingStore.getState();
  return r.summary && s.source?.frame?.sequence === r.id ? r : null;
}
