/**
 * Statistics of a depth field: a Float32Array where NaN (or any non-finite value)
 * means "no depth". Exact order statistics come from one sorted copy of the valid
 * values, which callers can keep and reuse for percentile ranges.
 */

export interface DepthStats {
  width: number;
  height: number;
  validCount: number;
  /** validCount / (width * height); 0 for an empty image. */
  validFraction: number;
  /** The rest are NaN when there is no valid pixel. */
  min: number;
  max: number;
  mean: number;
  median: number;
  p02: number;
  p98: number;
}

/** The finite values of depth, ascending (Float32Array.prototype.sort is numeric). */
export function sortedValid(depth: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < depth.length; i++) if (Number.isFinite(depth[i])) n++;
  const out = new Float32Array(n);
  let k = 0;
  for (let i = 0; i < depth.length; i++) if (Number.isFinite(depth[i])) out[k++] = depth[i];
  return out.sort();
}

/**
 * The same array as sortedValid(depth) when depth[i] = lut[samples[i]], built by
 * counting the samples (O(n + 65536)) instead of sorting n floats: at 4K this
 * is the difference between about 0.05 s and 0.9 s.
 */
export function sortedValidFromLookup(samples: Uint8Array | Uint16Array, lut: Float32Array): Float32Array {
  const counts = new Uint32Array(lut.length);
  for (let i = 0; i < samples.length; i++) counts[samples[i]]++;
  const present: number[] = [];
  let n = 0;
  for (let v = 0; v < lut.length; v++) {
    if (counts[v] > 0 && Number.isFinite(lut[v])) {
      present.push(v);
      n += counts[v];
    }
  }
  present.sort((a, b) => lut[a] - lut[b]);
  const out = new Float32Array(n);
  let k = 0;
  for (const v of present) {
    out.fill(lut[v], k, k + counts[v]);
    k += counts[v];
  }
  return out;
}

/**
 * The p-th percentile (p in [0, 100]; clamped, since ranges come from user input) of an
 * ascending array, by linear interpolation between the two nearest ranks: numpy's
 * default method='linear' (Hyndman & Fan type 7), at rank h = (n - 1) * p / 100.
 * NaN for an empty array or p = NaN.
 */
export function percentileOfSorted(sorted: Float32Array, p: number): number {
  const r = percentileRanks(sorted.length, p);
  return r ? interpolateRanks(r, sorted[r.i], sorted[r.j]) : Number.NaN;
}

/**
 * The two ranks (0-based, ascending order) the p-th percentile of n values lies
 * between, and the fraction of the way from the first to the second; null for n = 0
 * or p = NaN. Shared by percentileOfSorted and the GPU selection (src/gpu/select-pass.ts),
 * which finds the values at those ranks without sorting.
 */
export function percentileRanks(n: number, p: number): { i: number; j: number; frac: number } | null {
  if (n === 0 || Number.isNaN(p)) return null;
  const h = ((n - 1) * Math.min(Math.max(p, 0), 100)) / 100;
  const i = Math.floor(h);
  const frac = h - i;
  if (i >= n - 1 || frac === 0) return { i: Math.min(i, n - 1), j: Math.min(i, n - 1), frac: 0 };
  return { i, j: i + 1, frac };
}

/** The percentile from the values a (rank i) and b (rank j) of percentileRanks. */
export function interpolateRanks(r: { frac: number }, a: number, b: number): number {
  return r.frac === 0 ? a : a + (b - a) * r.frac;
}

/** Stats from an already sorted array of the valid values (see sortedValid). */
export function statsFromSorted(sorted: Float32Array, width: number, height: number): DepthStats {
  const n = sorted.length;
  const total = width * height;
  let sum = 0; // float64: a float32 running sum over millions of pixels drifts visibly
  for (let i = 0; i < n; i++) sum += sorted[i];
  return {
    width,
    height,
    validCount: n,
    validFraction: total > 0 ? n / total : 0,
    min: n > 0 ? sorted[0] : Number.NaN,
    max: n > 0 ? sorted[n - 1] : Number.NaN,
    mean: n > 0 ? sum / n : Number.NaN,
    median: percentileOfSorted(sorted, 50),
    p02: percentileOfSorted(sorted, 2),
    p98: percentileOfSorted(sorted, 98),
  };
}

export function computeStats(depth: Float32Array, width: number, height: number): DepthStats {
  if (depth.length !== width * height) {
    throw new RangeError(`Depth field has ${depth.length} values, expected ${width} x ${height} = ${width * height}.`);
  }
  return statsFromSorted(sortedValid(depth), width, height);
}

export interface Histogram {
  lo: number;
  hi: number;
  /** Bins are equal steps of log(depth) rather than of depth. */
  log: boolean;
  counts: Uint32Array;
}

