/**
 * Page side of e2e/kernel-depth-metrics.spec.ts: loads real frames, makes perturbed
 * predictions from them, runs shaders/depth-metrics.wgsl (DepthMetricsPass) and the
 * float64 reference (src/core/depth-metrics.ts) on the same input, and derives from
 * the reference's own pixels how far apart f32 arithmetic may put them. Everything
 * stays in the page: only the metrics and their bounds go back to Node.
 *
 * The bounds, per evaluated pixel with reference g and aligned prediction p (u = 2^-24):
 * - p on the GPU is off by a relative ε ≤ (C κ + 1) u: C = 5 in depth space (1 / v for
 *   an inverse prediction 2.5 u, scale rounded to f32 u, the product u); C = 8 in
 *   inverse space, κ = (|s x| + |t|) / |s x + t| the conditioning of s x + t (s, t
 *   rounded, product and sum, then 1 / that 2.5 u); + u for the cap's rounding to f32.
 * - e = p - g is off by η = ε p + u |e|; |e| / g by η / g + 3 u |e| / g (2.5 ulp
 *   division); e² by 2 |e| η + η² + 2 u e², and e² / g by that + 2 u e² more, over g.
 * - d = ln p - ln g is off by δd = ε + 2 LOG + 2 u |d|, LOG the WGSL accuracy of log
 *   (absolute 2^-21 in [0.5, 2], else 3 ulp: 3 · 2^-23 |ln x|) for p and for g.
 * - Each f32 sum has every term go through at most L = additionsPerTerm additions
 *   (src/gpu/reduction.ts: the ROWS of its thread's column, then the 64-thread tree, then
 *   PER_THREAD + 6 per merge level): error ≤ L u Σ |term|. d's mean and M2 are updated
 *   per pixel by Welford's formulas, which are Chan's merge with a partial of one.
 * - d's mean and squared deviations, merged pairwise (Chan et al.): the mean is off by
 *   at most 3 L u max |d|, which moves the standard deviation and the RMS of d by at
 *   most that, and M2's own sums by L u relative; d's errors δd move both by at most
 *   max δd (std and RMS are 1-Lipschitz in the largest change of one value).
 * - δ counts: a pixel can change sides only if its ratio is within (ε + 4 u) t of a
 *   threshold t; those pixels are counted from the reference and allowed to differ.
 */
import { acquireGpu } from '../src/gpu/gpu-context';
import { DepthMetricsPass } from '../src/gpu/depth-metrics-pass';
import { additionsPerTerm, levelsFor } from '../src/gpu/reduction';
import { uploadF32 } from '../src/gpu/readback';
import { windowOf } from '../src/gpu/eval-uniform';
import { alignmentInput, fitAlignment, type Alignment, type AlignmentMethod, type PredictionKind } from '../src/core/depth-alignment';
import { DELTA_THRESHOLDS, depthMetrics, forEachEvaluated, type DepthMetrics } from '../src/core/depth-metrics';
import type { EvalSettings } from '../src/core/eval-crops';
import type { EvaluationInput } from '../src/core/evaluation-input';
import { gaussian, mulberry32 } from '../src/core/seeded-random';
import { decodeDepth } from '../src/io/decode-depth';
import { convertToDepth, DEFAULT_UNITS, type UnitPreset } from '../src/core/units';

const U = 2 ** -24;

export interface Frame {
  depth: Float32Array;
  width: number;
  height: number;
}

const frames = new Map<string, Frame>();

export function addFrame(name: string, fileBase64: string, scale: UnitPreset): { width: number; height: number; valid: number } {
  const raw = decodeDepth(Uint8Array.from(atob(fileBase64), (c) => c.charCodeAt(0)));
  const depth = convertToDepth(raw, { ...DEFAULT_UNITS, scale });
  frames.set(name, { depth, width: raw.width, height: raw.height });
  return { width: raw.width, height: raw.height, valid: depth.filter((g) => g > 0 && g < Infinity).length };
}

