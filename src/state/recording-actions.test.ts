/**
 * Quick steps along a recording's timeline: each frame is decoded and
 * analysed when asked for and takes its own time, so without care a frame
 * asked for first could land after one asked for later and stay on screen
 * while the timeline names the other (the e2e Redwood test presses "." before
 * frame 0 has landed). Here the worker's answers arrive in whatever order the
 * test says.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RawDepthImage } from '../core/depth-image';
import { fakeDepth as depth, fakeSummary } from '../io/fake-recording';

/** The frames asked of the fake worker, each answered when the test releases it. */
const asked: { index: number; release: () => void }[] = [];

const summary = fakeSummary(3);

vi.mock('../io/recording-client', () => ({
  RecordingClient: class {
    open = () => Promise.resolve(summary);
    frame = (index: number) =>
      new Promise((resolve) => {
        const answer = { frame: { index, depth: depth(index), colour: null, reference: null }, analysis: null };
        asked.push({ index, release: () => resolve(answer) });
      });
    close = () => {};
  },
}));

/** Every depth map put on screen, in order. */
const shown: number[] = [];
vi.mock('./load-actions', () => ({
  newMainImageRequest: () => () => true,
  showDepthMap: vi.fn(async (raw: RawDepthImage, name: string, frame: { sequence: number; index: number }, _extra: unknown, options?: { wanted?: () => boolean }) => {
    await Promise.resolve(); // the analysis takes a moment
    if (options?.wanted && !options.wanted()) return false;
    const { setState } = await import('./store');
    shown.push(raw.data[0]);
    setState({ source: { name, url: null, raw, frame } });
    return true;
  }),
}));

const { openRecording, stepRecording, closeRecording } = await import('./recording-actions');
const { recordingStore } = await import('./recording-store');
const { initialState, store } = await import('./store');

const tick = () => new Promise((r) => setTimeout(r, 0));
const release = (index: number) => asked.find((a) => a.index === index)!.release();

afterEach(() => {
  closeRecording();
  asked.length = 0;
  shown.length = 0;
  store.setState(initialState(), true);
});

describe('stepping a recording before its frame has landed', () => {
  // Frame 1 answered first (frame 0's decode is slow), or frame 0 first (answered, but overtaken by the step).
  it.each([
    ['after', [1, 0]],
    ['before', [0, 1]],
  ])('"." pressed while frame 0 is read shows frame 1; frame 0, answered %s it, never lands', async (_when, order) => {
    const opening = openRecording({ kind: 'url', name: 'redwood', url: 'redwood.zip' });
    await tick();
    expect(asked.map((a) => a.index)).toEqual([0]);
    const step = stepRecording(1);
    expect(asked.map((a) => a.index)).toEqual([0, 1]);
    for (const k of order) release(k);
    await Promise.all([opening, step]);
    await tick();
    expect(recordingStore.getState().index).toBe(1);
    expect(store.getState().source?.raw.data[0]).toBe(1);
    expect(shown).toEqual([1]);
  });

  it('two quick steps add up, whatever order the frames come back in', async () => {
    const opening = openRecording({ kind: 'url', name: 'redwood', url: 'redwood.zip' });
    await tick();
    release(0);
    await opening;
    const first = stepRecording(1);
    const second = stepRecording(1);
    expect(asked.map((a) => a.index)).toEqual([0, 1, 2]);
    release(2);
    release(1);
    await Promise.all([first, second]);
    expect(recordingStore.getState().index).toBe(2);
    expect(store.getState().source?.raw.data[0]).toBe(2);
    expect(shown).toEqual([0, 2]);
  });
});
