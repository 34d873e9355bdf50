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
import type { RecordingSummary } from '../core/recording';

/** The frames asked of the fake worker, each answered when the test releases it. */
const asked: { index: number; release: () => void }[] = [];

function depth(value: number): RawDepthImage {
  return { width: 2, height: 1, data: new Uint16Array([value, value]), sampleType: 'uint16', format: 'png', pageCount: 1, page: 0, notes: [] };
}

const summary: RecordingSummary = {
  kind: 'folder',
  name: 'redwood',
  frames: Array.from({ length: 3 }, (_, i) => ({ timeS: i / 30, stamp: i, pose: null, hasColour: false })),
  depthUnitM: 0.001,
  depthUnitSource: 'test',
  depthCamera: null,
  colourCamera: null,
  depthToColour: null,
  streams: [],
  depthStream: 'depth',
  colourStream: null,
  hasReference: false,
  notes: [],
};

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
  it('"." pressed while frame 0 is read shows frame 1, and frame 0, answered after it, never lands', async () => {
    const opening = openRecording({ kind: 'url', name: 'redwood', url: 'redwood.zip' });
    await tick();
    expect(asked.map((a) => a.index)).toEqual([0]);
    const step = stepRecording(1);
    expect(asked.map((a) => a.index)).toEqual([0, 1]);
    release(1);
    await step;
    release(0);
    await opening;
    await tick();
    expect(recordingStore.getState().index).toBe(1);
    expect(store.getState().source?.raw.data[0]).toBe(1);
    expect(shown).toEqual([1]);
  });

  it('frame 0 answered first is still dropped once "." has asked for frame 1', async () => {
    const opening = openRecording({ kind: 'url', name: 'redwood', url: 'redwood.zip' });
    await tick();
    const step = stepRecording(1);
    release(0);
    release(1);
    await Promise.all([opening, step]);
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
