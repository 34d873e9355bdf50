/**
 * Ray casting the TSDF volume from a camera (CPU reference): the depth (z along
 * the optical axis, metres) and the world-frame normal of the first zero
 * crossing from + (free space) to - along each pixel's ray, as KinectFusion's
 * ray caster, for the live view and frame-to-model tracking.
 *
 * The TSDF is read by trilinear interpolation between voxel centres, and only
 * where all 8 neighbours were observed (weight > 0). Steps: 0.8 of the distance
 * the TSDF promises (tsdf x trunc, at least one voxel) where it is known, half
 * the truncation where it is not (unallocated or unobserved space), so no band
 * of +-trunc around a surface is stepped over. The crossing is refined linearly
 * between the last two samples. A crossing from - to + (the back of a surface)
 * ends the ray without a hit.
 */
import type { PinholeIntrinsics } from '../filters/depth-field';
import type { RigidTransform } from '../recording';
import { voxelAt } from './marching-cubes';
import type { TsdfVolume } from './volume';

/** The trilinearly interpolated TSDF at world point (x, y, z), NaN unless its 8 voxels are observed. */
export function sampleTsdf(volume: TsdfVolume, x: number, y: number, z: number): number {
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
    sum += v.tsdf * (dx ? fx : 1 - fx) * (dy ? fy : 1 - fy) * (dz ? fz : 1 - fz);
  }
  return sum;
}

export interface RaycastResult {
  width: number;
  height: number;
  /** z along the camera's optical axis, metres; NaN where no surface is hit. */
  depthM: Float32Array;
  /** Unit normal in the world frame (xyz per pixel), towards free space; NaN where no hit. */
  normals: Float32Array;
}

export function raycastVolume(volume: TsdfVolume, pose: RigidTransform, width: number, height: number, intr: PinholeIntrinsics): RaycastResult {
  const s = volume.settings;
  const depthM = new Float32Array(width * height).fill(Number.NaN);
  const normals = new Float32Array(3 * width * height).fill(Number.NaN);
  const o = [pose[3], pose[7], pose[11]];
  const h = s.voxelSizeM;
  for (let v = 0, i = 0; v < height; v++) {
    for (let u = 0; u < width; u++, i++) {
      const a = (u - intr.cx) / intr.fx;
      const b = (v - intr.cy) / intr.fy;
      // World direction per metre of depth, and its length (metres of ray per metre of depth).
      const d = [0, 1, 2].map((r) => pose[4 * r] * a + pose[4 * r + 1] * b + pose[4 * r + 2]);
      const stretch = Math.hypot(d[0], d[1], d[2]);
      let t = s.depthMinM;
      let prevT = Number.NaN;
      let prev = Number.NaN;
      while (t <= s.depthMaxM) {
        const p = [o[0] + t * d[0], o[1] + t * d[1], o[2] + t * d[2]];
        const f = sampleTsdf(volume, p[0], p[1], p[2]);
        if (Number.isFinite(f) && Number.isFinite(prev)) {
          if (prev > 0 && f < 0) {
            const hit = prevT + ((t - prevT) * prev) / (prev - f);
            depthM[i] = hit;
            const q = [o[0] + hit * d[0], o[1] + hit * d[1], o[2] + hit * d[2]];
            const g = [0, 1, 2].map((k) => {
              const qa = [...q];
              const qb = [...q];
              qa[k] += h;
              qb[k] -= h;
              return sampleTsdf(volume, qa[0], qa[1], qa[2]) - sampleTsdf(volume, qb[0], qb[1], qb[2]);
            });
            const len = Math.hypot(g[0], g[1], g[2]);
            if (Number.isFinite(len) && len > 0) normals.set([g[0] / len, g[1] / len, g[2] / len], 3 * i);
            break;
          }
          if (prev < 0 && f > 0) break;
        }
        prevT = t;
        prev = f;
        const stepAlongRay = Number.isFinite(f) ? Math.max(h, 0.8 * f * s.truncationM) : 0.5 * s.truncationM;
        t += stepAlongRay / stretch;
      }
    }
  }
  return { width, height, depthM, normals };
}
