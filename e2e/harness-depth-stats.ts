/**
 * Page side of e2e/kernel-depth-stats.spec.ts: a field's count, least, greatest and
 * mean from the GPU (DepthStatsPass, shaders/depth-stats.wgsl) against computeStats
 * (src/core/stats.ts, float64) on the same f32 values, with the bound (u = 2^-24):
 *
 * - count, min and max are comparisons of the same f32 values: equal exactly.
 * - mean: the first value of a partial enters exactly (0 + (v - 0) * 1). Every later
 *   Welford update or Chan merge computes m_a + (m_b - m_a) w with w = 1/n or nb/n:
 *   four roundings (w, the difference, the product, the sum), the difference at most
 *   2 max|v| and w <= 1, so each adds at most (1 + 3 * 2) u max|v| = 7 u max|v|; the
 *   halves' own errors are averaged (a convex combination), not amplified. A value goes
 *   through at most L = additionsPerTerm (src/gpu/reduction.ts) of them:
 *   |mean_gpu - mean| <= 7 L u max|v|.
 */
import { DepthStatsPass, type FieldSums } from '../src/gpu/depth-stats-pass';
import { SelectPass } from '../src/gpu/select-pass';
import { additionsPerTerm } from '../src/gpu/reduction';
import { windowOf } from '../src/gpu/eval-uniform';
import { computeStats, percentileOfSorted, sortedValid } from '../src/core/stats';
import { frameNamed, onGpu, predictionOf, type PredictionName } from './harness-metrics';

const U = 2 ** -24;

export interface StatsScenario {
  frame: string;
  /** The field: the frame's depth, that less 2 m (values of both signs), or a prediction made from it (e.g. a relative model's inverse depth). */
  field: 'depth' | 'centred' | PredictionName;
  /** Multiplies the field the GPU sees: the tests use it to show they can fail. */
  gpuFactor?: number;
}

export interface StatsComparison {
  gpu: FieldSums;
  cpu: FieldSums;
  meanBound: number;
  pixels: number;
}

function fieldOf(s: StatsScenario): { field: Float32Array; seen: Float32Array; width: number; height: number } {
  const frame = frameNamed(s.frame);
  const field = s.field === 'depth' ? frame.depth : s.field === 'centred' ? frame.depth.map((v) => v - 2) : predictionOf(frame, s.field);
  return { field, seen: s.gpuFactor ? field.map((v) => v * s.gpuFactor!) : field, width: frame.width, height: frame.height };
}

export async function compareDepthStats(s: StatsScenario): Promise<StatsComparison> {
  const { field, seen, width, height } = fieldOf(s);
  const gpu = await onGpu({ pred: seen, ref: new Float32Array(1), width, height }, async (device, g) => {
    const pass = new DepthStatsPass(device);
    try {
      return await pass.stats(g.pred, width, height);
    } finally {
      pass.destroy();
    }
  });
  const ref = computeStats(field, width, height);
  let maxAbs = 0;
  for (const v of field) if (Number.isFinite(v)) maxAbs = Math.max(maxAbs, Math.abs(v));
  const L = additionsPerTerm(windowOf(width, height, {}).rect);
  return {
    gpu,
    cpu: { validCount: ref.validCount, min: ref.min, max: ref.max, mean: ref.mean },
    meanBound: 7 * L * U * maxAbs,
    pixels: width * height,
  };
}

/** The percentiles the UI shows (stats, auto range, legend bounds) and two odd ones: GPU selection vs percentileOfSorted. */
export const PERCENTILES = [0, 0.5, 2, 37.3, 50, 98, 99.5, 100];

export async function comparePercentiles(s: StatsScenario): Promise<{ gpu: number[]; cpu: number[] }> {
  const { field, seen, width, height } = fieldOf(s);
  const sorted = sortedValid(field);
  const gpu = await onGpu({ pred: seen, ref: new Float32Array(1), width, height }, async (device, g) => {
    const pass = new SelectPass(device);
    try {
      return await pass.percentiles(g.pred, width, height, sorted.length, PERCENTILES);
    } finally {
      pass.destroy();
    }
  });
  return { gpu, cpu: PERCENTILES.map((p) => percentileOfSorted(sorted, p)) };
}
