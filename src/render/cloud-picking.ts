/**
 * Which point of the cloud is under the pointer: every sample is projected with
 * the 3-D camera, and the one nearest to the pointer within a few screen pixels
 * wins (the nearer to the camera on a tie). Runs on a CPU copy of the filtered
 * depth, read back once per chain output, only when the user clicks to measure.
 */
import * as THREE from 'three';
import type { PinholeIntrinsics } from '../core/filters/depth-field';
import { pixelRay, type LensDistortion } from '../core/distortion';

export interface PickedPoint {
  /** Camera frame (x right, y down, z forward), metres. */
  x: number;
  y: number;
  z: number;
  /** The sample's pixel in the filtered image. */
  u: number;
  v: number;
}

export interface PickInput {
  depth: Float32Array;
  width: number;
  height: number;
  intr: PinholeIntrinsics;
  stride: number;
  /** The lens the cloud was back-projected through (BackprojectPass's); absent: the pinhole model. */
  lens?: LensDistortion;
}

/** `viewProjection` maps display coordinates (camera frame with y and z flipped) to clip space. */
export function pickPoint(input: PickInput, viewProjection: THREE.Matrix4, screen: { width: number; height: number }, sx: number, sy: number, radiusPx = 6): PickedPoint | null {
  const { depth, width, height, intr, stride } = input;
  const lens = input.lens && input.lens.distortion !== 'none' ? { ...intr, ...input.lens } : null;
  const e = viewProjection.elements;
  let best: PickedPoint | null = null;
  let bestD2 = radiusPx * radiusPx;
  let bestW = Infinity;
  for (let v = 0; v < height; v += stride) {
    for (let u = 0; u < width; u += stride) {
      const z = depth[v * width + u];
      if (!Number.isFinite(z) || z <= 0) continue;
      // The point where the cloud draws this sample: through the lens when it has one.
      const ray = lens ? pixelRay(u, v, lens) : null;
      const x = ray ? ray.x * z : ((u - intr.cx) * z) / intr.fx;
      const y = ray ? ray.y * z : ((v - intr.cy) * z) / intr.fy;
      // Display coordinates: (x, -y, -z).
      const dx = x;
      const dy = -y;
      const dz = -z;
      const cw = e[3] * dx + e[7] * dy + e[11] * dz + e[15];
      if (cw <= 0) continue; // behind the camera
      const px = ((e[0] * dx + e[4] * dy + e[8] * dz + e[12]) / cw + 1) * 0.5 * screen.width;
      const py = (1 - (e[1] * dx + e[5] * dy + e[9] * dz + e[13]) / cw) * 0.5 * screen.height;
      const d2 = (px - sx) ** 2 + (py - sy) ** 2;
      if (d2 < bestD2 || (d2 === bestD2 && cw < bestW)) {
        bestD2 = d2;
        bestW = cw;
        best = { x, y, z, u, v };
      }
    }
  }
  return best;
}

export function distance(a: PickedPoint, b: PickedPoint): number {
  return Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
}