/**
 * Counts of the valid values in `bins` equal bins over [lo, hi]. Values outside the
 * range are CLAMPED into the end bins, the same way the colormap paints them with its
 * end colours, so the histogram under a colour bar accounts for every coloured pixel.
 * Non-finite values are dropped, and in log mode so are values <= 0 (no logarithm).
 */
export function histogram(depth: Float32Array, bins: number, lo: number, hi: number, log: boolean): Histogram {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`Histogram needs a positive whole number of bins, not ${bins}.`);
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) {
    throw new RangeError(`Histogram range [${lo}, ${hi}] must be finite with lo < hi.`);
  }
  if (log && !(lo > 0)) throw new RangeError(`A log histogram needs lo > 0, not ${lo}.`);
  const a = log ? Math.log(lo) : lo;
  const k = bins / ((log ? Math.log(hi) : hi) - a);
  const counts = new Uint32Array(bins);
  const last = bins - 1;
  for (let i = 0; i < depth.length; i++) {
    const d = depth[i];
    if (!Number.isFinite(d) || (log && d <= 0)) continue;
    const b = Math.floor(((log ? Math.log(d) : d) - a) * k);
    counts[b < 0 ? 0 : b > last ? last : b]++;
  }
  return { lo, hi, log, counts };
}

/**
 * histogram() of the values of `sorted` (ascending and finite, as sortedValid
 * gives them), with the same counts: the bin of each distinct value is
 * computed by the same expression, once per run of equal values (found by
 * galloping), so a frame of 16-bit samples (at most 65,536 distinct depths)
 * costs a few thousand steps rather than one logarithm per pixel.
 */
export function histogramOfSorted(sorted: Float32Array, bins: number, lo: number, hi: number, log: boolean): Histogram {
  const counts = histogram(new Float32Array(0), bins, lo, hi, log).counts; // the same argument checks
  const a = log ? Math.log(lo) : lo;
  const k = bins / ((log ? Math.log(hi) : hi) - a);
  const last = bins - 1;
  const n = sorted.length;
  let i = 0;
  while (i < n) {
    const d = sorted[i];
    const end = runEnd(sorted, i);
    if (!(log && d <= 0)) {
      const b = Math.floor(((log ? Math.log(d) : d) - a) * k);
      counts[b < 0 ? 0 : b > last ? last : b] += end - i;
    }
    i = end;
  }
  return { lo, hi, log, counts };
}

/** Where the legend's histogram starts and ends: percentiles, so a few outliers do not squash it. */
export const LEGEND_PERCENTILES = [0.5, 99.5] as const;

/**
 * The legend's histogram of the valid depths: `bins` over the 0.5th to 99.5th
 * percentiles as percentileOfSorted gives them (the ranks the GPU selection
 * finds, src/gpu/select-pass.ts), from the first positive depth on a log
 * scale; values outside go to the end bins. Null when nothing can be binned
 * (no depth, or none positive on a log scale).
 */
export function legendHistogram(sorted: Float32Array, bins: number, log: boolean): Histogram | null {
  if (sorted.length === 0) return null;
  let lo = percentileOfSorted(sorted, LEGEND_PERCENTILES[0]);
  let hi = percentileOfSorted(sorted, LEGEND_PERCENTILES[1]);
  if (log) lo = Math.max(lo, sorted.find((v) => v > 0) ?? lo);
  if (!(hi > lo)) hi = lo + Math.max(Math.abs(lo) * 1e-3, 1e-6);
  if (log && !(lo > 0)) return null;
  return histogramOfSorted(sorted, bins, lo, hi, log);
}

/** The index after the run of values equal to sorted[i]: doubling steps, then a binary search. */
function runEnd(sorted: Float32Array, i: number): number {
  const v = sorted[i];
  let step = 1;
  let lo = i; // sorted[lo] === v
  while (lo + step < sorted.length && sorted[lo + step] === v) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(sorted.length, lo + step); // sorted[hi] !== v, or hi is the end
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] === v) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * A display range from percentiles of the sorted valid values. Never lo >= hi:
 * if the percentiles coincide, fall back to [min, max]; if every value is the same v,
 * use v ± 1 % (± 0.5 around 0), which keeps a positive v positive for log scale.
 * [0, 1] for an empty input, so a caller always has something drawable.
 */
export function autoRange(sorted: Float32Array, pLo = 2, pHi = 98): [number, number] {
  const n = sorted.length;
  if (n === 0) return [0, 1];
  const lo = percentileOfSorted(sorted, Math.min(pLo, pHi));
  const hi = percentileOfSorted(sorted, Math.max(pLo, pHi));
  if (lo < hi) return [lo, hi];
  const min = sorted[0];
  const max = sorted[n - 1];
  if (min < max) return [min, max];
  const half = min !== 0 ? Math.abs(min) * 0.01 : 0.5;
  return [min - half, min + half];
}
