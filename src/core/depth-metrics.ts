/**
 * The standard error metrics of a depth map against a reference (ground truth),
 * in float64: the TypeScript reference of the GPU reductions
 * (shaders/depth-metrics.wgsl, src/gpu/depth-metrics-pass.ts), which finish with
 * metricsFromSums below too.
 *
 * Definitions as in the evaluation code of BTS, AdaBins and ZoeDepth (the latter
 * used by Depth Anything), with p the prediction and g the reference, in metres,
 * over the n evaluated pixels:
 *   AbsRel = mean |p - g| / g          SqRel = mean (p - g)² / g
 *   RMSE = sqrt mean (p - g)²          RMSE(log) = sqrt mean (ln p - ln g)²
 *   log10 = mean |log10 p - log10 g|   SILog: see SILOG_VARIANT
 *   δ < t: share of pixels with max(p / g, g / p) < t, t = 1.25, 1.25², 1.25³
 * A pixel is evaluated where both have a depth (finite, > 0), inside the
 * evaluation window (crop, region) and, with a cap, where min < g < max; the
 * prediction is then clamped to [min, max] (eval-crops.ts).
 */
import { alignedDepth, fitAlignment, type Alignment, type AlignmentMethod, type PredictionKind } from './depth-alignment';
import { clampToCap, evaluationWindow, isDepth, referenceKept } from './eval-crops';
import type { EvaluationInput } from './evaluation-input';

/**
 * Which SILog: the evaluation metric of the KITTI depth-prediction benchmark and of
 * BTS, AdaBins, ZoeDepth and Depth Anything, λ = 1 and natural logarithms, in
 * "log(m) × 100". The λ = 0.85 form (Eigen's variance focus) is those models'
 * training loss, not the metric they report.
 */
export const SILOG_VARIANT = 'SILog = 100 · sqrt(mean(d²) − mean(d)²), d = ln p − ln g (λ = 1; KITTI benchmark, BTS, AdaBins, ZoeDepth, Depth Anything)';

export const DELTA_THRESHOLDS = [1.25, 1.25 ** 2, 1.25 ** 3] as const;

export interface DepthMetrics {
  absRel: number;
  sqRel: number;
  rmse: number;
  rmseLog: number;
  log10: number;
  silog: number;
  delta1: number;
  delta2: number;
  delta3: number;
  /** Pixels evaluated. */
  count: number;
}

/** Sums over the evaluated pixels, from which every metric follows (the GPU reads back these). */
export interface MetricSums {
  count: number;
  /** Σ|p - g| / g, Σ(p - g)² / g, Σ(p - g)². */
  absRel: number;
  sqRel: number;
  sqErr: number;
  /** Σd², Σ|log10 p - log10 g| (= Σ|d| / ln 10), Σd, with d = ln p - ln g. */
  logSq: number;
  log10Abs: number;
  logSum: number;
  /** Pixels with max(p / g, g / p) below each threshold. */
  delta1: number;
  delta2: number;
  delta3: number;
}

export const NO_ALIGNMENT: Alignment = { method: 'none', space: 'depth', scale: 1, shift: 0, prediction: 'depth' };

/**
 * Calls fn(i, p, g) for every evaluated pixel, with p the aligned prediction clamped
 * to the cap. The one definition of "evaluated" for metrics, error maps and histograms.
 */
export function forEachEvaluated(
  { pred, ref, width, height, settings = {}, alignment = NO_ALIGNMENT }: EvaluationInput,
  fn: (i: number, p: number, g: number) => void,
): void {
  if (pred.length !== width * height || ref.length !== width * height) {
    throw new RangeError(`Metrics: prediction (${pred.length}) and reference (${ref.length}) must both hold ${width}×${height} values; resample first.`);
  }
  const w = evaluationWindow(width, height, settings);
  for (let y = w.y0; y < w.y1; y++) {
    for (let x = w.x0; x < w.x1; x++) {
      const i = y * width + x;
      const g = ref[i];
      if (!referenceKept(g, settings.cap)) continue;
      const p = alignedDepth(pred[i], alignment, settings.cap);
      if (isDepth(p)) fn(i, clampToCap(p, settings.cap), g);
    }
  }
}

