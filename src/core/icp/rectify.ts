/**
 * Tracking through a lens (CPU reference of shaders/rectify.wgsl): the live
 * frame is remapped onto a pinhole image with the same intrinsics before the
 * pyramid, so ICP, the model ray cast and the colour term all work with
 * pinhole rays (KinectFusion-style trackers do the same). Integration keeps
 * the raw frame and its lens (tsdf/volume.ts).
 *
 * Output pixel (u, v) sees the pinhole ray n = ((u - cx) / fx, (v - cy) / fy);
 * through the lens that ray lands at K distort(n) of the raw image, read at the
 * nearest pixel: nearest, not blended, so no depth is invented between two
 * surfaces, and z (along the optical axis) is the same point's z either way.
 * Outside the raw image: no depth (and colour 0).
 */
import type { PinholeIntrinsics } from '../filters/depth-field';
import { distortNormalised, type LensDistortion } from '../distortion';

/** Relative float32 error of the distorted position on the GPU (as tsdf/volume.ts's LENS_SLACK). */
const POSITION_SLACK = 2 ** -18;

/**
 * Per output pixel the raw pixel it copies (-1: outside). `ambiguous`, when
 * given, receives the outputs whose nearest raw pixel lies within float32
 * error of a rounding edge (the GPU may pick the neighbour).
 */
export function rectifyMap(width: number, height: number, k: PinholeIntrinsics, lens: LensDistortion, ambiguous?: Set<number>): Int32Array {
  const map = new Int32Array(width * height);
  for (let v = 0, i = 0; v < height; v++) {
    for (let u = 0; u < width; u++, i++) {
      const d = distortNormalised((u - k.cx) / k.fx, (v - k.cy) / k.fy, lens);
      const x = k.fx * d.x + k.cx;
      const y = k.fy * d.y + k.cy;
      const su = Math.floor(x + 0.5);
      const sv = Math.floor(y + 0.5);
      map[i] = su >= 0 && sv >= 0 && su < width && sv < height ? sv * width + su : -1;
      if (!ambiguous) continue;
      const edge = (p: number, f: number, c: number) => Math.abs(p + 0.5 - Math.round(p + 0.5)) < POSITION_SLACK * (Math.abs(p) + f + Math.abs(c));
      if (edge(x, k.fx, k.cx) || edge(y, k.fy, k.cy)) ambiguous.add(i);
    }
  }
  return map;
}

/** `src` (one value per raw pixel) remapped by `map`; `none` where the map is -1. */
export function remap<T extends Float32Array | Uint32Array>(src: T, map: Int32Array, none: number): T {
  const out = new (src.constructor as { new (n: number): T })(map.length);
  for (let i = 0; i < map.length; i++) out[i] = map[i] < 0 ? none : src[map[i]];
  return out;
}
