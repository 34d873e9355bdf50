/**
 * Which pixels an evaluation looks at, before looking at the values: the crops
 * the depth-estimation literature evaluates on, a user's region rectangle, and
 * the depth cap. Shared by the metrics (depth-metrics.ts), the alignment fit
 * (depth-alignment.ts) and the GPU kernels' uniforms (src/gpu/eval-uniform.ts, shaders/eval-common.wgsl).
 */

/** A pixel rectangle, half-open: columns x0 <= x < x1, rows y0 <= y < y1. */
export interface PixelRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export type EvalCropName = 'eigen-nyu' | 'garg-kitti';

export interface EvalCrop {
  /** What the UI shows. */
  label: string;
  /** Whether the crop is defined for a map of this size. */
  appliesTo(width: number, height: number): boolean;
  rect(width: number, height: number): PixelRect;
}

/**
 * Numbers as in the evaluation code everyone copies (BTS pytorch/bts_eval.py,
 * AdaBins, ZoeDepth zoedepth/utils/misc.py compute_metrics, used by Depth Anything's
 * metric evaluation): NumPy slices, so the ends are exclusive.
 */
export const EVAL_CROPS: Record<EvalCropName, EvalCrop> = {
  // Eigen et al. (NIPS 2014) NYU crop: eval_mask[45:471, 41:601] on the 640 x 480 frame,
  // i.e. rows 45..470 and columns 41..600 (426 x 560 pixels). Fixed pixel numbers, so only
  // defined at 640 x 480.
  'eigen-nyu': {
    label: 'Eigen crop (NYU, 640×480)',
    appliesTo: (width, height) => width === 640 && height === 480,
    rect: (width, height) => {
      if (width !== 640 || height !== 480) throw new RangeError(`The Eigen crop is defined for 640×480 maps, not ${width}×${height}.`);
      return { x0: 41, y0: 45, x1: 601, y1: 471 };
    },
  },
  // Garg et al. (ECCV 2016) KITTI crop, as fractions of the ground truth's size, truncated
  // to integers (int() in Python, astype(np.int32) in Monodepth): rows
  // [0.40810811 h, 0.99189189 h), columns [0.03594771 w, 0.96405229 w). At KITTI's
  // 1242 x 375: rows 153..370, columns 44..1196.
  'garg-kitti': {
    label: 'Garg crop (KITTI)',
    appliesTo: (width, height) => width > 0 && height > 0,
    rect: (width, height) => ({
      x0: Math.floor(0.03594771 * width),
      y0: Math.floor(0.40810811 * height),
      x1: Math.floor(0.96405229 * width),
      y1: Math.floor(0.99189189 * height),
    }),
  },
};

/** Evaluation settings that do not depend on the values. */
export interface EvalWindowSettings {
  crop?: EvalCropName | null;
  /** A rectangle drawn by the user, in pixels of the evaluation grid. */
  region?: PixelRect | null;
}

/**
 * The rectangle evaluated: the whole map, intersected with the crop and the region.
 * Empty (x1 <= x0 or y1 <= y0) when they do not overlap.
 */
export function evaluationWindow(width: number, height: number, settings: EvalWindowSettings = {}): PixelRect {
  let r: PixelRect = { x0: 0, y0: 0, x1: width, y1: height };
  if (settings.crop) r = intersect(r, EVAL_CROPS[settings.crop].rect(width, height));
  if (settings.region) r = intersect(r, settings.region);
  return r;
}

function intersect(a: PixelRect, b: PixelRect): PixelRect {
  const x0 = Math.max(a.x0, Math.floor(b.x0));
  const y0 = Math.max(a.y0, Math.floor(b.y0));
  return { x0, y0, x1: Math.max(x0, Math.min(a.x1, Math.floor(b.x1))), y1: Math.max(y0, Math.min(a.y1, Math.floor(b.y1))) };
}

/**
 * The depth cap of the evaluation protocols (min_depth_eval, max_depth_eval: e.g. 1e-3
 * and 10 m for NYU, 80 m for KITTI): reference depths are kept only strictly inside
 * (min, max), and predictions are clamped to [min, max] (BTS, AdaBins, ZoeDepth).
 */
export interface DepthCap {
  min: number;
  max: number;
}

/** Everything that decides which pixels are evaluated, besides the values' own validity. */
export interface EvalSettings extends EvalWindowSettings {
  cap?: DepthCap | null;
}

/** A usable depth: finite and > 0 (no depth is stored as NaN, ±Infinity, 0 or less). */
export function isDepth(v: number): boolean {
  return v > 0 && v < Infinity;
}

/** Whether a reference depth is evaluated: a depth, and strictly inside the cap if there is one. */
export function referenceKept(g: number, cap: DepthCap | null | undefined): boolean {
  return isDepth(g) && (!cap || (g > cap.min && g < cap.max));
}

/** A prediction clamped to the cap (unchanged without one). */
export function clampToCap(p: number, cap: DepthCap | null | undefined): number {
  if (!cap) return p;
  return p < cap.min ? cap.min : p > cap.max ? cap.max : p;
}
