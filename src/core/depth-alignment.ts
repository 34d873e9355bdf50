/**
 * Aligning a prediction to a reference before scoring it, as the depth-estimation
 * literature does: none (metric predictions), median scaling, least-squares
 * scale, and least-squares scale and shift in inverse depth (the affine-invariant
 * protocol of MiDaS, used for Depth Anything's relative models), each fitted over
 * the evaluation mask. Float64 reference; the GPU gathers the same sums
 * (shaders/alignment-sums.wgsl, src/gpu/alignment-pass.ts) and both solve them with depth-alignment-fit.ts,
 * the core the point calibration (calibration.ts) uses too.
 */
import { centredLineFitSums, lineFitSums, medianOf, scaleFromMedians, solveLineFit } from './depth-alignment-fit';
import { evaluationWindow, isDepth, referenceKept, type DepthCap } from './eval-crops';
import type { EvaluationInput } from './evaluation-input';

export type AlignmentMethod = 'none' | 'median' | 'lsq-scale' | 'lsq-scale-shift-inverse';

export const ALIGNMENT_METHODS: readonly { method: AlignmentMethod; label: string }[] = [
  { method: 'none', label: 'none (metric prediction)' },
  { method: 'median', label: 'median scaling' },
  { method: 'lsq-scale', label: 'least-squares scale' },
  { method: 'lsq-scale-shift-inverse', label: 'least-squares scale and shift in inverse depth' },
];

/**
 * What the prediction's values mean: 'depth' grows with distance (metres or a
 * multiple), 'inverse' grows as things get nearer (disparity-like: MiDaS and Depth
 * Anything's relative outputs, 8-bit relative maps).
 */
export type PredictionKind = 'depth' | 'inverse';

/**
 * depth space:   z = scale * d, d the prediction as depth (v, or 1 / v for an inverse prediction);
 * inverse space: 1 / z = scale * q + shift, q the prediction as inverse depth (v, or 1 / v).
 */
export interface Alignment {
  method: AlignmentMethod;
  space: 'depth' | 'inverse';
  scale: number;
  shift: number;
  prediction: PredictionKind;
}

export function alignmentSpace(method: AlignmentMethod): 'depth' | 'inverse' {
  return method === 'lsq-scale-shift-inverse' ? 'inverse' : 'depth';
}

/** Whether a raw prediction value can be taken into `space`: a depth there must be > 0; an inverse prediction used as is only finite. */
export function inputUsable(v: number, space: 'depth' | 'inverse', prediction: PredictionKind): boolean {
  return space === 'inverse' && prediction === 'inverse' ? Number.isFinite(v) : isDepth(v);
}

/** The prediction value in the alignment's space (reciprocal when the kinds differ). Only for usable values. */
export function alignmentInput(v: number, space: 'depth' | 'inverse', prediction: PredictionKind): number {
  return (space === 'depth') === (prediction === 'depth') ? v : 1 / v;
}

/**
 * The pixels a fit uses: inside the evaluation window, the reference kept (a depth,
 * inside the cap), and the prediction usable in the fit's space.
 */
export function fitMask({ pred, ref, width, height, settings = {} }: EvaluationInput, space: 'depth' | 'inverse', prediction: PredictionKind): Uint8Array {
  if (pred.length !== width * height || ref.length !== width * height) {
    throw new RangeError(`Alignment: prediction (${pred.length}) and reference (${ref.length}) must both hold ${width}×${height} values.`);
  }
  const mask = new Uint8Array(width * height);
  const w = evaluationWindow(width, height, settings);
  for (let y = w.y0; y < w.y1; y++) {
    for (let x = w.x0; x < w.x1; x++) {
      const i = y * width + x;
      mask[i] = referenceKept(ref[i], settings.cap) && inputUsable(pred[i], space, prediction) ? 1 : 0;
    }
  }
  return mask;
}

/**
 * Fits `method` over the fit mask. Throws a RangeError (with a message for the user)
 * when the mask leaves nothing to fit, or too little.
 */
export function fitAlignment(input: EvaluationInput, method: AlignmentMethod, prediction: PredictionKind): Alignment {
  const space = alignmentSpace(method);
  if (method === 'none') return { method, space, scale: 1, shift: 0, prediction };
  const { pred, ref } = input;
  const mask = fitMask(input, space, prediction);
  const isFitted = (i: number) => mask[i] === 1;
  const x = Float64Array.from(pred, (v, i) => (mask[i] ? alignmentInput(v, space, prediction) : Number.NaN));
  if (method === 'median') {
    const xs: number[] = [];
    const gs: number[] = [];
    for (let i = 0; i < mask.length; i++) {
      if (!mask[i]) continue;
      xs.push(x[i]);
      gs.push(ref[i]);
    }
    return { method, space, scale: scaleFromMedians(medianOf(Float64Array.from(xs)), medianOf(Float64Array.from(gs)), xs.length), shift: 0, prediction };
  }
  if (method === 'lsq-scale') return { method, space, ...solveLineFit(lineFitSums(x, ref, isFitted), false), prediction };
  // MiDaS: fit the prediction's inverse depth to the reference's (1 / z), with a shift.
  const target = Float64Array.from(ref, (g, i) => (mask[i] ? 1 / g : Number.NaN));
  return { method, space, ...solveLineFit(centredLineFitSums(x, target, isFitted), true), prediction };
}

/**
 * Metres for one raw prediction value under an alignment; NaN when it gives no depth.
 * In inverse space with a cap, the fitted inverse depth is first raised to at least
 * 1 / cap.max (MiDaS's disparity cap), so a far pixel the affine fit pushed to zero
 * or below scores as cap.max instead of dropping out. Not clamped to the cap (the
 * metrics do that).
 */
export function alignedDepth(v: number, a: Alignment, cap?: DepthCap | null): number {
  if (!inputUsable(v, a.space, a.prediction)) return Number.NaN;
  const x = alignmentInput(v, a.space, a.prediction);
  if (a.space === 'depth') {
    const z = a.scale * x;
    return isDepth(z) ? z : Number.NaN;
  }
  let inverse = a.scale * x + a.shift;
  if (cap) inverse = Math.max(inverse, 1 / cap.max);
  const z = 1 / inverse;
  return inverse > 0 && isDepth(z) ? z : Number.NaN;
}

/** The aligned prediction in metres (float32, as maps are stored), NaN where there is no depth. */
export function applyAlignment(pred: Float32Array, a: Alignment, cap?: DepthCap | null): Float32Array {
  return Float32Array.from(pred, (v) => alignedDepth(v, a, cap));
}
