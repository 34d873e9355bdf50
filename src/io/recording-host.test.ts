import { describe, expect, it } from 'vitest';
import type { RawDepthImage } from '../core/depth-image';
import type { Recording, RecordingSummary } from '../core/recording';
import { RecordingHost } from './recording-host';
import type { RecordingResponse } from './recording-protocol';

function summary(frames: number): RecordingSummary {
  return {
    kind: 'folder',
    name: 'clip',
    frames: Array.from({ length: frames }, (_, i) => ({ timeS: i / 10, stamp: i, pose: null, hasColour: i % 2 === 0 })),
    depthUnitM: 0.001,
    depthUnitSource: 'test',
    depthCamera: null,
    colourCamera: null,
    depthToColour: null,
    streams: [],
    depthStream: 'depth',
    colourStream: 'colour',
    hasReference: false,
    notes: [],
  };
}

function depth(value: number): RawDepthImage {
  return { width: 2, height: 1, data: new Uint16Array([value, value]), sampleType: 'uint16', format: 'png', pageCount: 1, page: 0, notes: [] };
}

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
  const h = new RecordingHost((input) => open(input.name), (m) => answers.push(m));
  const last = () => answers[answers.length - 1];
  return { h, answers, last };
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
});
