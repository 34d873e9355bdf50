import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromInverseDepth, toInverseDepth } from './disparity';
import { f32, list } from '../../io/filter-field-fixtures';

describe('inverse depth (disparity domain)', () => {
  it('maps v -> 1 / v and everything without a finite positive inverse to NaN', () => {
    expect(list(toInverseDepth(f32(2, 0.5, 4, NaN, 0, -0, -1, Infinity, -Infinity, 1e-39)))).toEqual([
      0.5, 2, 0.25, NaN, NaN, NaN, NaN, NaN, NaN, NaN,
    ]);
    expect(list(fromInverseDepth(f32(0.5, NaN, -2)))).toEqual([2, NaN, NaN]);
  });

  it('round-trips to within 1 float32 ulp and does not mutate its input', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: Math.fround(0.01), max: 1000, noNaN: true }), { maxLength: 50 }), (values) => {
        const d = Float32Array.from(values);
        const copy = d.slice();
        const back = fromInverseDepth(toInverseDepth(d));
        expect(list(d)).toEqual(list(copy));
        for (let i = 0; i < d.length; i++) expect(Math.abs(back[i] - d[i])).toBeLessThanOrEqual(d[i] * 2 ** -23);
      }),
    );
  });
});
