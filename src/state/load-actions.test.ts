/**
 * The newest thing the user asked to see stays on screen, whatever order the
 * workers answer in. The case that happened in CI: the start-up sample was
 * still decoding when a folder was opened; the folder's first frame landed,
 * then the sample did, replacing it (and closing the recording). Here the load
 * worker's answers come when the test says.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RawDepthImage } from '../core/depth-image';
import { fakeDepth, fakeSummary } from '../io/fake-recording';

/** The decodes asked of the fake load worker, each answered when the test releases it. */
const decodes: { release: () => void }[] = [];

vi.mock('../io/load-client', () => ({
  Superseded: class extends Error {},
  LoadClient: class {
    load = (_bytes: ArrayBuffer, _mime: string, _decode: unknown, units: unknown) =>
      new Promise((resolve) => {
        const raw: RawDepthImage = fakeDepth(100 + decodes.length);
        decodes.push({ release: () => resolve({ raw, units, analysis: { depth: new Float32Array(raw.data.length) }, timings: {} }) });
      });
    analyze = () => Promise.resolve({ depth: new Float32Array(1) });
  },
}));

vi.mock('../io/recording-client', () => ({
  RecordingClient: class {
    open = () => Promise.resolve(fakeSummary(2));
    frame = (index: number) => Promise.resolve({ frame: { index, depth: fakeDepth(index), colour: null, reference: null }, analysis: null });
    close = () => {};
  },
}));

const { openBytes, openUrl, newMainImageRequest, showDepthMap } = await import('./load-actions');
const { openRecording, closeRecording } = await import('./recording-actions');
const { recordingStore } = await import('./recording-store');
const { initialState, store } = await import('./store');

const tick = () => new Promise((r) => setTimeout(r, 0));
const shownValue = () => store.getState().source?.raw.data[0];

afterEach(() => {
  closeRecording();
  decodes.length = 0;
  store.setState(initialState(), true);
  vi.unstubAllGlobals();
});

describe('an open that lands after a newer one', () => {
  it('the start-up sample decoding while a recording opens is dropped when it lands, and its progress line with it', async () => {
    const sample = openBytes(new ArrayBuffer(4), 'tum-depth.png', 'image/png', '/samples/tum-depth.png');
    expect(store.getState().loading?.name).toBe('tum-depth.png');
    await openRecording({ kind: 'url', name: 'redwood', url: 'redwood.zip' });
    expect(shownValue()).toBe(0);
    decodes[0].release();
    expect(await sample).toBe(false);
    expect(shownValue()).toBe(0);
    expect(store.getState().source?.name).toBe('clip · frame 1');
    expect(recordingStore.getState().summary).not.toBeNull();
    expect(store.getState().loading).toBeNull();
  });

  it('a sample still downloading when a recording opens is not decoded at all', async () => {
    let respond!: (r: Response) => void;
    vi.stubGlobal('fetch', () => new Promise<Response>((r) => (respond = r)));
    const sample = openUrl('/samples/tum-depth.png', 'tum');
    await openRecording({ kind: 'url', name: 'redwood', url: 'redwood.zip' });
    respond(new Response(new Uint8Array(4)));
    await tick();
    for (const d of decodes) d.release(); // (only reached when the check is missing: the failure is then an assertion, not a hang)
    expect(await sample).toBe(false);
    expect(decodes).toHaveLength(0);
    expect(shownValue()).toBe(0);
  });

  it('of two files, the one opened last stays, whichever decodes first', async () => {
    const first = openBytes(new ArrayBuffer(4), 'a.png', 'image/png', null);
    newMainImageRequest(); // what openFile does for the second file before its bytes are read
    const second = openBytes(new ArrayBuffer(4), 'b.png', 'image/png', null);
    decodes[1].release();
    expect(await second).toBe(true);
    decodes[0].release();
    expect(await first).toBe(false);
    expect(store.getState().source?.name).toBe('b.png');
  });

  it('a map made in the app (a photo’s depth) is dropped when something newer was asked for meanwhile', async () => {
    const asked = newMainImageRequest();
    newMainImageRequest(); // the user opened a file while the model ran
    expect(await showDepthMap(fakeDepth(7), 'photo.jpg', undefined, {}, { wanted: asked })).toBe(false);
    expect(store.getState().source).toBeNull();
    // Frames of one stream do not overtake each other through this counter: each is checked from its own start.
    expect(await showDepthMap(fakeDepth(8), 'camera', undefined)).toBe(true);
    expect(shownValue()).toBe(8);
    await tick();
  });
});
