/**
 * Depth <-> disparity as librealsense's disparity_transform computes it, in its units:
 * disparity in 1/32 pixel (5 fractional bits) from the stereo baseline and the focal
 * length, so that the Viewer's spatial and temporal deltas (20 by default) mean here
 * what they mean there. The reference of shaders/disparity-transform.wgsl. Ported from
 * librealsense src/proc/disparity-transform.h (commit cacc8e7):
 *
 * - h:107-116: d2d_convert_factor = (baseline_m * fx * 32) / depth_units, in float, left
 *   to right, with baseline_m = baseline_mm * 0.001f (h:94, 103) and fx the frame's
 *   focal length in pixels (after decimation: fx / factor, decimation-filter.cpp:349).
 * - h:36-49 (convert<Tin, Tout>): out = static_cast<Tout>(factor / input + round), where
 *   input is float(in) and std::isnormal(input), else 0; round = 0.5f only when the input
 *   is float (disparity -> depth: to whole units, rounded half up through the truncating
 *   cast), 0 when it is an integer (depth -> disparity: the float quotient).
 *
 * Our fields are metres (or, after the switch, disparity), NaN = no depth. Integer-unit
 * sources (Z16-like, `unitM` metres per unit): depth -> whole units as the spatial filter
 * does (toUnits), disparity = f32(factor / k); back: k = trunc(f32(f32(factor / d) + 0.5))
 * and metres f32(k * f32(unitM)). k = 0 is no depth, and so is k > 65535, where the
 * C++ cast to uint16_t is undefined (unreachable from a Z16 frame through smoothing,
 * which only averages disparities of valid pixels). Float sources (unitM null): the same
 * with depth_units = 1 m and no rounding to units. In both, an input that is not a
 * positive normal f32, or a quotient that is not a normal f32, is no depth. Every f32
 * division is correctly rounded (the float64 quotient of two f32 rounded to f32 is: 53
 * bits >= 2 x 24 + 2), as C++'s float division is.
 */
import { checkNumber } from './depth-field';
import { toUnits } from './spatial-domain-transform';

/** Disparity units per pixel: 2^5 (fractional_bits = 5, h:111-112). */
export const DISPARITY_FRACTIONS = 32;

/** The stereo disparity the chain converts to: factor / depth unit count = disparity. */
export interface StereoDisparity {
  /** d2d_convert_factor, an f32. */
  factor: number;
  /** Metres per integer depth unit; null for float sources (depth_units = 1 m). */
  unitM: number | null;
}

const f = Math.fround;
const MIN_NORMAL = 2 ** -126;
const isPositiveNormal = (x: number) => Number.isFinite(x) && x >= MIN_NORMAL;

/** d2d_convert_factor (h:107-116) in float, as librealsense computes it. */
export function d2dFactor(baselineMm: number, focalPx: number, depthUnitM: number | null): number {
  checkNumber(baselineMm, Number.MIN_VALUE, 1e6, 'The stereo baseline (mm)');
  checkNumber(focalPx, Number.MIN_VALUE, 1e7, 'The focal length (px)');
  const baselineM = f(f(baselineMm) * f(0.001));
  return f(f(f(baselineM * f(focalPx)) * DISPARITY_FRACTIONS) / f(depthUnitM ?? 1));
}

/** The correctly rounded f32 quotient a / b, or NaN where it is not a positive normal f32. */
function quotient(a: number, b: number): number {
  const q = f(a / b);
  return isPositiveNormal(q) ? q : Number.NaN;
}

export function depthToDisparity(depth: Float32Array, s: StereoDisparity): Float32Array {
  if (s.unitM === null) return depth.map((z) => (isPositiveNormal(z) ? quotient(s.factor, z) : Number.NaN));
  const units = toUnits(depth, s.unitM);
  return units.map((k) => (k > 0 ? quotient(s.factor, k) : Number.NaN));
}

export function disparityToDepth(disparity: Float32Array, s: StereoDisparity): Float32Array {
  if (s.unitM === null) return disparity.map((d) => (isPositiveNormal(d) ? quotient(s.factor, d) : Number.NaN));
  const unit = f(s.unitM);
  return disparity.map((d) => {
    if (!isPositiveNormal(d)) return Number.NaN;
    const k = Math.trunc(f(f(s.factor / d) + 0.5));
    return k >= 1 && k <= 65535 ? f(k * unit) : Number.NaN;
  });
}
