import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { autoRange, computeStats, histogram, histogramOfSorted, legendHistogram, percentileOfSorted, sortedValid, sortedValidFromLookup, statsFromSorted } from './stats';
import { DEFAULT_UNITS, depthLookupTable } from './units';

const f32 = (...v: number[]) => Float32Array.from(v);
const NaN32 = Number.NaN;

/**
 * An independent numpy-style 'linear' percentile: the sorted values sit at
 * x_k = 100 * k / (n - 1); find the segment containing p and interpolate.
 */
function numpyLinearPercentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 1) return s[0];
  for (let k = 0; k < s.length - 1; k++) {
    const x0 = (100 * k) / (s.length - 1);
    const x1 = (100 * (k + 1)) / (s.length - 1);
    if (p <= x1) return s[k] + ((p - x0) / (x1 - x0)) * (s[k + 1] - s[k]);
  }
  return s[s.length - 1];
}

describe('percentileOfSorted', () => {
  it('matches values numpy.percentile gives (default linear method)', () => {
    // np.percentile([1, 2, 3, 4], 50) == 2.5; ([1..5], 2) == 1.08; ([10, 20], 98) == 19.8; ([1,2,3,4,5], 25) == 2.0
    expect(percentileOfSorted(f32(1, 2, 3, 4), 50)).toBe(2.5);
    expect(percentileOfSorted(f32(1, 2, 3, 4, 5), 2)).toBeCloseTo(1.08, 12);
    expect(percentileOfSorted(f32(10, 20), 98)).toBeCloseTo(19.8, 12);
    expect(percentileOfSorted(f32(1, 2, 3, 4, 5), 25)).toBe(2);
    expect(percentileOfSorted(f32(7), 37)).toBe(7);
  });

  it('agrees with an independent implementation on random arrays', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (values, p) => {
          const sorted = Float32Array.from(values).sort();
          const expected = numpyLinearPercentile(Array.from(sorted), p);
          expect(percentileOfSorted(sorted, p)).toBeCloseTo(expected, 3);
        },
      ),
    );
  });

  it('clamps p to [0, 100]; NaN for an empty array or p = NaN', () => {
    const s = f32(1, 2, 3);
    expect(percentileOfSorted(s, -5)).toBe(1);
    expect(percentileOfSorted(s, 250)).toBe(3);
    expect(percentileOfSorted(f32(), 50)).toBeNaN();
    expect(percentileOfSorted(s, Number.NaN)).toBeNaN();
  });
});

describe('sortedValid and computeStats', () => {
  it('keeps only finite values, ascending', () => {
    expect(Array.from(sortedValid(f32(3, NaN32, -1, Infinity, 2, -Infinity)))).toEqual([-1, 2, 3]);
  });

  it('computes the documented fields on a small field with holes', () => {
    const depth = f32(4, NaN32, 1, 3, NaN32, 2);
    const s = computeStats(depth, 3, 2);
    expect(s).toMatchObject({ width: 3, height: 2, validCount: 4, min: 1, max: 4, mean: 2.5, median: 2.5 });
    expect(s.validFraction).toBeCloseTo(4 / 6, 15);
    expect(s.p02).toBeCloseTo(numpyLinearPercentile([1, 2, 3, 4], 2), 12);
    expect(s.p98).toBeCloseTo(numpyLinearPercentile([1, 2, 3, 4], 98), 12);
  });

  it('gives NaN statistics when no pixel is valid, and handles an empty image', () => {
    const none = computeStats(f32(NaN32, NaN32), 2, 1);
    expect(none.validCount).toBe(0);
    expect(none.validFraction).toBe(0);
    for (const k of ['min', 'max', 'mean', 'median', 'p02', 'p98'] as const) expect(none[k]).toBeNaN();
    expect(computeStats(f32(), 0, 0).validFraction).toBe(0);
  });

  it('sums the mean in float64 (a float32 sum of 2^25 values would stall)', () => {
    // 0.1 in float32, 2^24 + 1 times: a float32 accumulator stops growing at 2^21-ish.
    const n = (1 << 24) + 1;
    const depth = new Float32Array(n).fill(0.1);
    expect(statsFromSorted(depth, n, 1).mean).toBeCloseTo(Math.fround(0.1), 9);
  });

  it('rejects a size that does not match the data', () => {
    expect(() => computeStats(f32(1, 2, 3), 2, 2)).toThrow(RangeError);
  });
});

