/**
 * The histograms behind the evaluation plots, in float64: prediction vs reference
 * as a 2-D density (log-spaced depth bins), and error binned by reference depth.
 * The TypeScript reference of shaders/histogram-*.wgsl
 * (src/gpu/depth-metrics-histograms.ts). Only evaluated pixels count (forEachEvaluated).
 */
import { forEachEvaluated } from './depth-metrics';
import type { EvaluationInput } from './evaluation-input';

/**
 * bins + 1 log-spaced bin edges from lo to hi metres, rounded to float32: the GPU
 * compares depths with these very numbers, so GPU and reference put every pixel in
 * the same bin. Throws when the range is empty or too narrow for distinct float32 edges.
 */
export function logBinEdges(lo: number, hi: number, bins: number): Float32Array {
  if (!(lo > 0 && hi > lo && Number.isFinite(hi)) || !Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`Histogram range must be 0 < lo < hi with at least one bin (got ${lo}, ${hi}, ${bins} bins).`);
  }
  const edges = Float32Array.from({ length: bins + 1 }, (_, k) => lo * Math.pow(hi / lo, k / bins));
  edges[0] = lo;
  edges[bins] = hi;
  for (let k = 1; k <= bins; k++) {
    if (!(edges[k] > edges[k - 1])) throw new RangeError(`Histogram range ${lo}..${hi} m is too narrow for ${bins} bins.`);
  }
  return edges;
}

/** The bin k with edges[k] <= v < edges[k + 1], or -1 outside [edges[0], edges[bins]). */
export function binOf(v: number, edges: Float32Array): number {
  const bins = edges.length - 1;
  if (!(v >= edges[0] && v < edges[bins])) return -1;
  let lo = 0;
  let hi = bins; // invariant: edges[lo] <= v < edges[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (v >= edges[mid]) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Counts of evaluated pixels per (reference bin, prediction bin), row-major with the
 * reference as the row: counts[gBin * bins + pBin]. Pixels outside the edges on
 * either axis are not counted (clamping them into the edge bins would draw false ridges).
 */
export function predictionReferenceHistogram(input: EvaluationInput, edges: Float32Array): Uint32Array {
  const bins = edges.length - 1;
  const counts = new Uint32Array(bins * bins);
  forEachEvaluated(input, (_i, p, g) => {
    const pb = binOf(p, edges);
    const gb = binOf(g, edges);
    if (pb >= 0 && gb >= 0) counts[gb * bins + pb]++;
  });
  return counts;
}

/**
 * Each pixel's contribution to the error sums is clamped to ±ERROR_CLAMP: the GPU sums
 * in 64-bit fixed point (2^-24 steps), which this keeps from overflowing at 64 M pixels.
 * An absolute relative error of 8192 is already a prediction 8000 times too far.
 */
export const ERROR_CLAMP = 8192;

export interface ErrorByDepth {
  /** Evaluated pixels whose reference depth falls in each bin. */
  count: Uint32Array;
  /** Σ|p - g| / g and Σ(p - g) (metres) per bin, each term clamped to ±ERROR_CLAMP. */
  absRelSum: Float64Array;
  signedSum: Float64Array;
}

const clampError = (v: number) => Math.max(-ERROR_CLAMP, Math.min(ERROR_CLAMP, v));

/** Error as a function of reference depth: per bin, the count and the sums (mean = sum / count). */
export function errorByDepth(input: EvaluationInput, edges: Float32Array): ErrorByDepth {
  const bins = edges.length - 1;
  const out: ErrorByDepth = { count: new Uint32Array(bins), absRelSum: new Float64Array(bins), signedSum: new Float64Array(bins) };
  forEachEvaluated(input, (_i, p, g) => {
    const b = binOf(g, edges);
    if (b < 0) return;
    out.count[b]++;
    out.absRelSum[b] += clampError(Math.abs(p - g) / g);
    out.signedSum[b] += clampError(p - g);
  });
  return out;
}
