/**
 * Ray casting the TSDF volume from a camera (CPU reference of
 * shaders/tsdf-raycast.wgsl): per pixel the first zero crossing from + (free
 * space) to - along its ray, as KinectFusion's ray caster, for the live view
 * and frame-to-model tracking (src/core/icp). Per pixel: the depth (z along the
 * optical axis, metres), the surface point in the world frame (the vertex map),
 * the world-frame normal and the colour.
 *
 * The TSDF is read by trilinear interpolation between voxel centres, and only
 * where all 8 neighbours were observed (weight > 0). Steps: 0.8 of the distance
 * the TSDF promises (tsdf x trunc, at least one voxel) where it is known, half
 * the truncation where it is not (unallocated or unobserved space), so no band
 * of +-trunc around a surface is stepped over. The crossing is found linearly
 * between the last two samples, then refined by one regula-falsi step (one
 * more sample, the bracket's side replaced): the hit then depends on the
 * sample positions only to second order, which is what lets the GPU's float32
 * march agree with this one. A crossing from - to + (the back of a surface)
 * ends the ray without a hit. The normal is the TSDF's central difference
 * (+-1 voxel) at the hit; the colour the trilinear colour there.
 */
import type { PinholeIntrinsics } from '../filters/depth-field';
import type { RigidTransform } from '../recording';
import { voxelAt } from './marching-cubes';
import type { TsdfVolume } from './volume';

/** Trilinear interpolation of `read` (a voxel's value, NaN when unobserved) at world point p; NaN unless all 8 are observed. */
function trilinear(volume: TsdfVolume, x: number, y: number, z: number, read: (idx: number) => number): number {
  const vs = volume.settings.voxelSizeM;
  const gx = x / vs;
  const gy = y / vs;
  const gz = z / vs;
  const x0 = Math.floor(gx);
  const y0 = Math.floor(gy);
  const z0 = Math.floor(gz);
  const fx = gx - x0;
  const fy = gy - y0;
  const fz = gz - z0;
  let sum = 0;
  for (let c = 0; c < 8; c++) {
    const dx = c & 1;
    const dy = (c >> 1) & 1;
    const dz = c >> 2;
    const v = voxelAt(volume, x0 + dx, y0 + dy, z0 + dz);
    if (!v || v.weight === 0) return Number.NaN;
    sum += read(v.idx) * (dx ? fx : 1 - fx) * (dy ? fy : 1 - fy) * (dz ? fz : 1 - fz);
  }
  return sum;
}

/** The trilinearly interpolated TSDF at world point (x, y, z), NaN unless its 8 voxels are observed. */
export function sampleTsdf(volume: TsdfVolume, x: number, y: number, z: number): number {
  return trilinear(volume, x, y, z, (i) => volume.tsdf[i]);
}

export interface RaycastResult {
  width: number;
  height: number;
  /** z along the camera's optical axis, metres; NaN where no surface is hit. */
  depthM: Float32Array;
  /** The hit in the world frame (xyz per pixel), metres; NaN where no hit. */
  vertices: Float32Array;
  /** Unit normal in the world frame (xyz per pixel), towards free space; NaN where no hit or no gradient. */
  normals: Float32Array;
  /** Trilinear colour at the hit (RGB per pixel, 0-255); NaN where no hit. */
  colours: Float32Array;
}

/** The depth of the first + to - crossing along o + t d (d: world direction per metre of depth, `stretch` its length), NaN if none. */
export function castRay(volume: TsdfVolume, o: readonly number[], d: readonly number[], stretch: number): number {
  const s = volume.settings;
  const h = s.voxelSizeM;
  const at = (t: number) => sampleTsdf(volume, o[0] + t * d[0], o[1] + t * d[1], o[2] + t * d[2]);
  let t = s.depthMinM;
  let prevT = Number.NaN;
  let prev = Number.NaN;
  while (t <= s.depthMaxM) {
    const f = at(t);
    if (Number.isFinite(f) && Number.isFinite(prev)) {
      if (prev > 0 && f < 0) {
        let [t0, f0, t1, f1] = [prevT, prev, t, f];
        const first = t0 + ((t1 - t0) * f0) / (f0 - f1);
        const fm = at(first);
        if (!Number.isFinite(fm)) return first;
        if (fm > 0) [t0, f0] = [first, fm];
        else [t1, f1] = [first, fm];
        return t0 + ((t1 - t0) * f0) / (f0 - f1);
      }
      if (prev < 0 && f > 0) return Number.NaN;
    }
    prevT = t;
    prev = f;
    const stepAlongRay = Number.isFinite(f) ? Math.max(h, 0.8 * f * s.truncationM) : 0.5 * s.truncationM;
    t += stepAlongRay / stretch;
  }
  return Number.NaN;
}

/** The TSDF's central difference at world point q (one voxel each way, per axis; NaN where a sample is unobserved). */
export function tsdfGradient(volume: TsdfVolume, q: readonly number[]): number[] {
  const h = volume.settings.voxelSizeM;
  return [0, 1, 2].map((k) => {
    const qa = [...q];
    const qb = [...q];
    qa[k] += h;
    qb[k] -= h;
    return sampleTsdf(volume, qa[0], qa[1], qa[2]) - sampleTsdf(volume, qb[0], qb[1], qb[2]);
  });
}

/** The normalised gradient at q (the surface normal, towards free space), or null. */
export function surfaceNormal(volume: TsdfVolume, q: readonly number[]): number[] | null {
  const g = tsdfGradient(volume, q);
  const len = Math.hypot(g[0], g[1], g[2]);
  return Number.isFinite(len) && len > 0 ? g.map((v) => v / len) : null;
}

/** The world-frame direction of pixel (u, v)'s ray per metre of depth. */
export function pixelDirection(pose: RigidTransform, intr: PinholeIntrinsics, u: number, v: number): number[] {
  const a = (u - intr.cx) / intr.fx;
  const b = (v - intr.cy) / intr.fy;
  return [0, 1, 2].map((r) => pose[4 * r] * a + pose[4 * r + 1] * b + pose[4 * r + 2]);
}

export function raycastVolume(volume: TsdfVolume, pose: RigidTransform, width: number, height: number, intr: PinholeIntrinsics): RaycastResult {
  const n = width * height;
  const depthM = new Float32Array(n).fill(Number.NaN);
  const vertices = new Float32Array(3 * n).fill(Number.NaN);
  const normals = new Float32Array(3 * n).fill(Number.NaN);
  const colours = new Float32Array(3 * n).fill(Number.NaN);
  const o = [pose[3], pose[7], pose[11]];
  for (let v = 0, i = 0; v < height; v++) {
    for (let u = 0; u < width; u++, i++) {
      const d = pixelDirection(pose, intr, u, v);
      const hit = castRay(volume, o, d, Math.hypot(d[0], d[1], d[2]));
      if (!Number.isFinite(hit)) continue;
      depthM[i] = hit;
      const q = [o[0] + hit * d[0], o[1] + hit * d[1], o[2] + hit * d[2]];
      vertices.set(q, 3 * i);
      const normal = surfaceNormal(volume, q);
      if (normal) normals.set(normal, 3 * i);
      for (let c = 0; c < 3; c++) colours[3 * i + c] = trilinear(volume, q[0], q[1], q[2], (k) => volume.colour[3 * k + c]);
    }
  }
  return { width, height, depthM, vertices, normals, colours };
}
