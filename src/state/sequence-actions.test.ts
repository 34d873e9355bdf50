/**
 * Quick steps through loose depth files: each file's bytes take their own time
 * to read, so without care the frame asked for first could land last.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const opened: string[] = [];
vi.mock('./load-actions', () => ({
  openBytes: vi.fn(async (_bytes: ArrayBuffer, name: string, _mime: string, _url: null, _scale: undefined, frame: { sequence: number; index: number }) => {
    opened.push(name);
    const { setState } = await import('./store');
    setState({ source: { name, url: null, raw: {} as never, frame } });
    return true;
  }),
  openFile: vi.fn(),
  newMainImageRequest: () => () => true,
}));

const { openFiles, showFrame, stepFrame } = await import('./sequence-actions');
const { initialState, store } = await import('./store');

/** A file whose bytes arrive when the test says. */
function slowFile(name: string) {
  let release!: () => void;
  const ready = new Promise<void>((r) => (release = r));
  const file = new File([new Uint8Array(4)], name, { type: 'image/png' });
  Object.defineProperty(file, 'arrayBuffer', { value: () => ready.then(() => new ArrayBuffer(4)) });
  return { file, release };
}

afterEach(() => {
  opened.length = 0;
  store.setState(initialState(), true);
});

describe('stepping a sequence of loose files', () => {
  it('shows the frame asked for last, even when an earlier one finishes reading after it, and quick steps add up', async () => {
    const frames = ['d0.png', 'd1.png', 'd2.png', 'd3.png'].map(slowFile);
    frames[0].release();
    await openFiles(frames.map((f) => f.file));
    expect(store.getState().sequence?.index).toBe(0);

    // Two quick steps: frames 1 then 2 asked for; frame 2's bytes come first, frame 1's after.
    const first = stepFrame(1);
    const second = stepFrame(1);
    frames[2].release();
    await tick();
    frames[1].release();
    await Promise.all([first, second]);
    expect(store.getState().sequence?.index).toBe(2);
    expect(store.getState().source?.name).toBe('d2.png');
    // The overtaken frame was never shown.
    expect(opened).toEqual(['d0.png', 'd2.png']);
  });

  it('frames asked for directly (the scrubber) land in the order asked, whatever order their bytes arrive in', async () => {
    const frames = ['d0.png', 'd1.png', 'd2.png'].map(slowFile);
    frames[0].release();
    await openFiles(frames.map((f) => f.file));
    const first = showFrame(1);
    const second = showFrame(2);
    frames[2].release();
    await tick();
    frames[1].release();
    expect(await Promise.all([first, second])).toEqual([false, true]);
    expect(store.getState().source?.name).toBe('d2.png');
    expect(store.getState().sequence?.index).toBe(2);
  });
});

const tick = () => new Promise((r) => setTimeout(r, 0));