/** The sums of nothing: every count and sum 0. */
export const emptyMetricSums = (): MetricSums => ({ count: 0, absRel: 0, sqRel: 0, sqErr: 0, logSq: 0, log10Abs: 0, logSum: 0, delta1: 0, delta2: 0, delta3: 0 });

export function metricSums(input: EvaluationInput): MetricSums {
  const s = emptyMetricSums();
  forEachEvaluated(input, (_i, p, g) => {
    const e = p - g;
    const d = Math.log(p) - Math.log(g);
    const ratio = Math.max(p / g, g / p);
    s.count++;
    s.absRel += Math.abs(e) / g;
    s.sqRel += (e * e) / g;
    s.sqErr += e * e;
    s.logSq += d * d;
    s.log10Abs += Math.abs(Math.log10(p) - Math.log10(g));
    s.logSum += d;
    if (ratio < DELTA_THRESHOLDS[0]) s.delta1++;
    if (ratio < DELTA_THRESHOLDS[1]) s.delta2++;
    if (ratio < DELTA_THRESHOLDS[2]) s.delta3++;
  });
  return s;
}

/**
 * The metrics from their sums (every metric NaN when nothing was evaluated). SILog's
 * variance is clamped at 0: rounding can make mean(d²) - mean(d)² a hair negative
 * when the prediction is an exact multiple of the reference.
 */
export function metricsFromSums(s: MetricSums): DepthMetrics {
  const n = s.count;
  if (n === 0) {
    const nan = Number.NaN;
    return { absRel: nan, sqRel: nan, rmse: nan, rmseLog: nan, log10: nan, silog: nan, delta1: nan, delta2: nan, delta3: nan, count: 0 };
  }
  const meanD = s.logSum / n;
  return {
    absRel: s.absRel / n,
    sqRel: s.sqRel / n,
    rmse: Math.sqrt(s.sqErr / n),
    rmseLog: Math.sqrt(s.logSq / n),
    log10: s.log10Abs / n,
    silog: 100 * Math.sqrt(Math.max(0, s.logSq / n - meanD * meanD)),
    delta1: s.delta1 / n,
    delta2: s.delta2 / n,
    delta3: s.delta3 / n,
    count: n,
  };
}

export const depthMetrics = (input: EvaluationInput): DepthMetrics => metricsFromSums(metricSums(input));

/** Fits the alignment on the evaluation mask (input.alignment is ignored), then scores the aligned prediction. */
export function evaluateDepth(input: EvaluationInput, method: AlignmentMethod, prediction: PredictionKind): { alignment: Alignment; metrics: DepthMetrics } {
  const alignment = fitAlignment(input, method, prediction);
  return { alignment, metrics: depthMetrics({ ...input, alignment }) };
}

/**
 * The reference resampled to the prediction's grid, nearest neighbour with pixel
 * centres aligned: destination pixel x takes source column floor((x + 0.5) * sw / dw)
 * (PyTorch's 'nearest-exact', PIL's NEAREST), so a 2x reduction samples each 2x2
 * block at the same corner everywhere and an enlargement repeats whole pixels.
 * No values are invented (no interpolation across depth edges).
 */
export function resampleNearest(src: Float32Array, sw: number, sh: number, dw: number, dh: number): Float32Array {
  if (src.length !== sw * sh) throw new RangeError(`resampleNearest: ${src.length} values for ${sw}×${sh}.`);
  if (sw === dw && sh === dh) return src.slice();
  const out = new Float32Array(dw * dh);
  const columns = Int32Array.from({ length: dw }, (_, x) => Math.min(sw - 1, Math.floor(((x + 0.5) * sw) / dw)));
  for (let y = 0; y < dh; y++) {
    const row = Math.min(sh - 1, Math.floor(((y + 0.5) * sh) / dh)) * sw;
    for (let x = 0; x < dw; x++) out[y * dw + x] = src[row + columns[x]];
  }
  return out;
}
