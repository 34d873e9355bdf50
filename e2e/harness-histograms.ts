/**
 * Page side of e2e/kernel-histograms.spec.ts: shaders/histogram-2d.wgsl and
 * histogram-error.wgsl (HistogramPass) against predictionReferenceHistogram and
 * errorByDepth (src/core/depth-metrics-histograms.ts, float64) on a frame and
 * prediction of e2e/harness-metrics.ts.
 *
 * Both sides bin f32 values against the same f32 edges, so (u = 2^-24):
 * - reference bins are identical: the per-bin counts of the error plot match exactly;
 * - a prediction bin can differ only where the aligned p (off by a relative
 *   ε = (C κ + 1) u on the GPU, derived in harness-metrics.ts) is within ε p of an
 *   edge: such a pixel moves one count between two cells, so the cells may differ by
 *   at most 2 per such pixel in all;
 * - each error term is off by its f32 error (|e| / g: (ε p + u |e|) / g + 3 u |e| / g;
 *   p - g: ε p + u |e|) plus the GPU's rounding to a 2^-24 step (2^-25); the GPU's
 *   integer sums are exact, the reference's float64 sums off by n 2^-53 of their terms.
 */
import { HistogramPass } from '../src/gpu/histogram-pass';
import { forEachEvaluated } from '../src/core/depth-metrics';
import { binOf, errorByDepth, ERROR_CLAMP, logBinEdges, predictionReferenceHistogram } from '../src/core/depth-metrics-histograms';
import { gpuAlignmentOf, onGpu, predictionEpsilon, scenarioInput, type Scenario } from './harness-metrics';

const U = 2 ** -24;

export interface HistogramComparison {
  /** Prediction vs reference: Σ |gpu - cpu| over the cells, and the allowance (2 per pixel near an edge). */
  cellDifference: number;
  cellAllowance: number;
  counted: number;
  /** Error by depth: bins whose count differs; bins whose sums are outside their bound. */
  countMismatches: number;
  sumsOutside: string[];
  binsUsed: number;
}

export async function compareHistograms(s: Scenario, lo: number, hi: number, bins: number): Promise<HistogramComparison> {
  const input = scenarioInput(s);
  const { pred, alignment: a } = input;
  const edges = logBinEdges(lo, hi, bins);
  const cpuCells = predictionReferenceHistogram(input, edges);
  const cpuErrors = errorByDepth(input, edges);
  const [gpuCells, gpuErrors] = await onGpu(input, async (device, g) => {
    const pass = new HistogramPass(device);
    const onGpuInput = { ...g, alignment: gpuAlignmentOf(s, a) };
    try {
      return [await pass.predictionReference(onGpuInput, edges), await pass.errorByDepth(onGpuInput, edges)] as const;
    } finally {
      pass.destroy();
    }
  });

  let nearEdge = 0;
  const absRelBound = new Float64Array(bins);
  const signedBound = new Float64Array(bins);
  forEachEvaluated(input, (i, p, g) => {
    const eps = predictionEpsilon(a, pred[i]);
    if (binOf(g, edges) >= 0 && edges.some((edge) => Math.abs(p - edge) <= eps * p)) nearEdge++;
    const b = binOf(g, edges);
    if (b < 0) return;
    const e = Math.abs(p - g);
    const eta = eps * p + U * e;
    // The reference's float64 sum of count terms is off by at most count 2^-53 of each.
    const float64 = cpuErrors.count[b] * 2 ** -53;
    absRelBound[b] += eta / g + (3 * U * e) / g + 2 ** -25 + float64 * Math.min(ERROR_CLAMP, e / g);
    signedBound[b] += eta + 2 ** -25 + float64 * Math.min(ERROR_CLAMP, e);
  });
  let cellDifference = 0;
  for (let k = 0; k < cpuCells.length; k++) cellDifference += Math.abs(gpuCells[k] - cpuCells[k]);
  let countMismatches = 0;
  const sumsOutside: string[] = [];
  for (let b = 0; b < bins; b++) {
    if (gpuErrors.count[b] !== cpuErrors.count[b]) countMismatches++;
    if (!(Math.abs(gpuErrors.absRelSum[b] - cpuErrors.absRelSum[b]) <= absRelBound[b])) {
      sumsOutside.push(`bin ${b} abs-rel ${gpuErrors.absRelSum[b]} vs ${cpuErrors.absRelSum[b]} (bound ${absRelBound[b]})`);
    }
    if (!(Math.abs(gpuErrors.signedSum[b] - cpuErrors.signedSum[b]) <= signedBound[b])) {
      sumsOutside.push(`bin ${b} signed ${gpuErrors.signedSum[b]} vs ${cpuErrors.signedSum[b]} (bound ${signedBound[b]})`);
    }
  }
  return {
    cellDifference,
    cellAllowance: 2 * nearEdge,
    counted: cpuCells.reduce((t, c) => t + c, 0),
    countMismatches,
    sumsOutside,
    binsUsed: Array.from(cpuErrors.count).filter((c) => c > 0).length,
  };
}
