/**
 * What a depth model's numbers mean, read from its config.json: the app turns
 * relative inverse depth into metres by calibration, and takes metric output as is.
 */

/** 'relative-inverse': larger = nearer, unitless, up to an unknown scale and shift (Depth Anything, MiDaS/DPT). 'metric': metres. */
export type DepthKind = 'relative-inverse' | 'metric';

/** The config.json fields that tell the kind. */
export interface DepthModelConfig {
  model_type?: string;
  /** Depth Anything's field: 'relative' (default) or 'metric' for its metric fine-tunes (max_depth in metres). */
  depth_estimation_type?: string;
}

/** Model types of transformers.js's depth-estimation models whose output is in metres whatever their config says. */
const METRIC_MODEL_TYPES = new Set(['depth_pro', 'glpn', 'zoedepth', 'metric3d', 'metric3dv2', 'chmv2']);

export function depthKindOf(config: DepthModelConfig): DepthKind {
  if (config.depth_estimation_type === 'metric') return 'metric';
  if (config.depth_estimation_type === 'relative') return 'relative-inverse';
  return METRIC_MODEL_TYPES.has(config.model_type ?? '') ? 'metric' : 'relative-inverse';
}
