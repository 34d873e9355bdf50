/**
 * The edge-preserving "spatial filter" of RealSense (librealsense's recursive domain
 * transform, after Gastal & Oliveira 2011), computed as librealsense computes it: the
 * loops are ported in ./spatial-librealsense.ts (file and line cited there). This file
 * chooses the code path and converts our depth fields (metres or 1/m, NaN = no depth)
 * to and from librealsense's working values (no depth = 0):
 *
 * - 'units': integer-unit depth (Z16-like sources, `unitM` metres per unit). Depth is
 *   turned into whole units, filtered by the uint16_t template (every blend rounded to
 *   a whole unit), and turned back; delta (metres) becomes round(delta / unitM) units.
 * - 'float': float depth sources. The same template at T = float: the same rules, no
 *   rounding to units, validity |v| >= FLT_EPSILON, delta in metres.
 * - 'disparity': the stage runs after a depth -> disparity switch: librealsense's float
 *   disparity loops, then its separate hole fill; delta in the domain's units.
 *
 * Conversions, defined in f32 so that the WGSL kernels reproduce them bit for bit:
 * - units in: p = f32(z * f32(1 / unitM)), k = floor(p), + 1 if p - k >= 0.5 (round
 *   half up); no depth, negatives and k = 0 give 0.
 * - units out: k = 0 -> NaN; k unchanged -> the input value itself (a pixel the filter
 *   did not change keeps its exact metres); else f32(k * f32(unitM)).
 * - float / disparity: non-finite (and, for disparity, <= 0) -> 0 in, 0 -> NaN out.
 */
import { checkField, checkInteger, checkNumber } from './depth-field';
import { inertialHolesFill, smoothDepthFrame, smoothDisparityFrame } from './spatial-librealsense';

/** The Viewer's "Holes filling mode" (librealsense spatial-filter.cpp:20-29, 115-120). */
export type SpatialHoleFill = 0 | 2 | 4 | 8 | 16 | 'unlimited';
export const SPATIAL_HOLE_FILLS: readonly SpatialHoleFill[] = [0, 2, 4, 8, 16, 'unlimited'];

export interface SpatialFilterParams {
  /** Weight of the current sample, 0.25..1 (1 = no smoothing). */
  alpha: number;
  /** The edge threshold in the stage's domain (m, or disparity units); >= 0. */
  delta: number;
  /** Number of iterations, 1..5. */
  iterations: number;
  /** Hole fill radius R: fills up to R - 1 px; 0 = off. */
  holeFill: SpatialHoleFill;
}

export type SpatialVariant = { kind: 'units'; unitM: number } | { kind: 'float' } | { kind: 'disparity' };

/** _holes_filling_radius (librealsense spatial-filter.cpp:135-153): 2^mode, 0xff for unlimited. */
export function holeFillRadius(h: SpatialHoleFill): number {
  return h === 'unlimited' ? 255 : h;
}

/** Delta in whole units for the uint16_t template (delta_z = static_cast<uint16_t>, spatial-filter.h:71). */
export function deltaUnits(deltaM: number, unitM: number): number {
  return Math.min(65535, Math.round(deltaM / unitM));
}

export function spatialFilter(
  depth: Float32Array,
  width: number,
  height: number,
  p: SpatialFilterParams,
  variant: SpatialVariant = { kind: 'float' },
): Float32Array {
  checkField(depth, width, height, 'spatialFilter');
  checkNumber(p.alpha, 0.25, 1, 'The spatial filter alpha');
  checkNumber(p.delta, 0, Number.POSITIVE_INFINITY, 'The spatial filter delta');
  checkInteger(p.iterations, 1, 5, 'The number of spatial filter iterations');
  if (!SPATIAL_HOLE_FILLS.includes(p.holeFill)) throw new RangeError(`The spatial hole fill must be one of ${SPATIAL_HOLE_FILLS.join(', ')}, not ${p.holeFill}.`);
  const alpha = Math.fround(p.alpha);
  const radius = holeFillRadius(p.holeFill);
  if (variant.kind === 'disparity') {
    const v = depth.map((x) => (Number.isFinite(x) && x > 0 ? x : 0));
    const deltaZ = Math.fround(p.delta);
    for (let it = 0; it < p.iterations; it++) smoothDisparityFrame(v, width, height, alpha, deltaZ);
    if (radius) inertialHolesFill(v, width, height, radius);
    return v.map((x) => (x > 0 ? x : Number.NaN));
  }
  if (variant.kind === 'float') {
    const v = depth.map((x) => (Number.isFinite(x) ? x : 0));
    const rules = { alpha, deltaZ: Math.fround(p.delta), radius, quantize: false };
    for (let it = 0; it < p.iterations; it++) smoothDepthFrame(v, width, height, rules);
    return v.map((x) => (x === 0 ? Number.NaN : x));
  }
  checkNumber(variant.unitM, Number.MIN_VALUE, Number.POSITIVE_INFINITY, 'The depth unit (m)');
  const units = toUnits(depth, variant.unitM);
  const v = Float32Array.from(units);
  const rules = { alpha, deltaZ: deltaUnits(p.delta, variant.unitM), radius, quantize: true };
  for (let it = 0; it < p.iterations; it++) smoothDepthFrame(v, width, height, rules);
  return fromUnits(v, units, depth, variant.unitM);
}

/** Depth (m) to whole units, as defined in the header; 0 = no depth. */
export function toUnits(depth: Float32Array, unitM: number): Float32Array {
  const inv = Math.fround(1 / unitM);
  return depth.map((z) => {
    const p = Math.fround(z * inv);
    if (!(p >= 0.5) || !Number.isFinite(p)) return 0;
    const k = Math.floor(p);
    return p - k >= 0.5 ? k + 1 : k;
  });
}

/**
 * Whole units back to metres: a pixel whose units equal `before` (the units of `depth`)
 * keeps its value in `depth`. `units` defaults to `converted`; pass the units separately
 * to chain a second source of exact values over a first conversion (temporal: the
 * input, then the last output).
 */
export function fromUnits(converted: Float32Array, before: Float32Array, depth: Float32Array, unitM: number, units = converted): Float32Array {
  const unit = Math.fround(unitM);
  if (units !== converted) return converted.map((m, i) => (units[i] !== 0 && units[i] === before[i] ? depth[i] : m));
  return units.map((k, i) => (k === 0 ? Number.NaN : k === before[i] ? depth[i] : Math.fround(k * unit)));
}
