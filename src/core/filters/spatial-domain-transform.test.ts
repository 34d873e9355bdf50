import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spatialFilter, type SpatialFilterParams } from './spatial-domain-transform';
import { gaussian, mulberry32 } from '../seeded-random';
import { arbField, f32, list, stdOfFinite } from './test-support';

const P: SpatialFilterParams = { alpha: 0.5, delta: 0.5, iterations: 1, holeFill: 0 };
const fr = Math.fround;

/** A row with a hole of `hole` px at x = 3.., constant 2 elsewhere. */
function rowWithHole(hole: number, width = 20): Float32Array {
  const d = new Float32Array(width).fill(2);
  d.fill(NaN, 3, 3 + hole);
  return d;
}

describe('spatialFilter', () => {
  it('matches a hand computation of the four passes on one row', () => {
    // (a) x=1: |1.1 - 1| < 0.5 -> 0.5*1.1 + 0.5*1 = 1.05; x=2: |5 - 1.05| >= 0.5, kept.
    // (b) from x=2: x=1 (1.05 vs 5) kept; x=0: 0.5*1 + 0.5*1.05. Columns of height 1: nothing.
    const a1 = fr(0.5 * fr(1.1) + 0.5 * 1);
    const out = spatialFilter(f32(1, 1.1, 5), 3, 1, P);
    expect(list(out)).toEqual([fr(0.5 * 1 + 0.5 * a1), a1, 5]);
    // A column is filtered the same way (passes c, d).
    expect(list(spatialFilter(f32(1, 1.1, 5), 1, 3, P))).toEqual(list(out));
  });

  it('compares with the last valid value across a hole (prev survives invalid pixels)', () => {
    const a = fr(0.5 * 3 + 0.5 * 2); // (a): x=2 sees prev = 2 from x=0
    expect(list(spatialFilter(f32(2, NaN, 3), 3, 1, { ...P, delta: 1.5 }))).toEqual([fr(0.5 * 2 + 0.5 * a), NaN, a]);
  });

  it('makes a noisy plane smoother', () => {
    const g = gaussian(mulberry32(11));
    const w = 48;
    const h = 32;
    const d = new Float32Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) d[y * w + x] = 1.5 + 0.0005 * x + 0.005 * g();
    const residual = (a: Float32Array) => {
      const r = new Float64Array(a.length);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) r[y * w + x] = a[y * w + x] - (1.5 + 0.0005 * x);
      return r;
    };
    const out = spatialFilter(d, w, h, { alpha: 0.5, delta: 0.05, iterations: 2, holeFill: 0 });
    expect(stdOfFinite(residual(out))).toBeLessThan(0.5 * stdOfFinite(residual(d)));
  });

  it('keeps a step larger than delta sharp: each side filters as if the other did not exist', () => {
    const g = gaussian(mulberry32(5));
    const w = 24;
    const h = 10;
    const split = 9;
    const d = new Float32Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) d[y * w + x] = (x < split ? 1 : 1.4) + 0.003 * g();
    const p: SpatialFilterParams = { alpha: 0.4, delta: 0.1, iterations: 3, holeFill: 0 };
    const out = spatialFilter(d, w, h, p);
    const part = (x0: number, x1: number, a: Float32Array) => {
      const r = new Float32Array((x1 - x0) * h);
      for (let y = 0; y < h; y++) for (let x = x0; x < x1; x++) r[y * (x1 - x0) + x - x0] = a[y * w + x];
      return r;
    };
    expect(list(part(0, split, out))).toEqual(list(spatialFilter(part(0, split, d), split, h, p)));
    expect(list(part(split, w, out))).toEqual(list(spatialFilter(part(split, w, d), w - split, h, p)));
  });

  it('fills horizontal holes up to holeFill px in one iteration, and only their left part when wider', () => {
    const p = { ...P, holeFill: 3 };
    for (const hole of [1, 2, 3]) expect(list(spatialFilter(rowWithHole(hole), 20, 1, p))).toEqual(list(new Float32Array(20).fill(2)));
    const wide = list(spatialFilter(rowWithHole(5), 20, 1, p));
    expect(wide.slice(3, 8)).toEqual([2, 2, 2, NaN, NaN]);
    // Each further iteration fills another holeFill px: 5 <= 2 * 3.
    expect(list(spatialFilter(rowWithHole(5), 20, 1, { ...p, iterations: 2 }))).toEqual(list(new Float32Array(20).fill(2)));
    expect(list(spatialFilter(rowWithHole(7), 20, 1, { ...p, iterations: 2 })).filter(Number.isNaN)).toHaveLength(1);
    // No fill without holeFill, at the left border, or along columns.
    expect(list(spatialFilter(rowWithHole(2), 20, 1, P)).filter(Number.isNaN)).toHaveLength(2);
    expect(list(spatialFilter(f32(NaN, NaN, 2, 2), 4, 1, p))).toEqual([NaN, NaN, 2, 2]);
    expect(list(spatialFilter(f32(2, NaN, 2), 1, 3, p))).toEqual([2, NaN, 2]);
  });

  it('fills with the smoothed value left of the hole, which then smooths like any sample', () => {
    const out = spatialFilter(f32(1, 1.2, NaN, 1.2), 4, 1, { ...P, holeFill: 1 });
    const a1 = fr(0.5 * fr(1.2) + 0.5 * 1);
    // (a): x1 = a1, x2 = a1 (fill), x3 = 0.5*1.2 + 0.5*a1. (b) runs back over all four.
    const a3 = fr(0.5 * fr(1.2) + 0.5 * a1);
    const b2 = fr(0.5 * a1 + 0.5 * a3);
    const b1 = fr(0.5 * a1 + 0.5 * b2);
    const b0 = fr(0.5 * 1 + 0.5 * b1);
    expect(list(out)).toEqual([b0, b1, b2, a3]);
  });

  it('never creates or moves values out of range; without hole fill keeps the hole pattern; alpha 1 is the identity', () => {
    fc.assert(
      fc.property(
        arbField(14, 10, 0.3),
        fc.double({ min: 0.25, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 4 }),
        ({ depth, width, height }, alpha, delta, iterations, holeFill) => {
          const copy = depth.slice();
          const out = spatialFilter(depth, width, height, { alpha, delta, iterations, holeFill });
          expect(list(depth)).toEqual(list(copy));
          const valid = list(depth).filter(Number.isFinite);
          const lo = Math.min(...valid);
          const hi = Math.max(...valid);
          for (let i = 0; i < depth.length; i++) {
            if (Number.isFinite(depth[i])) expect(Number.isFinite(out[i])).toBe(true);
            else if (holeFill === 0) expect(out[i]).toBeNaN();
            if (Number.isFinite(out[i])) {
              expect(out[i]).toBeGreaterThanOrEqual(lo);
              expect(out[i]).toBeLessThanOrEqual(hi);
            }
          }
          if (holeFill === 0) expect(list(spatialFilter(depth, width, height, { alpha: 1, delta, iterations, holeFill }))).toEqual(list(depth));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses bad parameters', () => {
    const d = new Float32Array(4);
    expect(() => spatialFilter(d, 2, 2, { ...P, alpha: 0.2 })).toThrow(RangeError);
    expect(() => spatialFilter(d, 2, 2, { ...P, alpha: 1.1 })).toThrow(RangeError);
    expect(() => spatialFilter(d, 2, 2, { ...P, delta: -1 })).toThrow(RangeError);
    expect(() => spatialFilter(d, 2, 2, { ...P, iterations: 0 })).toThrow(RangeError);
    expect(() => spatialFilter(d, 2, 2, { ...P, iterations: 6 })).toThrow(RangeError);
    expect(() => spatialFilter(d, 2, 2, { ...P, holeFill: 1.5 })).toThrow(RangeError);
  });
});
