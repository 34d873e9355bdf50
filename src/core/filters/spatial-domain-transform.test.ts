/**
 * The spatial filter port (./spatial-librealsense.ts) on hand-made cases, one per rule
 * of librealsense's loops (spatial-filter.h / .cpp, lines cited there), computed by
 * hand in the comments; then invariants on random fields.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deltaUnits, fromUnits, spatialFilter, toUnits, type SpatialFilterParams } from './spatial-domain-transform';
import { gaussian, mulberry32 } from '../seeded-random';
import { arbField, f32, list, stdOfFinite } from '../../io/filter-field-fixtures';

const fr = Math.fround;
const MM = { kind: 'units', unitM: 0.001 } as const;
const P: SpatialFilterParams = { alpha: 0.5, delta: 0.02, iterations: 1, holeFill: 0 };

/** A row (or column) of whole millimetres, 0 = no depth, through the units variant; back in mm. */
function mm(values: number[], p: Partial<SpatialFilterParams> = {}, width = values.length, height = 1): number[] {
  const depth = Float32Array.from(values, (k) => (k === 0 ? Number.NaN : k / 1000));
  const out = spatialFilter(depth, width, height, { ...P, ...p }, MM);
  return list(toUnits(out, 0.001));
}

describe('spatialFilter, integer units (librealsense uint16_t template)', () => {
  it('blends a step of exactly delta left to right and right to left, not one unit more (h:94, h:131)', () => {
    // LR: x1: |120 - 100| = 20 <= 20 -> 0.5*120 + 0.5*100 + 0.5 = 110.5 -> 110; x2: |140 - 110| = 30: kept.
    // RL: x2 vs 500, x1 (110) vs 140: kept; x0: |110 - 100| = 10 -> 105.5 -> 105.
    expect(mm([100, 120, 140, 500])).toEqual([105, 110, 140, 500]);
    expect(mm([100, 120, 140, 500], { delta: 0.019 })).toEqual([100, 120, 140, 500]);
  });

  it('rounds every blend half up to a whole unit (h:68, h:97)', () => {
    // LR: 0.5*101 + 0.5*100 = 100.5, + 0.5 = 101. RL ends with 0.5*100 + 0.5*101 -> 101.
    expect(mm([100, 101, 101, 101])).toEqual([101, 101, 101, 101]);
    // alpha 0.6: 0.6*103 + 0.4*100 = 101.8 -> 102 (a float blend would keep 101.8).
    expect(mm([100, 103, 103, 103], { alpha: 0.6 })[1]).toBe(102);
  });

  it('restarts after a hole: the first valid pixel is not compared with the pixel before the hole', () => {
    // LR: 110 after the hole is kept; x3: 0.5*112 + 0.5*110 = 111 (+0.5 -> 111).
    // RL: x3: 0.5*111 + 0.5*115 + 0.5 = 113.5 -> 113; x2: 0.5*110 + 0.5*113 = 111.5 -> 112; x1 hole; x0 untouched.
    expect(mm([100, 0, 110, 112, 115])).toEqual([100, 0, 112, 113, 115]);
  });

  it('fills up to R - 1 px of a hole from each side, in both horizontal passes (h:103-107, h:140-144)', () => {
    const row = [100, 0, 0, 0, 0, 200, 200];
    expect(mm(row)).toEqual(row);
    expect(mm(row, { holeFill: 2 })).toEqual([100, 100, 0, 0, 200, 200, 200]);
    // R = 4: 3 px from the left; the last from the right (|100 - 200| > delta: no blend).
    expect(mm(row, { holeFill: 4 })).toEqual([100, 100, 100, 100, 200, 200, 200]);
    // A hole wider than 2 (R - 1) keeps its middle; unlimited (R = 255) closes it.
    const wide = [100, ...Array<number>(10).fill(0), 200, 200];
    expect(mm(wide, { holeFill: 4 }).filter((k) => k === 0)).toHaveLength(4);
    expect(mm(wide, { holeFill: 'unlimited' }).filter((k) => k === 0)).toHaveLength(0);
  });

  it('counts a fill on until a valid pair: after an unclosed hole, a lone pixel does not fill (h:91, h:105)', () => {
    // LR: fills x1, not x2..x3; x5 (after the lone 150 at x4) would need cur_fill reset by a valid pair.
    // RL from the right: x5 (next to 200) filled; x3 from 150; x2 not (count 2).
    expect(mm([100, 0, 0, 0, 150, 0, 200, 200], { holeFill: 2, delta: 0.001 })).toEqual([100, 100, 0, 150, 150, 200, 200, 200]);
  });

  it('treats a depth of one unit as a hole right to left only (h:124-126)', () => {
    // LR: u stops before the last pixel; RL: val0 = 1 is not > 1: filled from the right.
    expect(mm([1, 50, 50], { holeFill: 2 })).toEqual([50, 50, 50]);
    expect(mm([1, 50, 50], { holeFill: 0 })).toEqual([1, 50, 50]);
  });

  it('never writes the last pixel left to right, only right to left', () => {
    // LR: x1 = 0.5*110 + 0.5*100 = 105, and stops (x2 vs 105 would give 108). RL: x1 = 107.5 + 0.5 -> 108,
    // x0 = 0.5*100 + 0.5*108 = 104 (+0.5 -> 104); x2 keeps 110.
    expect(mm([100, 110, 110], { holeFill: 0 })).toEqual([104, 108, 110]);
  });

  it('columns: strict |diff| < delta, top to bottom without a validity test (h:184-187, h:206-209)', () => {
    // TB: the hole (0) and 10 differ by 10 < 20: 0.5*10 + 0 + 0.5 = 5.5 -> 5, so the hole takes 5 units.
    expect(mm([0, 10], {}, 1, 2)).toEqual([0, 5]);
    // TB: 5 as above; BT (both valid now, |10 - 5| < 20): 0.5*10 + 0.5*5 + 0.5 = 8.
    expect(mm([10, 0], {}, 1, 2)).toEqual([8, 5]);
    // A step of exactly delta is an edge for columns (rows blend it).
    expect(mm([100, 120], {}, 1, 2)).toEqual([100, 120]);
    // 19 < 20: TB 0.5*119 + 0.5*100 + 0.5 = 110; BT 0.5*100 + 0.5*110 + 0.5 = 105.5 -> 105.
    expect(mm([100, 119], {}, 1, 2)).toEqual([105, 110]);
  });

  it('converts metres to whole units half up and back, unchanged pixels keeping their exact value', () => {
    expect(list(toUnits(f32(0.0015, 0.0004, NaN, -0.003, 65.535), 0.001))).toEqual([2, 0, 0, 0, 65535]);
    const depth = f32(0.1234567, 0.5);
    expect(list(fromUnits(f32(123, 0), f32(123, 7), depth, 0.001))).toEqual([depth[0], NaN]);
    expect(list(fromUnits(f32(124), f32(123), depth, 0.001))).toEqual([fr(124 * fr(0.001))]);
    expect(deltaUnits(0.02, 0.001)).toBe(20);
    expect(deltaUnits(0.02, 1 / 5000)).toBe(100);
  });
});

