/**
 * Page side of e2e/kernel-error-map.spec.ts: shaders/error-map.wgsl (ErrorMapPass)
 * against errorMap (src/core/depth-metrics-maps.ts: float64, stored as f32) on a
 * frame and prediction of e2e/harness-metrics.ts, compared pixel by pixel in the page.
 *
 * Per evaluated pixel, with the aligned prediction p on the GPU off by a relative
 * ε = (C κ + 1) u (derived in harness-metrics.ts) and e = p - g:
 * - signed: the GPU's e is off by ε p + u |e|, the reference's stored f32 by u |e|;
 * - abs-rel: that over g, plus 2.5 u |e| / g for the division and u |e| / g for the storage;
 * - δ failures: exact, except where the ratio is within (ε + 4 u) t of a threshold t
 *   (counted here, and allowed to differ);
 * - which pixels are evaluated: exact (comparisons on the same f32 values).
 */
import { acquireGpu } from '../src/gpu/gpu-context';
import { ErrorMapPass } from '../src/gpu/error-map-pass';
import { readBufferF32, uploadF32 } from '../src/gpu/readback';
import { alignmentInput, fitAlignment, type Alignment } from '../src/core/depth-alignment';
import { errorMap, type ErrorMapMode } from '../src/core/depth-metrics-maps';
import { DELTA_THRESHOLDS, forEachEvaluated } from '../src/core/depth-metrics';
import { frameNamed, predictionOf, type Scenario } from './harness-metrics';

const U = 2 ** -24;

export interface ErrorMapComparison {
  evaluated: number;
  validityMismatches: number;
  /** Pixels differing by more than their bound (δ mode: differing and not near a threshold). */
  overBound: number;
  /** δ mode: pixels whose ratio is near a threshold, and of those, how many differ. */
  nearThreshold: number;
  worst: number;
}

export async function compareErrorMap(s: Scenario, mode: ErrorMapMode): Promise<ErrorMapComparison> {
  const frame = frameNamed(s.frame);
  const { width, height } = frame;
  const r = await acquireGpu();
  if (!r.ok) throw new Error(`WebGPU unavailable: ${r.detail}`);
  const device = r.gpu.device;
  const pred = predictionOf(frame, s.prediction);
  const a: Alignment = fitAlignment(pred, frame.depth, width, height, s.method, s.kind, s.settings);
  const cpu = errorMap(pred, frame.depth, width, height, mode, s.settings, a);

  device.pushErrorScope('validation');
  const predBuffer = uploadF32(device, pred, 'error-map-pred');
  const refBuffer = uploadF32(device, frame.depth, 'error-map-ref');
  const output = uploadF32(device, new Float32Array(width * height), 'error-map-out');
  const pass = new ErrorMapPass(device);
  const encoder = device.createCommandEncoder();
  pass.encode(encoder, predBuffer, refBuffer, frame, mode, output, s.settings, { ...a, scale: a.scale * (s.gpuScaleFactor ?? 1) });
  device.queue.submit([encoder.finish()]);
  const gpu = await readBufferF32(device, output, width * height);
  const error = await device.popErrorScope();
  pass.destroy();
  for (const b of [predBuffer, refBuffer, output]) b.destroy();
  if (error) throw new Error(`GPU validation error: ${error.message}`);

  let validityMismatches = 0;
  for (let i = 0; i < cpu.length; i++) if (Number.isNaN(cpu[i]) !== Number.isNaN(gpu[i])) validityMismatches++;
  const C = a.space === 'inverse' ? 8 : 5;
  let evaluated = 0;
  let overBound = 0;
  let nearThreshold = 0;
  let worst = 0;
  forEachEvaluated(pred, frame.depth, width, height, s.settings, a, (i, p, g) => {
    evaluated++;
    const x = alignmentInput(pred[i], a.space, a.prediction);
    const kappa = a.space === 'inverse' ? (Math.abs(a.scale * x) + Math.abs(a.shift)) / Math.abs(a.scale * x + a.shift) : 1;
    const eps = (C * kappa + 1) * U;
    const e = Math.abs(p - g);
    if (mode === 'delta') {
      const ratio = Math.max(p / g, g / p);
      const near = DELTA_THRESHOLDS.some((t) => Math.abs(ratio - t) <= (eps + 4 * U) * t);
      if (near) nearThreshold++;
      else if (gpu[i] !== cpu[i]) overBound++;
      return;
    }
    const bound = mode === 'signed' ? eps * p + 2 * U * e : (eps * p + U * e) / g + (4.5 * U * e) / g;
    const diff = Math.abs(gpu[i] - cpu[i]);
    if (!(diff <= bound)) overBound++;
    else if (bound > 0) worst = Math.max(worst, diff / bound);
  });
  return { evaluated, validityMismatches, overBound, nearThreshold, worst };
}
