/** associate.py's greedy one-to-one matching, against stamps worked by hand. */
import { describe, expect, it } from 'vitest';
import { nearestStamps } from '../../core/recording';
import { associateStamps } from './tum-associate';

describe('TUM association', () => {
  it('gives a colour frame to the closer depth frame; the other takes its next candidate', () => {
    // Pairs by difference: (d1,c0) 2 ms, (d0,c0) 8 ms, (d1,c1) 9 ms, (d0,c1) 19 ms.
    // Greedy takes d1-c0, skips d0-c0 (c0 used) and d1-c1 (d1 used), takes d0-c1.
    const depth = [1.0, 1.01];
    const colour = [1.008, 1.019];
    expect(associateStamps(depth, colour)).toEqual([1, 0]);
    // Nearest-neighbour would give c0 to both.
    expect(nearestStamps(depth, colour, 0.02)).toEqual([0, 0]);
  });

  it('leaves a depth frame without colour when its only candidate is taken or 20 ms away or more', () => {
    expect(associateStamps([10.0, 10.004], [10.003])).toEqual([-1, 0]);
    // associate.py keeps |a - b| < max_difference, strictly.
    expect(associateStamps([2.0], [2.5])).toEqual([-1]);
    expect(associateStamps([0], [0.02])).toEqual([-1]);
    expect(associateStamps([0], [0.0199])).toEqual([0]);
  });

  it('breaks ties by the earlier colour stamp, as Python sorts (diff, rgb, depth) tuples', () => {
    // Colour 0.99 and 1.01 are both 10 ms from depth 1.0: the earlier wins; the other depth frame gets the rest.
    expect(associateStamps([1.0, 1.02], [0.99, 1.01])).toEqual([0, 1]);
    expect(associateStamps([1.0], [0.99, 1.01])).toEqual([0]);
  });

  it('matches one to one across a long sequence at different rates', () => {
    const depth = Array.from({ length: 30 }, (_, i) => i / 30);
    const colour = Array.from({ length: 25 }, (_, i) => 0.004 + i / 25);
    const pairs = associateStamps(depth, colour);
    const used = pairs.filter((c) => c >= 0);
    expect(new Set(used).size).toBe(used.length);
    pairs.forEach((c, d) => c >= 0 && expect(Math.abs(depth[d] - colour[c])).toBeLessThan(0.02));
  });
});
