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
import { ErrorMapPass } from '../src/gpu/error-map-pass';
import { readBufferF32, uploadF32 } from '../src/gpu/readback';
import { errorMap, type ErrorMapMode } from '../src/core/depth-metrics-maps';
import { DELTA_THRESHOLDS, forEachEvaluated } from '../src/core/depth-metrics';
import { gpuAlignmentOf, onGpu, predictionEpsilon, scenarioInput, type Scenario } from './harness-metrics';

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
  const input = scenarioInput(s);
  const { pred, alignment: a } = input;
  const cpu = errorMap(input, mode);
  const gpu = await onGpu(input, async (device, g) => {
    const output = uploadF32(device, new Float32Array(input.width * input.height), 'error-map-out');
    const pass = new ErrorMapPass(device);
    try {
      const encoder = device.createCommandEncoder();
      pass.encode(encoder, { ...g, alignment: gpuAlignmentOf(s, a) }, mode, output);
      device.queue.submit([encoder.finish()]);
      return await readBufferF32(device, output, input.width * input.height);
    } finally {
      pass.destroy();
      output.destroy();
    }
  });

  let validityMismatches = 0;
  for (let i = 0; i < cpu.length; i++) if (Number.isNaN(cpu[i]) !== Number.isNaN(gpu[i])) validityMismatches++;
  let evaluated = 0;
  let overBound = 0;
  let nearThreshold = 0;
  let worst = 0;
  forEachEvaluated(input, (i, p, g) => {
    evaluated++;
    const eps = predictionEpsilon(a, pred[i]);
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
