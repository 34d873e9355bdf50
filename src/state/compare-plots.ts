/**
 * The data of the evaluation plots: prediction vs reference as a 2-D histogram
 * over log-spaced depth bins, and the error binned by reference depth, over the
 * evaluated pixels. Computed where the metrics are (on the GPU by
 * src/engine/comparison-evaluation.ts, reading back a few kilobytes of counts; or
 * here by the float64 references of src/core/depth-metrics-histograms.ts).
 */
import { errorByDepth, logBinEdges, predictionReferenceHistogram, type ErrorByDepth } from '../core/depth-metrics-histograms';
import type { EvaluationInput } from '../core/evaluation-input';

/** Bins per axis: fine enough to show the spread, few enough for a 192 px plot. */
export const PLOT_BINS = 48;

export interface PlotData {
  /** bins + 1 float32 edges (metres), the same on both axes. */
  edges: Float32Array;
  /** counts[gBin * bins + pBin]. */
  density: Uint32Array;
  byDepth: ErrorByDepth;
}

const rangeCache = new WeakMap<Float32Array, { lo: number; hi: number } | null>();

/**
 * The plots' depth span: the reference's valid depths with 5 % to spare on both
 * sides, so every evaluated reference pixel has a bin (predictions outside it are
 * left out of the density plot). Null when the reference has no depth.
 */
export function plotRange(ref: Float32Array): { lo: number; hi: number } | null {
  if (rangeCache.has(ref)) return rangeCache.get(ref)!;
  let min = Infinity;
  let max = -Infinity;
  for (const g of ref) {
    if (!(g > 0 && g < Infinity)) continue;
    if (g < min) min = g;
    if (g > max) max = g;
  }
  const range = min <= max ? { lo: min / 1.05, hi: max * 1.05 } : null;
  rangeCache.set(ref, range);
  return range;
}

export function plotEdges(ref: Float32Array): Float32Array | null {
  const range = plotRange(ref);
  return range && logBinEdges(range.lo, range.hi, PLOT_BINS);
}

export function cpuPlots(input: EvaluationInput): PlotData | null {
  const edges = plotEdges(input.ref);
  if (!edges) return null;
  return { edges, density: predictionReferenceHistogram(input, edges), byDepth: errorByDepth(input, edges) };
}
