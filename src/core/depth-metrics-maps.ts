/**
 * Error maps of a prediction against a reference, per pixel, in float64 and
 * stored as float32: the TypeScript reference of shaders/error-map.wgsl
 * (src/gpu/error-map-pass.ts). NaN wherever the pixel is not evaluated (see
 * forEachEvaluated), so the heatmap draws it as "no depth".
 */
import { DELTA_THRESHOLDS, forEachEvaluated } from './depth-metrics';
import type { EvaluationInput } from './evaluation-input';

/**
 * 'signed':  p - g in metres (positive: the prediction is too far), for a diverging colormap centred on 0;
 * 'abs-rel': |p - g| / g;
 * 'delta':   how many of the thresholds 1.25, 1.25², 1.25³ max(p / g, g / p) fails: 0 (δ < 1.25) to 3.
 */
export type ErrorMapMode = 'signed' | 'abs-rel' | 'delta';

export const ERROR_MAP_MODES: readonly ErrorMapMode[] = ['signed', 'abs-rel', 'delta'];

/** The error of one evaluated pixel in `mode`. */
export function pixelError(p: number, g: number, mode: ErrorMapMode): number {
  if (mode === 'signed') return p - g;
  if (mode === 'abs-rel') return Math.abs(p - g) / g;
  const ratio = Math.max(p / g, g / p);
  return DELTA_THRESHOLDS.filter((t) => !(ratio < t)).length;
}

export function errorMap(input: EvaluationInput, mode: ErrorMapMode): Float32Array {
  const out = new Float32Array(input.width * input.height).fill(Number.NaN);
  forEachEvaluated(input, (i, p, g) => {
    out[i] = pixelError(p, g, mode);
  });
  return out;
}
