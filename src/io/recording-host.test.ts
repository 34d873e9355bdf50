import { describe, expect, it } from 'vitest';
import type { Recording } from '../core/recording';
import { fakeDepth, fakeSummary } from './fake-recording';
import { RecordingHost } from './recording-host';
import type { RecordingResponse } from './recording-protocol';
import { DEFAULT_UNITS } from '../core/units';
import { analyzeDepth } from './analyze-depth';

const summary = (frames: number) => fakeSummary(frames, (i) => i % 2 === 0);
const depth = fakeDepth;

/** A recording whose frame k holds the value k, counting its reads. */
function fakeRecording(frames: number) {
  const reads = { depth: 0, colour: 0 };
  const recording: Recording = {
    summary: summary(frames),
    readDepth: (i) => (reads.depth++, Promise.resolve(depth(i))),
    readColour: (i) => (reads.colour++, Promise.resolve({ name: `c${i}`, width: 2, height: 1, rgba: new Uint8ClampedArray(8).fill(i) })),
    readReference: () => Promise.resolve(null),
  };
  return { recording, reads };
}

function host(open: (name: string) => Promise<Recording>) {
  const answers: RecordingResponse[] = [];
  const transfers: Transferable[][] = [];
  const h = new RecordingHost(
    (input) => open(input.name),
    (m, transfer = []) => (answers.push(m), transfers.push(transfer)),
  );
  const last = () => answers[answers.length - 1];
  return { h, answers, transfers, last };
}

function frameAnswer(a: RecordingResponse) {
  if (a.kind !== 'frame') throw new Error(`expected a frame, got ${a.kind}`);
  return a;
}

const openReq = (id: number, name: string) => ({ id, kind: 'open' as const, input: { kind: 'url' as const, name, url: name }, choice: {} });

describe('RecordingHost', () => {
  it('answers a frame with its depth and, when the frame has one, its colour', async () => {
    const { recording } = fakeRecording(5);
    const { h, last } = host(() => Promise.resolve(recording));
    await h.handle(openReq(1, 'clip'));
    expect(last()).toMatchObject({ id: 1, kind: 'opened', summary: { frames: expect.any(Array) } });
    await h.handle({ id: 2, kind: 'frame', index: 2, colour: true, reference: false });
    const a = last();
    if (a.kind !== 'frame') throw new Error(`expected a frame, got ${a.kind}`);
    expect([...a.frame.depth.data]).toEqual([2, 2]);
    expect(a.frame.colour?.name).toBe('c2');
    await h.handle({ id: 3, kind: 'frame', index: 3, colour: true, reference: false });
    const b = last();
    expect(b.kind === 'frame' && b.frame.colour).toBeNull();
  });

  it('decodes a frame once while it stays in the cache', async () => {
    const { recording, reads } = fakeRecording(5);
    const { h } = host(() => Promise.resolve(recording));
    await h.handle(openReq(1, 'clip'));
    for (let id = 2; id < 6; id++) await h.handle({ id, kind: 'frame', index: 1, colour: false, reference: false });
    expect(reads.depth).toBe(1);
  });

  it('keeps the open recording when another fails to open, and refuses frames outside it', async () => {
    const { recording } = fakeRecording(3);
    const { h, last } = host((name) => (name === 'bad' ? Promise.reject(new Error('the bag is truncated')) : Promise.resolve(recording)));
    await h.handle(openReq(1, 'clip'));
    await h.handle(openReq(2, 'bad'));
    expect(last()).toEqual({ id: 2, kind: 'error', message: 'the bag is truncated' });
    await h.handle({ id: 3, kind: 'frame', index: 0, colour: false, reference: false });
    expect(last().kind).toBe('frame');
    await h.handle({ id: 4, kind: 'frame', index: 3, colour: false, reference: false });
    expect(last()).toEqual({ id: 4, kind: 'error', message: 'There is no frame 4: the recording has 3.' });
  });

  it('says so when asked for a frame before any recording is open', async () => {
    const { h, last } = host(() => Promise.reject(new Error('unused')));
    await h.handle({ id: 1, kind: 'frame', index: 0, colour: false, reference: false });
    expect(last()).toEqual({ id: 1, kind: 'error', message: 'No recording is open.' });
  });

  it('sends copies of the cached buffers, transferred, with the analysis in the units asked for', async () => {
    const { recording } = fakeRecording(3);
    const { h, last, transfers } = host(() => Promise.resolve(recording));
    await h.handle(openReq(1, 'clip'));
    const units = { ...DEFAULT_UNITS, scale: 'mm' as const };
    await h.handle({ id: 2, kind: 'frame', index: 2, colour: true, reference: false, units });
    const a = frameAnswer(last());
    expect(a.analysis).toEqual(analyzeDepth(depth(2), units));
    const sent = [a.frame.depth.data.buffer, a.frame.colour!.rgba.buffer, a.analysis!.depth.buffer, a.analysis!.sortedValid.buffer];
    expect(transfers.at(-1)).toEqual(sent);
    // The main thread owns what it was sent: spoiling it leaves the cached frame whole.
    a.frame.depth.data.fill(0);
    await h.handle({ id: 3, kind: 'frame', index: 2, colour: true, reference: false });
    expect([...frameAnswer(last()).frame.depth.data]).toEqual([2, 2]);
    expect(frameAnswer(last()).analysis).toBeNull();
  });

  it('reads the next frame ahead while playing: asked for, it is neither read nor analysed again', async () => {
    const { recording, reads } = fakeRecording(4);
    const { h, last } = host(() => Promise.resolve(recording));
    await h.handle(openReq(1, 'clip'));
    const units = { ...DEFAULT_UNITS, scale: 'mm' as const };
    await h.handle({ id: 2, kind: 'frame', index: 0, colour: true, reference: false, units, next: 1 });
    expect(reads.depth).toBe(2);
    await h.handle({ id: 3, kind: 'frame', index: 1, colour: true, reference: false, units });
    expect(reads.depth).toBe(2);
    expect(frameAnswer(last()).analysis).toEqual(analyzeDepth(depth(1), units));
    // In other units the analysis read ahead does not serve: it is made again, in those.
    await h.handle({ id: 4, kind: 'frame', index: 2, colour: true, reference: false, units, next: 3 });
    const metres = { ...DEFAULT_UNITS, scale: 'm' as const };
    await h.handle({ id: 5, kind: 'frame', index: 3, colour: true, reference: false, units: metres });
    expect(frameAnswer(last()).analysis).toEqual(analyzeDepth(depth(3), metres));
  });

  it('answers a frame read ahead that failed when it is asked for, with its error', async () => {
    const { recording } = fakeRecording(3);
    let fail = true;
    const readDepth = recording.readDepth;
    recording.readDepth = (i) => (i === 1 && fail ? Promise.reject(new Error('chunk 1 is damaged')) : readDepth(i));
    const { h, last } = host(() => Promise.resolve(recording));
    await h.handle(openReq(1, 'clip'));
    await h.handle({ id: 2, kind: 'frame', index: 0, colour: false, reference: false, next: 1 });
    expect(last().kind).toBe('frame');
    await h.handle({ id: 3, kind: 'frame', index: 1, colour: false, reference: false });
    expect(last()).toEqual({ id: 3, kind: 'error', message: 'chunk 1 is damaged' });
    fail = false;
    await h.handle({ id: 4, kind: 'frame', index: 1, colour: false, reference: false });
    expect([...frameAnswer(last()).frame.depth.data]).toEqual([1, 1]);
  });
});
