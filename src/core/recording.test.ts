import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frameAtTime, nearestStamps, type RecordingFrame } from './recording';

const framesAt = (times: number[]): RecordingFrame[] => times.map((timeS) => ({ timeS, stamp: timeS, pose: null, hasColour: false }));

describe('frameAtTime', () => {
  it('takes the nearest frame, the earlier one on a tie, and clamps outside the recording', () => {
    const frames = framesAt([0, 0.1, 0.2, 0.5]);
    expect(frameAtTime(frames, -3)).toBe(0);
    expect(frameAtTime(frames, 0.14)).toBe(1);
    expect(frameAtTime(frames, 0.16)).toBe(2);
    expect(frameAtTime(frames, 0.35)).toBe(2);
    expect(frameAtTime(frames, 9)).toBe(3);
    expect(frameAtTime([], 1)).toBe(-1);
  });

  it('agrees with a scan over all frames', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 }), fc.double({ min: -5, max: 105, noNaN: true }), (times, t) => {
        const frames = framesAt([...times].sort((a, b) => a - b));
        const best = Math.min(...frames.map((f) => Math.abs(f.timeS - t)));
        expect(Math.abs(frames[frameAtTime(frames, t)].timeS - t)).toBe(best);
      }),
    );
  });
});

describe('nearestStamps', () => {
  it('pairs each target with the nearest candidate within the bound, or -1', () => {
    expect(nearestStamps([1.0, 1.05, 2.0], [0.99, 1.04, 1.5], 0.02)).toEqual([0, 1, -1]);
    expect(nearestStamps([1], [], 0.02)).toEqual([-1]);
  });
});
