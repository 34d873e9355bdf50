import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fillFromLeft, fillFromNeighbours } from './hole-fill';
import { pushPullFill } from './push-pull';
import { arbField, f32, list } from '../../io/filter-field-fixtures';

describe('fillFromLeft', () => {
  it('takes the nearest valid value to the left, per row', () => {
    // 6 x 2: row 0 starts with a hole (stays), row 1 has a hole at the end.
    const d = f32(NaN, 1, NaN, NaN, 2, NaN, 3, NaN, Infinity, 4, NaN, NaN);
    expect(list(fillFromLeft(d, 6, 2))).toEqual([NaN, 1, 1, 1, 2, 2, 3, 3, 3, 4, 4, 4]);
  });
});

describe('fillFromNeighbours (librealsense hole-filling-filter.h:75-159)', () => {
  it('farthest: the largest of up, up-left, left, down-left and down; right neighbours never count', () => {
    // 3 x 3, hole in the middle: up 1, left 2, down 3, right 4 (not looked at), corners 9 and 8.
    expect(fillFromNeighbours(f32(9, 1, 9, 2, NaN, 4, 8, 3, 0.5), 3, 3, 'farthest')[4]).toBe(9); // up-left
    expect(fillFromNeighbours(f32(0.5, 1, 9, 2, NaN, 4, 0.5, 3, 9), 3, 3, 'farthest')[4]).toBe(3); // down
  });

  it('nearest: the smallest valid one below up, and nothing when up is empty (h:135-153)', () => {
    expect(fillFromNeighbours(f32(9, 5, 9, 2, NaN, 4, 9, 3, 9), 3, 3, 'nearest')[4]).toBe(2);
    expect(fillFromNeighbours(f32(9, NaN, 9, 2, NaN, 4, 9, 3, 9), 3, 3, 'nearest')[4]).toBeNaN();
  });

  it('fills in place, row by row: a whole hole closes from its up-left side', () => {
    // 5 x 4, a 3 x 2 hole: row 1 fills from the row above, row 2 from the filled row 1.
    const d = f32(1, 2, 3, 4, 5, 1, NaN, NaN, NaN, 5, 1, NaN, NaN, NaN, 5, 1, 1, 1, 1, 1);
    expect(list(fillFromNeighbours(d, 5, 4, 'farthest'))).toEqual([1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 1, 1, 1, 1]);
    // The first and last rows and the first column are never filled.
    const border = f32(NaN, NaN, NaN, NaN, 5, 5, NaN, 5, 5);
    expect(list(fillFromNeighbours(border, 3, 3, 'farthest'))).toEqual([NaN, NaN, NaN, NaN, 5, 5, NaN, 5, 5]);
  });

  it('treats 0 and non-finite values as no depth, as librealsense treats 0', () => {
    expect(fillFromNeighbours(f32(7, 1, 9, 2, 0, 4, 9, 3, 9), 3, 3, 'nearest')[4]).toBe(1);
    expect(fillFromNeighbours(f32(7, Infinity, 9, 2, -Infinity, 4, 0.5, 3, 9), 3, 3, 'farthest')[4]).toBe(7);
  });
});

describe('all hole fills', () => {
  it('never change a valid pixel, only fill with values within the valid range, and do not mutate the input', () => {
    fc.assert(
      fc.property(arbField(16, 16, 0.5), fc.integer({ min: 1, max: 12 }), ({ depth, width, height }, levels) => {
        const copy = depth.slice();
        const valid = list(depth).filter(Number.isFinite);
        const outs = [
          fillFromLeft(depth, width, height),
          fillFromNeighbours(depth, width, height, 'farthest'),
          fillFromNeighbours(depth, width, height, 'nearest'),
          pushPullFill(depth, width, height, levels),
          pushPullFill(depth, width, height, levels, { fill: 'edge', inverse: false }),
          pushPullFill(depth, width, height, levels, { fill: 'edge', inverse: true }),
        ];
        expect(list(depth)).toEqual(list(copy));
        for (const out of outs) {
          expect(out.length).toBe(depth.length);
          for (let i = 0; i < depth.length; i++) {
            if (Number.isFinite(depth[i])) expect(out[i]).toBe(depth[i]);
            else if (!Number.isNaN(out[i])) {
              expect(out[i]).toBeGreaterThanOrEqual(Math.min(...valid));
              expect(out[i]).toBeLessThanOrEqual(Math.max(...valid));
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('refuse bad arguments', () => {
    expect(() => pushPullFill(new Float32Array(4), 2, 2, 0)).toThrow(RangeError);
    expect(() => pushPullFill(new Float32Array(4), 2, 2, 13)).toThrow(RangeError);
    expect(() => fillFromLeft(new Float32Array(4), 3, 2)).toThrow(RangeError);
    expect(() => fillFromNeighbours(new Float32Array(4), 2, 2, 'middle' as 'nearest')).toThrow(RangeError);
  });
});