describe('spatialFilter, float depth (the template at T = float)', () => {
  it('keeps the template rules, without rounding', () => {
    // LR: |1.25 - 1| = 0.25 <= delta -> 1.125; 1.5 vs 1.125: kept. RL: x0: 0.5 + 0.5625 = 1.0625.
    expect(list(spatialFilter(f32(1, 1.25, 1.5, 3), 4, 1, { ...P, delta: 0.25 }))).toEqual([1.0625, 1.125, 1.5, 3]);
    expect(list(spatialFilter(f32(1, NaN, NaN, NaN, 2), 5, 1, { ...P, holeFill: 2 }))).toEqual([1, 1, NaN, 2, 2]);
  });
});

describe('spatialFilter, disparity (librealsense _fp loops and intertial_holes_fill)', () => {
  const D = { kind: 'disparity' } as const;

  it('compares with the previous INPUT and blends with the previous output (cpp:263-276)', () => {
    // LR: 1.3 vs 1 (0.3 < 0.35): s1 = 0.5*1.3 + 0.5*1; 1.6 vs the INPUT 1.3: s2 = 0.5*1.6 + 0.5*s1
    // (s1 = 1.15 is 0.45 away: comparing with the output would keep 1.6). RL: back from s2.
    const half = (a: number, b: number) => fr(fr(a * 0.5) + fr(b * 0.5));
    const s1 = half(fr(1.3), 1);
    const s2 = half(fr(1.6), s1);
    const r1 = half(s1, s2);
    const r0 = half(1, r1);
    expect(list(spatialFilter(f32(1, 1.3, 1.6), 3, 1, { ...P, delta: 0.35 }, D))).toEqual([r0, r1, s2]);
  });

  it('restarts after a hole (cpp:296-300)', () => {
    expect(list(spatialFilter(f32(1, NaN, 1.1, 5), 4, 1, { ...P, delta: 0.2 }, D))).toEqual([1, NaN, fr(1.1), 5]);
  });

  it('fills holes after smoothing, R - 1 px from each side, the row end from the next row (h:220-265)', () => {
    const p = { ...P, delta: 0.001, holeFill: 2 } as const;
    expect(list(spatialFilter(f32(1, NaN, NaN, NaN, 2), 5, 1, p, D))).toEqual([1, 1, NaN, 2, 2]);
    // Row 0 ends in a hole: its last pixel takes row 1's first pixel (*(p + 1) at the row end).
    expect(list(spatialFilter(f32(1, NaN, NaN, 5, 6, 7), 3, 2, p, D))).toEqual([1, 1, 5, 5, 6, 7]);
  });
});