describe('histogram', () => {
  it('counts linear bins and clamps out-of-range values into the end bins', () => {
    const h = histogram(f32(-5, 0, 0.9, 1, 2.5, 3.99, 4, 100, NaN32), 4, 0, 4, false);
    // bins [0,1) [1,2) [2,3) [3,4]; -5 -> first, 100 -> last, NaN dropped
    expect(Array.from(h.counts)).toEqual([3, 1, 1, 3]);
    expect(h).toMatchObject({ lo: 0, hi: 4, log: false });
  });

  it('bins in log(depth) and drops values <= 0 in log mode', () => {
    const h = histogram(f32(0.01, 0.1, 0.5, 0.9, 1.1, 5, 10, 1000, 0, -1), 2, 0.1, 10, true);
    // bins [0.1, 1) [1, 10] (1 itself sits on the boundary, where float rounding decides, so it is left out):
    // the clamped 0.01, 0.1, 0.5, 0.9 low; 1.1, 5, 10 and the clamped 1000 high; 0 and -1 dropped
    expect(Array.from(h.counts)).toEqual([4, 4]);
  });

  it('accounts for every finite value (linear) whatever the range', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.float({ noDefaultInfinity: true }), fc.constant(NaN32))),
        fc.integer({ min: 1, max: 64 }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 0.001, max: 100, noNaN: true }),
        (values, bins, lo, width) => {
          const depth = Float32Array.from(values);
          const h = histogram(depth, bins, lo, lo + width, false);
          const total = h.counts.reduce((a, b) => a + b, 0);
          return total === depth.filter((v) => Number.isFinite(v)).length;
        },
      ),
    );
  });

  it('refuses bad bins and ranges', () => {
    expect(() => histogram(f32(1), 0, 0, 1, false)).toThrow(RangeError);
    expect(() => histogram(f32(1), 2.5, 0, 1, false)).toThrow(RangeError);
    expect(() => histogram(f32(1), 4, 1, 1, false)).toThrow(/lo < hi/);
    expect(() => histogram(f32(1), 4, 0, 1, true)).toThrow(/lo > 0/);
  });
});

describe('histogramOfSorted', () => {
  // The Legend counts from the sorted valid depths it already has; the counts must be histogram()'s, exactly.
  const sameCounts = (depth: Float32Array, bins: number, lo: number, hi: number, log: boolean) =>
    expect(Array.from(histogramOfSorted(sortedValid(depth), bins, lo, hi, log).counts)).toEqual(Array.from(histogram(depth, bins, lo, hi, log).counts));

  it('gives histogram()\'s counts on the hand-made cases above, linear and log', () => {
    sameCounts(f32(-5, 0, 0.9, 1, 2.5, 3.99, 4, 100, NaN32), 4, 0, 4, false);
    sameCounts(f32(0.01, 0.1, 0.5, 0.9, 1.1, 5, 10, 1000, 0, -1), 2, 0.1, 10, true);
  });

  it('gives histogram()\'s counts on arbitrary floats with long runs of equal values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ v: fc.oneof(fc.float({ noDefaultInfinity: true }), fc.constant(NaN32), fc.constant(0), fc.constant(1.5)), repeat: fc.integer({ min: 1, max: 40 }) })),
        fc.integer({ min: 1, max: 64 }),
        fc.double({ min: 0.001, max: 100, noNaN: true }),
        fc.double({ min: 0.001, max: 100, noNaN: true }),
        fc.boolean(),
        (runs, bins, lo, width, log) => {
          const depth = Float32Array.from(runs.flatMap(({ v, repeat }) => Array<number>(repeat).fill(v)));
          sameCounts(depth, bins, lo, lo + width, log);
        },
      ),
    );
  });

  it('gives histogram()\'s counts on a 16-bit frame through its lookup table (the recordings\' case)', () => {
    const samples = Uint16Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 9000);
    const lut = depthLookupTable('uint16', DEFAULT_UNITS);
    const depth = Float32Array.from(samples, (v) => lut[v]);
    const sorted = sortedValidFromLookup(samples, lut);
    for (const log of [false, true]) {
      expect(Array.from(histogramOfSorted(sorted, 96, sorted[100], sorted[sorted.length - 100], log).counts)).toEqual(
        Array.from(histogram(depth, 96, sorted[100], sorted[sorted.length - 100], log).counts),
      );
    }
  });
});