/** Registers `from` repeated nx x ny times: a larger frame, for reductions of three levels. */
export function addTiledFrame(name: string, from: string, nx: number, ny: number): { width: number; height: number } {
  const f = frameNamed(from);
  const width = f.width * nx;
  const height = f.height * ny;
  const depth = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) depth[y * width + x] = f.depth[(y % f.height) * f.width + (x % f.width)];
  }
  frames.set(name, { depth, width, height });
  return { width, height };
}

/** Predictions made from a reference g (pixel i, n a seeded standard normal per pixel). */
const PREDICTIONS = {
  /** Multiplicative noise σ = 0.25 in ln, and 10 % holes. */
  noisy: (g: number, n: number, i: number) => ((i * 2654435761) % 10 === 0 ? Number.NaN : g * Math.exp(0.25 * n)),
  /** Too far by 1.5 and noisy: past a 3 m cap often, so clamping matters. */
  far: (g: number, n: number) => 1.5 * g * Math.exp(0.1 * n),
  /** A depth prediction 0.8 times too near with 5 % noise: for a least-squares scale. */
  scaled: (g: number, n: number) => 0.8 * g * (1 + 0.05 * n),
  /** An exact multiple: SILog is 0 but for the f32 storage of p. */
  exact: (g: number) => 1.1 * g,
  /** Affine inverse depth with noise (a relative model's output): for the MiDaS fit. */
  affineInverse: (g: number, n: number) => 2 / g + 0.1 + 0.02 * n,
};

export type PredictionName = keyof typeof PREDICTIONS;

export interface Scenario {
  frame: string;
  prediction: PredictionName;
  kind: PredictionKind;
  method: AlignmentMethod;
  settings: EvalSettings;
  /** Changes the GPU's alignment only: the tests use it to show they can fail. */
  gpuScaleFactor?: number;
}

type MetricKey = Exclude<keyof DepthMetrics, 'count'>;

export interface MetricsComparison {
  gpu: DepthMetrics;
  cpu: DepthMetrics;
  /** Allowed |gpu - cpu| per metric (δ's as shares of the count). */
  bound: Record<MetricKey, number>;
  alignment: Alignment;
  /** Dispatches the GPU reduction took (1 + merge levels). */
  levels: number;
  pixels: number;
}

export function frameNamed(name: string): Frame {
  const frame = frames.get(name);
  if (!frame) throw new Error(`no frame ${name}`);
  return frame;
}

export function predictionOf(frame: Frame, name: PredictionName): Float32Array {
  const normal = gaussian(mulberry32(12345));
  const f = PREDICTIONS[name];
  return Float32Array.from(frame.depth, (g, i) => {
    const n = normal();
    return g > 0 && g < Infinity ? f(g, n, i) : Number.NaN;
  });
}

/** A scenario's evaluation input: its frame, its prediction, and the float64 fit as the alignment. */
export function scenarioInput(s: Scenario): EvaluationInput & { alignment: Alignment } {
  const frame = frameNamed(s.frame);
  const input = { pred: predictionOf(frame, s.prediction), ref: frame.depth, width: frame.width, height: frame.height, settings: s.settings };
  return { ...input, alignment: fitAlignment(input, s.method, s.kind) };
}

/** The alignment the GPU is given: the reference's, its scale times gpuScaleFactor (how the tests show they can fail). */
export const gpuAlignmentOf = (s: Scenario, a: Alignment): Alignment => ({ ...a, scale: a.scale * (s.gpuScaleFactor ?? 1) });

/**
 * Runs `fn` on the shared device with the input's maps uploaded, in a validation
 * scope; the buffers are destroyed after. A validation error is thrown first, then
 * any error of `fn` (a fit's refusal is a result under test, a validation error outranks it).
 */
export async function onGpu<T>(input: EvaluationInput, fn: (device: GPUDevice, gpu: EvaluationInput<GPUBuffer>) => Promise<T>): Promise<T> {
  const r = await acquireGpu();
  if (!r.ok) throw new Error(`WebGPU unavailable: ${r.detail}`);
  const device = r.gpu.device;
  device.pushErrorScope('validation');
  const gpu = { ...input, pred: uploadF32(device, input.pred, 'harness-pred'), ref: uploadF32(device, input.ref, 'harness-ref') };
  const outcome = await fn(device, gpu).then(
    (value) => ({ value }),
    (failure: unknown) => ({ failure }),
  );
  const error = await device.popErrorScope();
  gpu.pred.destroy();
  gpu.ref.destroy();
  if (error) throw new Error(`GPU validation error: ${error.message}`);
  if ('failure' in outcome) throw outcome.failure;
  return outcome.value;
}

