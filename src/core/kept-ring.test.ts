import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDENTITY_TRANSFORM, keptFrames } from './camera-path';
import { keepCount, keptBytes, KeptRing, keptStep, MAX_KEPT_FRAMES, ringSlots, type KeptEntry } from './kept-ring';
import type { RecordingSummary, RigidTransform } from './recording';

const posed = (n: number, without: number[] = []): (RigidTransform | null)[] => Array.from({ length: n }, (_, i) => (without.includes(i) ? null : IDENTITY_TRANSFORM));

/** Shows `frames` in order with `keep`; returns the ring after each and every copy made. */
function play(poses: readonly (RigidTransform | null)[], frames: number[], keep: number) {
  let entries: KeptEntry[] = [];
  let live: number | null = null;
  const rings: number[][] = [];
  const writes: (KeptEntry | null)[] = [];
  for (const f of frames) {
    const step = keptStep(entries, poses, live, f, keep);
    entries = step.entries;
    writes.push(step.write);
    rings.push(entries.map((e) => e.frame));
    live = f;
  }
  return { entries, rings, writes };
}

describe('keep the last N frames', () => {
  it('holds N - 1 frames beside the current one while stepping forward, in N - 1 reused buffers', () => {
    const { rings, writes } = play(posed(10), [0, 1, 2, 3, 4, 5], 3);
    expect(rings).toEqual([[], [0], [0, 1], [1, 2], [2, 3], [3, 4]]);
    expect(writes.map((w) => w?.slot ?? null)).toEqual([null, 0, 1, 0, 1, 0]);
  });

  it('is off at 0 and 1', () => {
    for (const keep of [0, 1]) expect(play(posed(5), [0, 1, 2], keep).rings).toEqual([[], [], []]);
  });

  it('stepping back drops the frames after the new one, and brings back none dropped before', () => {
    const { rings } = play(posed(10), [3, 4, 5, 6, 5, 4], 3);
    expect(rings.slice(-3)).toEqual([[4, 5], [4], []]);
  });

  it('a jump of N frames or more empties the ring; a smaller one keeps what lies in the window', () => {
    expect(play(posed(20), [0, 1, 2, 3, 9], 4).rings.at(-1)).toEqual([]);
    expect(play(posed(20), [0, 1, 2, 3, 5], 4).rings.at(-1)).toEqual([2, 3]);
  });

  it('never keeps a frame without a pose, and a current frame without one empties the ring', () => {
    const poses = posed(10, [2, 5]);
    const { rings } = play(poses, [0, 1, 2, 3, 4, 5, 6], 3);
    // At 2 (no pose) the ring empties; at 4 the window is 1, 3, 4 (2 has none) and only 3 was shown since.
    expect(rings).toEqual([[], [0], [], [], [3], [], []]);
  });

  it('showing the same frame again (another filter, stride) copies nothing', () => {
    const { writes } = play(posed(5), [0, 1, 1, 1], 3);
    expect(writes.slice(2)).toEqual([null, null]);
  });

  it('a smaller N drops buffers beyond it', () => {
    let entries = play(posed(10), [0, 1, 2, 3, 4, 5], 5).entries;
    expect(entries.map((e) => e.frame)).toEqual([1, 2, 3, 4]);
    entries = keptStep(entries, posed(10), 5, 6, 3).entries;
    expect(entries.every((e) => e.slot < 2)).toBe(true);
  });

  it('for any walk: at most N - 1 frames, each posed, distinct buffers below N - 1, all among the N posed frames up to the current', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.array(fc.integer({ min: 0, max: 29 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 29 }), { maxLength: 6 }),
        (keep, frames, without) => {
          const poses = posed(30, without);
          let entries: KeptEntry[] = [];
          let live: number | null = null;
          for (const f of frames) {
            entries = keptStep(entries, poses, live, f, keep).entries;
            live = f;
            expect(entries.length).toBeLessThanOrEqual(ringSlots(keep));
            expect(new Set(entries.map((e) => e.slot)).size).toBe(entries.length);
            for (const e of entries) {
              expect(poses[e.frame]).not.toBeNull();
              expect(e.slot).toBeLessThan(ringSlots(keep));
              expect(e.frame).toBeLessThan(f);
              expect(keptFrames(poses, f, keep)).toContain(e.frame);
            }
          }
        },
      ),
    );
  });

  it('bounds N and states the bytes held', () => {
    expect([keepCount(-1), keepCount(2.4), keepCount(1e9), keepCount(Number.NaN)]).toEqual([0, 2, MAX_KEPT_FRAMES, 0]);
    expect(ringSlots(MAX_KEPT_FRAMES)).toBe(29);
    expect(keptBytes(640 * 480, ringSlots(MAX_KEPT_FRAMES))).toBe(640 * 480 * 16 * 29);
    // With the colour image kept beside the points: 4 bytes a colour pixel, which may differ in size from the cloud's grid.
    expect(keptBytes(320 * 240, 2, 640 * 480)).toBe(2 * (320 * 240 * 16 + 640 * 480 * 4));
  });
});

