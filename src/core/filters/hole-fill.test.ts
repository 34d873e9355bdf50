import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fillFromLeft, fillFromNeighbours, pushPullFill } from './hole-fill';
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

describe('pushPullFill', () => {
  it('matches hand computations', () => {
    // levels 1: level 1 = [1, NaN]; x = 1 takes 1, x = 2, 3 see NaN.
    expect(list(pushPullFill(f32(1, NaN, NaN, NaN), 4, 1, 1))).toEqual([1, 1, NaN, NaN]);
    // levels 2: level 2 = [1] closes everything.
    expect(list(pushPullFill(f32(1, NaN, NaN, NaN), 4, 1, 2))).toEqual([1, 1, 1, 1]);
    // Mean of means, not the mean of the valid pixels (3): 8 x 1 [1 3 5 NaN NaN NaN NaN NaN]
    // has level 1 = [2, 5, NaN, NaN], level 2 = [3.5, NaN], level 3 = [3.5].
    const m = f32(1, 3, 5, NaN, NaN, NaN, NaN, NaN);
    expect(list(pushPullFill(m, 8, 1, 3))).toEqual([1, 3, 5, 5, 3.5, 3.5, 3.5, 3.5]);
    expect(list(pushPullFill(m, 8, 1, 2))).toEqual([1, 3, 5, 5, NaN, NaN, NaN, NaN]);
    // Odd sizes: 3 x 3, the partial right column and bottom row are their own blocks.
    const d = f32(NaN, NaN, 7, NaN, 2, NaN, NaN, NaN, NaN);
    expect(list(pushPullFill(d, 3, 3, 1))).toEqual([2, 2, 7, 2, 2, 7, NaN, NaN, NaN]);
  });

  it('fills a constant field with holes with that constant', () => {
    const d = new Float32Array(40 * 30).fill(1.7);
    d.fill(NaN, 100, 300);
    expect(list(pushPullFill(d, 40, 30, 4)).every((v) => v === Math.fround(1.7))).toBe(true);
  });

  it('closes any square hole narrower than 2^levels px and never one of 2^(levels+1) - 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), (levels, x0, y0) => {
        const w = 64;
        const h = 64;
        const square = (side: number) => {
          const d = new Float32Array(w * h);
          for (let i = 0; i < d.length; i++) d[i] = 1 + (i % 7) * 0.1;
          for (let y = y0; y < y0 + side; y++) d.fill(NaN, y * w + x0, y * w + x0 + side);
          return d;
        };
        const small = pushPullFill(square(2 ** levels - 1), w, h, levels);
        expect(list(small).some(Number.isNaN)).toBe(false);
        const big = pushPullFill(square(2 ** (levels + 1) - 1), w, h, levels);
        expect(list(big).some(Number.isNaN)).toBe(true);
      }),
    );
  });

  it('leaves a pixel NaN exactly when its aligned 2^levels block has no valid input', () => {
    fc.assert(
      fc.property(arbField(20, 20, 0.85), fc.integer({ min: 1, max: 5 }), ({ depth, width, height }, levels) => {
        const out = pushPullFill(depth, width, height, levels);
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) {
            let any = false;
            for (let yy = 0; yy < height; yy++) {
              for (let xx = 0; xx < width; xx++) {
                if (yy >> levels === y >> levels && xx >> levels === x >> levels && Number.isFinite(depth[yy * width + xx])) any = true;
              }
            }
            expect(Number.isNaN(out[y * width + x])).toBe(!any);
          }
        }
      }),
      { numRuns: 100 },
    );
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
