import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bilateral, type BilateralParams } from './bilateral';
import { gaussian, mulberry32 } from '../seeded-random';
import { arbField, f32, list, stdOfFinite } from '../../io/filter-field-fixtures';

const P: BilateralParams = { radius: 1, sigmaSpatialPx: 1, sigmaRange: 1, rangeMode: 'absolute' };

describe('bilateral', () => {
  it('matches a hand computation (border clipping, NaN ignored)', () => {
    // 3 x 1 [1, 2, NaN], r = 1, sigmas 1: at x = 0 the weights are 1 (itself) and
    // exp(-1/2) * exp(-1/2) = e^-1 (x = 1); x = 2 is invalid and stays NaN.
    const out = bilateral(f32(1, 2, NaN), 3, 1, P);
    const e = Math.exp(-1);
    expect(out[0]).toBe(Math.fround((1 + 2 * e) / (1 + e)));
    expect(out[1]).toBe(Math.fround((1 * e + 2) / (1 + e)));
    expect(out[2]).toBeNaN();
  });

  it('uses sigmaRange * |centre depth| in relative mode', () => {
    // 2 x 1 [2, 3], sigmaRange 0.5 relative: at x = 0 sigmaR = 1, at x = 1 sigmaR = 1.5.
    const out = bilateral(f32(2, 3), 2, 1, { ...P, sigmaRange: 0.5, rangeMode: 'relative' });
    const s = Math.exp(-0.5);
    const w0 = s * Math.exp(-1 / 2);
    const w1 = s * Math.exp(-1 / (2 * 1.5 * 1.5));
    expect(out[0]).toBe(Math.fround((2 + 3 * w0) / (1 + w0)));
    expect(out[1]).toBe(Math.fround((3 + 2 * w1) / (1 + w1)));
    // A centre at depth 0 has sigmaR = 0: only equal depths count, so it keeps its value.
    expect(list(bilateral(f32(0, 0.001, 0), 3, 1, { ...P, rangeMode: 'relative' }))[0]).toBe(0);
  });

  it('keeps a constant field and a step far above sigmaRange exactly', () => {
    const w = 12;
    const h = 6;
    const d = new Float32Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) d[y * w + x] = x < 5 ? 1.5 : 2.5;
    const out = bilateral(d, w, h, { radius: 3, sigmaSpatialPx: 2, sigmaRange: 0.01, rangeMode: 'absolute' });
    expect(list(out)).toEqual(list(d));
  });

  it('reduces noise on a plane', () => {
    const g = gaussian(mulberry32(7));
    const w = 40;
    const h = 30;
    const d = new Float32Array(w * h);
    for (let i = 0; i < d.length; i++) d[i] = 2 + 0.01 * g();
    const out = bilateral(d, w, h, { radius: 2, sigmaSpatialPx: 1.5, sigmaRange: 0.02, rangeMode: 'relative' });
    expect(stdOfFinite(out)).toBeLessThan(0.5 * stdOfFinite(d));
  });

  it('scales with the depth in relative mode', () => {
    const g = gaussian(mulberry32(3));
    const d = new Float32Array(64);
    for (let i = 0; i < d.length; i++) d[i] = 1 + 0.05 * g();
    const p: BilateralParams = { radius: 2, sigmaSpatialPx: 1, sigmaRange: 0.03, rangeMode: 'relative' };
    const a = bilateral(d, 8, 8, p);
    const b = bilateral(d.map((v) => v * 4), 8, 8, p); // x4 is exact in float32
    for (let i = 0; i < d.length; i++) expect(b[i] / 4).toBeCloseTo(a[i], 6);
  });

  it('keeps the hole pattern and stays within [min, max] of the valid window', () => {
    fc.assert(
      fc.property(
        arbField(12, 12, 0.3),
        fc.integer({ min: 1, max: 3 }),
        fc.double({ min: 0.3, max: 5, noNaN: true }),
        fc.double({ min: 0.001, max: 3, noNaN: true }),
        fc.constantFrom('absolute' as const, 'relative' as const),
        ({ depth, width, height }, radius, sigmaSpatialPx, sigmaRange, rangeMode) => {
          const copy = depth.slice();
          const out = bilateral(depth, width, height, { radius, sigmaSpatialPx, sigmaRange, rangeMode });
          expect(list(depth)).toEqual(list(copy));
          for (let y = 0; y < height; y++) {
            for (let x = 0; x < width; x++) {
              const i = y * width + x;
              if (Number.isNaN(depth[i])) {
                expect(out[i]).toBeNaN();
                continue;
              }
              let lo = Infinity;
              let hi = -Infinity;
              for (let yy = Math.max(0, y - radius); yy <= Math.min(height - 1, y + radius); yy++) {
                for (let xx = Math.max(0, x - radius); xx <= Math.min(width - 1, x + radius); xx++) {
                  const v = depth[yy * width + xx];
                  if (!Number.isFinite(v)) continue;
                  lo = Math.min(lo, v);
                  hi = Math.max(hi, v);
                }
              }
              expect(out[i]).toBeGreaterThanOrEqual(lo);
              expect(out[i]).toBeLessThanOrEqual(hi);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses bad parameters', () => {
    const d = new Float32Array(4);
    expect(() => bilateral(d, 2, 2, { ...P, radius: 0 })).toThrow(RangeError);
    expect(() => bilateral(d, 2, 2, { ...P, radius: 9 })).toThrow(RangeError);
    expect(() => bilateral(d, 2, 2, { ...P, sigmaSpatialPx: 0 })).toThrow(RangeError);
    expect(() => bilateral(d, 2, 2, { ...P, sigmaRange: -1 })).toThrow(RangeError);
    expect(() => bilateral(d, 2, 3, P)).toThrow(RangeError);
  });
});