describe('spatialFilter, all variants', () => {
  it('makes a noisy plane smoother and keeps steps above delta', () => {
    const g = gaussian(mulberry32(11));
    const w = 48;
    const h = 32;
    const d = new Float32Array(w * h);
    const plane = (x: number) => (x < 20 ? 1.5 : 2) + 0.0005 * x;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) d[y * w + x] = fr(Math.round((plane(x) + 0.005 * g()) * 1000) / 1000);
    const residual = (a: Float32Array) => Array.from(a, (v, i) => v - plane(i % w));
    for (const variant of [MM, { kind: 'float' } as const]) {
      const out = spatialFilter(d, w, h, { alpha: 0.5, delta: 0.05, iterations: 2, holeFill: 0 }, variant);
      expect(stdOfFinite(residual(out))).toBeLessThan(0.5 * stdOfFinite(residual(d)));
    }
  });

  it('leaves the input alone, keeps valid pixels valid and holes as holes without fill, alpha 1 is the identity', () => {
    fc.assert(
      fc.property(
        arbField(14, 10, 0.3),
        fc.double({ min: 0.25, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.15, noNaN: true }),
        fc.integer({ min: 1, max: 3 }),
        ({ depth, width, height }, alpha, delta, iterations) => {
          const copy = depth.slice();
          for (const variant of [MM, { kind: 'float' } as const, { kind: 'disparity' } as const]) {
            const out = spatialFilter(depth, width, height, { alpha, delta, iterations, holeFill: 0 }, variant);
            expect(list(depth)).toEqual(list(copy));
            // Depths are >= 0.2 > delta: no hole takes a value (columns top to bottom would blend below delta).
            for (let i = 0; i < depth.length; i++) expect(Number.isFinite(out[i])).toBe(Number.isFinite(depth[i]));
            if (variant.kind !== 'units') expect(list(spatialFilter(depth, width, height, { alpha: 1, delta, iterations, holeFill: 0 }, variant))).toEqual(list(depth));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses bad parameters', () => {
    const d = new Float32Array(4);
    expect(() => spatialFilter(d, 2, 2, { ...P, alpha: 0.2 })).toThrow(RangeError);
    expect(() => spatialFilter(d, 2, 2, { ...P, alpha: 1.1 })).toThrow(RangeError);
    expect(() => spatialFilter(d, 2, 2, { ...P, delta: -1 })).toThrow(RangeError);
    expect(() => spatialFilter(d, 2, 2, { ...P, iterations: 0 })).toThrow(RangeError);
    expect(() => spatialFilter(d, 2, 2, { ...P, iterations: 6 })).toThrow(RangeError);
    expect(() => spatialFilter(d, 2, 2, { ...P, holeFill: 3 as 2 })).toThrow(RangeError);
    expect(() => spatialFilter(d, 2, 2, P, { kind: 'units', unitM: 0 })).toThrow(RangeError);
  });
});