describe('autoRange', () => {
  it('uses the 2nd and 98th percentiles by default', () => {
    const sorted = Float32Array.from({ length: 101 }, (_, i) => i);
    expect(autoRange(sorted)).toEqual([2, 98]);
    expect(autoRange(sorted, 10, 90)).toEqual([10, 90]);
  });

  it('never returns lo >= hi', () => {
    // Percentiles coincide but the data has spread: fall back to [min, max].
    const mostlyFlat = f32(...new Array<number>(200).fill(2), 5).sort();
    expect(autoRange(mostlyFlat)).toEqual([2, 5]);
    // Every value the same: v ± 1 %, staying positive for log scale.
    const [lo, hi] = autoRange(f32(2, 2, 2));
    expect(lo).toBeCloseTo(1.98, 6);
    expect(hi).toBeCloseTo(2.02, 6);
    expect(autoRange(f32(0))).toEqual([-0.5, 0.5]);
    expect(autoRange(f32())).toEqual([0, 1]);
    fc.assert(
      fc.property(fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), { minLength: 1 }), (values) => {
        const [a, b] = autoRange(Float32Array.from(values).sort());
        return a < b;
      }),
    );
  });
});

describe('sortedValidFromLookup', () => {
  it('equals sorting the converted depths, for monotone and non-monotone conversions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 400 }),
        fc.constantFrom('mm', 'sun', 'nyu', 'relative') as fc.Arbitrary<'mm' | 'sun' | 'nyu' | 'relative'>,
        (values, scale) => {
          const samples = Uint16Array.from(values);
          const lut = depthLookupTable('uint16', { ...DEFAULT_UNITS, scale });
          const depth = Float32Array.from(samples, (v) => lut[v]);
          expect(Array.from(sortedValidFromLookup(samples, lut))).toEqual(Array.from(sortedValid(depth)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('legendHistogram', () => {
  it('spans the 0.5th to 99.5th percentiles as percentileOfSorted gives them, outliers in the end bins', () => {
    const sorted = Float32Array.from({ length: 1000 }, (_, i) => i);
    const h = legendHistogram(sorted, 10, false)!;
    // Interpolated between ranks, not the floor of the rank (4 and 994).
    expect([h.lo, h.hi]).toEqual([percentileOfSorted(sorted, 0.5), percentileOfSorted(sorted, 99.5)]);
    expect(h.lo).toBeCloseTo(4.995, 9);
    expect(h.hi).toBeCloseTo(994.005, 9);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(h).toEqual(histogramOfSorted(sorted, 10, h.lo, h.hi, false));
  });

  it('on a log scale starts at the first positive depth, and is null without one or without depths', () => {
    const mixed = Float32Array.from([-2, -1, 0, 0.5, 1, 2, 4, 8]);
    expect(legendHistogram(mixed, 4, true)!.lo).toBe(0.5);
    expect(legendHistogram(Float32Array.from([-3, -1, 0]), 4, true)).toBeNull();
    expect(legendHistogram(new Float32Array(0), 4, false)).toBeNull();
  });

  it('a single depth gets a range just above it', () => {
    const h = legendHistogram(Float32Array.from([2, 2, 2]), 4, false)!;
    expect(h.lo).toBe(2);
    expect(h.hi).toBeCloseTo(2.002, 12);
    expect(h.counts[0]).toBe(3);
  });
});