/** Only what KeptRing reads of a recording: its frames' poses (and its identity). */
const recordingOf = (n: number) => ({ frames: posed(n).map((pose) => ({ pose })) }) as unknown as RecordingSummary;

describe('the ring from frame to frame (KeptRing)', () => {
  const grid = { columns: 4, rows: 3 };

  it('a new N keeps the frame on screen: N set and a step drawn before frame 0 was redrawn still keeps frame 0', () => {
    const summary = recordingOf(5);
    const ring = new KeptRing<string>();
    expect(ring.advance({ keep: 1, summary, frame: 0, ...grid, live: null }).write).toBeNull();
    ring.drew('live', 0);
    // keep = 3 arrives with the step to frame 1, in one draw: frame 0 is still in the live buffer.
    const plan = ring.advance({ keep: 3, summary, frame: 1, ...grid, live: 'live' });
    expect(plan.reset).toBe(true);
    expect(plan.slots).toBe(2);
    expect(plan.write).toEqual({ frame: 0, slot: 0 });
    expect(ring.kept).toEqual([{ frame: 0, slot: 0 }]);
  });

  it("a colour image's new size remakes the buffers but still keeps the frame left (a first colour frame after the depth)", () => {
    const summary = recordingOf(5);
    const ring = new KeptRing<string>();
    ring.advance({ keep: 3, summary, frame: 0, ...grid, live: null, colourSize: null });
    ring.drew('live', 0);
    const plan = ring.advance({ keep: 3, summary, frame: 1, ...grid, live: 'live', colourSize: { width: 8, height: 6 } });
    expect(plan).toMatchObject({ reset: true, write: { frame: 0, slot: 0 } });
    ring.drew('live', 1);
    expect(ring.advance({ keep: 3, summary, frame: 2, ...grid, live: 'live', colourSize: { width: 8, height: 6 } })).toMatchObject({ reset: false, write: { frame: 1, slot: 1 } });
  });

  it('a new grid or recording forgets the live buffer: its points are another size or timeline', () => {
    const summary = recordingOf(5);
    const ring = new KeptRing<string>();
    ring.advance({ keep: 3, summary, frame: 0, ...grid, live: null });
    ring.drew('live', 0);
    expect(ring.advance({ keep: 3, summary, frame: 1, columns: 2, rows: 2, live: 'live' })).toMatchObject({ reset: true, write: null });
    ring.drew('live', 1);
    const other = recordingOf(5);
    expect(ring.advance({ keep: 3, summary: other, frame: 2, columns: 2, rows: 2, live: 'live' })).toMatchObject({ reset: true, write: null });
  });

  it('steps as keptStep does, copies only from the buffer that holds the frame left, and empties with no recording', () => {
    const summary = recordingOf(6);
    const ring = new KeptRing<string>();
    const writes: (KeptEntry | null)[] = [];
    for (let f = 0; f < 5; f++) {
      const plan = ring.advance({ keep: 3, summary, frame: f, ...grid, live: f === 0 ? null : 'live' });
      expect(plan.reset).toBe(f === 0);
      writes.push(plan.write);
      ring.drew('live', f);
    }
    expect(writes).toEqual(play(posed(6), [0, 1, 2, 3, 4], 3).writes);
    // A remade live object (another buffer) holds no frame the ring knows: nothing is copied from it.
    expect(ring.advance({ keep: 3, summary, frame: 5, ...grid, live: 'another' }).write).toBeNull();
    expect(ring.advance({ keep: 3, summary: null, frame: 0, ...grid, live: 'live' })).toMatchObject({ reset: true, slots: 0, entries: [], write: null });
    expect(ring.placed).toBe(false);
  });
});
