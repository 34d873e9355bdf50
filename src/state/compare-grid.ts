/**
 * Putting the reference on the map's grid and saying what was done: nearest
 * neighbour resampling (no depth is invented across edges), cached per
 * reference and size so a filter change does not resample again, and the
 * evaluation settings for one grid, refusing a crop that is not defined there.
 */
import { resampleNearest } from '../core/depth-metrics';
import { EVAL_CROPS, type EvalSettings, type PixelRect } from '../core/eval-crops';
import type { CompareSettings, ReferenceMap } from './compare-store';

const cache = new WeakMap<Float32Array, Map<string, Float32Array>>();

/** The reference's depths on a width x height grid (the same array when the sizes match). */
export function referenceOnGrid(ref: Pick<ReferenceMap, 'depth' | 'raw'>, width: number, height: number): Float32Array {
  const { width: rw, height: rh } = ref.raw;
  if (rw === width && rh === height) return ref.depth;
  let sizes = cache.get(ref.depth);
  if (!sizes) cache.set(ref.depth, (sizes = new Map()));
  const key = `${width}x${height}`;
  let out = sizes.get(key);
  if (!out) sizes.set(key, (out = resampleNearest(ref.depth, rw, rh, width, height)));
  return out;
}

/** What the panel says about sizes: null when the reference already is on the map's grid. */
export function resampleNote(refWidth: number, refHeight: number, width: number, height: number): string | null {
  if (refWidth === width && refHeight === height) return null;
  const aspect = Math.abs(refWidth / refHeight - width / height) / (width / height);
  const base = `The reference is ${refWidth}×${refHeight}, the map ${width}×${height}: the reference is resampled to the map's grid (nearest neighbour).`;
  return aspect > 0.01 ? `${base} Their aspect ratios differ, so the images are stretched to match: check that they show the same view.` : base;
}

/**
 * The evaluation settings on a width x height grid, or a message when the chosen crop
 * is not defined there. The region is drawn in image pixels; on a grid decimated by
 * `factor` it covers every cell that any of its pixels falls in.
 */
export function evalSettingsOn(
  settings: CompareSettings,
  width: number,
  height: number,
  factor = 1,
): { ok: true; settings: EvalSettings } | { ok: false; message: string } {
  if (settings.crop && !EVAL_CROPS[settings.crop].appliesTo(width, height)) {
    return { ok: false, message: `The ${EVAL_CROPS[settings.crop].label} is not defined for a ${width}×${height} map; choose no crop.` };
  }
  const r = settings.region;
  const region = r && { x0: Math.floor(r.x0 / factor), y0: Math.floor(r.y0 / factor), x1: Math.ceil(r.x1 / factor), y1: Math.ceil(r.y1 / factor) };
  return { ok: true, settings: { crop: settings.crop, cap: settings.cap, region } };
}

/** The half-open rectangle spanned by two image pixels (both inside it), clamped to the image. */
export function regionBetween(a: { x: number; y: number }, b: { x: number; y: number }, width: number, height: number): PixelRect {
  const clampX = (x: number) => Math.max(0, Math.min(width, x));
  const clampY = (y: number) => Math.max(0, Math.min(height, y));
  return { x0: clampX(Math.min(a.x, b.x)), y0: clampY(Math.min(a.y, b.y)), x1: clampX(Math.max(a.x, b.x) + 1), y1: clampY(Math.max(a.y, b.y) + 1) };
}
