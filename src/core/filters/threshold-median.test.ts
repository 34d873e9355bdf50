import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { threshold } from './threshold';
import { median } from './median';

describe('threshold', () => {
  it('keeps [min, max] inclusive and drops the rest and invalid values', () => {
    const out = threshold(new Float32Array([0.5, 1, 2, 3, 3.5, NaN, Infinity, -1]), 1, 3);
    expect(Array.from(out)).toEqual([NaN, 1, 2, 3, NaN, NaN, NaN, NaN]);
  });
});

describe('median (invalid samples ignored)', () => {
  it('removes an outlier from a flat patch and keeps holes as holes', () => {
    const d = new Float32Array(25).fill(2);
    d[12] = 9; // centre spike
    d[0] = NaN;
    const out = median(d, 5, 5, 1);
    expect(out[12]).toBe(2);
    expect(out[0]).toBeNaN();
  });

  it('uses only valid neighbours, the lower median, clipped at borders', () => {
    // 3x2: corner (0,0) sees (0,0),(1,0),(0,1),(1,1) = 1, 5, NaN, 3 -> sorted 1,3,5 -> 3
    const d = new Float32Array([1, 5, 7, NaN, 3, 4]);
    expect(median(d, 3, 2, 1)[0]).toBe(3);
    // (2,0) sees 5,7,3,4 -> 3,4,5,7 -> lower median 4
    expect(median(d, 3, 2, 1)[2]).toBe(4);
  });

  it('outputs only values present in its window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom(1 as const, 2 as const),
        fc.array(fc.oneof(fc.float({ min: Math.fround(0.1), max: 10, noNaN: true }), fc.constant(NaN)), { minLength: 81, maxLength: 81 }),
        (w, h, r, values) => {
          const d = Float32Array.from(values.slice(0, w * h));
          const out = median(d, w, h, r);
          for (let i = 0; i < d.length; i++) {
            if (Number.isNaN(d[i])) expect(out[i]).toBeNaN();
            else expect(Array.from(d)).toContain(out[i]);
          }
        },
      ),
    );
  });
});