/** ε = (C κ + 1) u, the relative error of the GPU's aligned prediction for raw value v (derived above). */
export function predictionEpsilon(a: Alignment, v: number): number {
  const x = alignmentInput(v, a.space, a.prediction);
  const kappa = a.space === 'inverse' ? (Math.abs(a.scale * x) + Math.abs(a.shift)) / Math.abs(a.scale * x + a.shift) : 1;
  return ((a.space === 'inverse' ? 8 : 5) * kappa + 1) * U;
}

/** WGSL's accuracy of log(x) (absolute 2^-21 on [0.5, 2], else 3 ulp of the result). */
const logError = (x: number) => (x >= 0.5 && x <= 2 ? 2 ** -21 : 3 * 2 ** -23 * Math.abs(Math.log(x)));

function bounds(input: EvaluationInput & { alignment: Alignment }, cpu: DepthMetrics, L: number): Record<MetricKey, number> {
  const { pred, alignment: a } = input;
  let absRel = 0;
  let absRelTerms = 0;
  let sqRel = 0;
  let sqRelTerms = 0;
  let sqErr = 0;
  let sqErrTerms = 0;
  let log10 = 0;
  let log10Terms = 0;
  let maxDd = 0;
  let maxD = 0;
  const near = [0, 0, 0];
  forEachEvaluated(input, (i, p, g) => {
    const eps = predictionEpsilon(a, pred[i]);
    const e = Math.abs(p - g);
    const eta = eps * p + U * e;
    absRel += eta / g + (3 * U * e) / g;
    absRelTerms += e / g;
    sqErr += 2 * e * eta + eta * eta + 2 * U * e * e;
    sqErrTerms += e * e;
    sqRel += (2 * e * eta + eta * eta + 4 * U * e * e) / g;
    sqRelTerms += (e * e) / g;
    const d = Math.log(p) - Math.log(g);
    const dd = eps + logError(p) + logError(g) + 2 * U * Math.abs(d);
    log10 += dd / Math.LN10 + (4 * U * Math.abs(d)) / Math.LN10;
    log10Terms += Math.abs(d) / Math.LN10;
    maxDd = Math.max(maxDd, dd);
    maxD = Math.max(maxD, Math.abs(d));
    const ratio = Math.max(p / g, g / p);
    DELTA_THRESHOLDS.forEach((t, k) => {
      if (Math.abs(ratio - t) <= (eps + 4 * U) * t) near[k]++;
    });
  });
  const n = cpu.count;
  const sqErrBound = (sqErr + L * U * sqErrTerms) / n;
  const chan = 3 * L * U * maxD;
  return {
    absRel: (absRel + L * U * absRelTerms) / n,
    sqRel: (sqRel + L * U * sqRelTerms) / n,
    rmse: sqErrBound / cpu.rmse,
    rmseLog: maxDd + chan + L * U * cpu.rmseLog,
    log10: (log10 + L * U * log10Terms) / n,
    silog: 100 * (maxDd + chan + L * U * (cpu.silog / 100)),
    delta1: near[0] / n,
    delta2: near[1] / n,
    delta3: near[2] / n,
  };
}

export async function compareMetrics(s: Scenario): Promise<MetricsComparison> {
  const input = scenarioInput(s);
  const cpu = depthMetrics(input);
  const gpu = await onGpu(input, async (device, g) => {
    const pass = new DepthMetricsPass(device);
    try {
      return await pass.metrics({ ...g, alignment: gpuAlignmentOf(s, input.alignment) });
    } finally {
      pass.destroy();
    }
  });
  const { rect } = windowOf(input.width, input.height, s.settings);
  const bound = bounds(input, cpu, additionsPerTerm(rect));
  return { gpu, cpu, bound, alignment: input.alignment, levels: levelsFor(rect), pixels: input.width * input.height };
}
