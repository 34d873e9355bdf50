/**
 * The live frame as ICP reads it, at each level of a coarse-to-fine pyramid
 * (CPU reference of shaders/depth-pyramid.wgsl and of the per-pixel half of
 * shaders/icp-rows.wgsl).
 *
 * Level l + 1 halves level l: each output pixel averages the valid depths of
 * its 2 x 2 inputs that lie within `jumpRel` x (the nearest of them) of the
 * nearest, so a depth discontinuity is not averaged into a point floating
 * between the two surfaces (KinectFusion's pyramid uses a bilateral filter for
 * the same reason). Its centre is at 2 u + 0.5 of the finer level, hence
 * cx' = (cx - 0.5) / 2, fx' = fx / 2.
 *
 * A pixel's vertex is its back-projection; its normal the cross product of the
 * differences to the right and lower neighbours' vertices, turned to face the
 * camera, where both neighbours have depth within `jumpRel` of this pixel's.
 */
import type { PinholeIntrinsics } from '../filters/depth-field';
import { downsampleIntensity } from './photometric';

/** Levels of the pyramid (finest first) and the default depth-jump ratio. */
export const PYRAMID_LEVELS = 3;
export const DEFAULT_JUMP_REL = 0.05;

export interface DepthLevel {
  /** Metres (z), row-major; NaN or <= 0 is no depth. */
  depthM: Float32Array;
  width: number;
  height: number;
  intrinsics: PinholeIntrinsics;
  /** Intensity per pixel in [0, 1] (photometric.ts), for ICP's colour term. */
  intensity?: Float32Array;
}

const valid = (d: number) => d > 0 && Number.isFinite(d);

export function levelIntrinsics(intr: PinholeIntrinsics, level: number): PinholeIntrinsics {
  const k = 2 ** level;
  const shift = (c: number) => (c + 0.5) / k - 0.5;
  return { fx: intr.fx / k, fy: intr.fy / k, cx: shift(intr.cx), cy: shift(intr.cy) };
}

/**
 * One level down. `ambiguous`, when given, receives the output pixels whose
 * keep-or-drop decision lies within float32 error of the threshold (the GPU
 * may decide them the other way).
 */
export function downsampleDepth(level: DepthLevel, jumpRel: number, ambiguous?: Set<number>): DepthLevel {
  const width = Math.floor(level.width / 2);
  const height = Math.floor(level.height / 2);
  const out = new Float32Array(width * height);
  const d = level.depthM;
  for (let v = 0, i = 0; v < height; v++) {
    for (let u = 0; u < width; u++, i++) {
      const base = 2 * v * level.width + 2 * u;
      const quad = [d[base], d[base + 1], d[base + level.width], d[base + level.width + 1]];
      let nearest = Number.POSITIVE_INFINITY;
      for (const z of quad) if (valid(z) && z < nearest) nearest = z;
      if (nearest === Number.POSITIVE_INFINITY) {
        out[i] = Number.NaN;
        continue;
      }
      let sum = 0;
      let n = 0;
      for (const z of quad) {
        if (!valid(z)) continue;
        const gap = z - nearest - jumpRel * nearest;
        if (ambiguous && Math.abs(gap) < 2 ** -20 * z) ambiguous.add(i);
        if (gap <= 0) {
          sum += z;
          n++;
        }
      }
      out[i] = sum / n;
    }
  }
  const intensity = level.intensity ? downsampleIntensity(level.intensity, level.width, level.height) : undefined;
  return { width, height, intrinsics: levelIntrinsics(level.intrinsics, 1), depthM: out, intensity };
}

/** The finest level and `levels - 1` halvings. */
export function depthPyramid(finest: DepthLevel, levels = PYRAMID_LEVELS, jumpRel = DEFAULT_JUMP_REL): DepthLevel[] {
  const out = [finest];
  while (out.length < levels) out.push(downsampleDepth(out[out.length - 1], jumpRel));
  return out;
}

export interface LivePoint {
  /** Camera-frame vertex and unit normal (facing the camera). */
  p: [number, number, number];
  n: [number, number, number];
  /** The shorter of the two neighbour differences (metres): the scale of the normal's rounding error. */
  edge: number;
  /** Whether a neighbour's depth-jump test lay within float32 error of its threshold. */
  nearJump: boolean;
}

/** Pixel (u, v)'s vertex and normal, or null where it or a neighbour has no depth or a neighbour is across a jump. */
export function livePoint(level: DepthLevel, u: number, v: number, jumpRel: number): LivePoint | null {
  const { width, height, depthM, intrinsics: k } = level;
  if (u + 1 >= width || v + 1 >= height) return null;
  const i = v * width + u;
  const z = depthM[i];
  const zr = depthM[i + 1];
  const zd = depthM[i + width];
  if (!valid(z) || !valid(zr) || !valid(zd)) return null;
  const limit = jumpRel * z;
  const nearJump = Math.abs(Math.abs(zr - z) - limit) < 2 ** -20 * z || Math.abs(Math.abs(zd - z) - limit) < 2 ** -20 * z;
  if (Math.abs(zr - z) > limit || Math.abs(zd - z) > limit) return null;
  const back = (uu: number, vv: number, zz: number): [number, number, number] => [((uu - k.cx) / k.fx) * zz, ((vv - k.cy) / k.fy) * zz, zz];
  const p = back(u, v, z);
  const r = back(u + 1, v, zr);
  const d = back(u, v + 1, zd);
  const a = [r[0] - p[0], r[1] - p[1], r[2] - p[2]];
  const b = [d[0] - p[0], d[1] - p[1], d[2] - p[2]];
  let n: [number, number, number] = [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
  const len = Math.hypot(n[0], n[1], n[2]);
  if (!(len > 0)) return null;
  const facing = n[0] * p[0] + n[1] * p[1] + n[2] * p[2] > 0 ? -1 : 1;
  n = [(facing * n[0]) / len, (facing * n[1]) / len, (facing * n[2]) / len];
  return { p, n, edge: Math.min(Math.hypot(a[0], a[1], a[2]), Math.hypot(b[0], b[1], b[2])), nearJump };
}
