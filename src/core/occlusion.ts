/**
 * Per-pixel occlusion of virtual objects by the real scene, as the AR preview
 * draws it (the TSL in src/render/ar-occlusion.ts computes the same):
 * a virtual fragment at depth zVirtual is hidden where the real surface at that
 * pixel is nearer. With a soft band of b metres the fragment fades out over
 * zReal - zVirtual in [-b/2, b/2] (smoothstep), so noisy real edges do not
 * shimmer; b = 0 is the hard test. A pixel without real depth (a hole) hides
 * nothing: hole filling is what makes occlusion there right.
 */
import { distortNormalised, NO_DISTORTION, pixelRay, type LensCamera, type LensDistortion } from './distortion';
import type { PinholeIntrinsics } from './filters/depth-field';

/** 1 = the virtual fragment is seen, 0 = the real surface hides it. Depths are z along the optical axis, metres. */
export function occlusionVisibility(zReal: number, zVirtual: number, band: number): number {
  if (!Number.isFinite(zReal) || zReal <= 0) return 1;
  const half = Math.max(band / 2, MIN_HALF_BAND);
  const t = Math.min(1, Math.max(0, (zReal - zVirtual + half) / (2 * half)));
  return t * t * (3 - 2 * t);
}

/** Half-band used for "hard" occlusion: 10 µm, far below any sensor's resolution, and safe for smoothstep's division. */
export const MIN_HALF_BAND = 1e-5;

/**
 * The AR preview's view is the rectified one: the virtual camera is a pinhole
 * with the depth camera's intrinsics, so a screen pixel stands for an undistorted
 * ray, and the real depth (and colour) seen along that ray is at the distorted
 * pixel where the lens puts it. These are what the TSL in
 * src/render/ar-occlusion.ts and ar-view.ts computes, and what placing uses.
 */

/** The depth pixel (nearest, clamped to the grid) seen along the undistorted ray (x, y) = (X / Z, Y / Z). */
export function depthPixelOfRay(x: number, y: number, camera: LensCamera, width: number, height: number): { iu: number; iv: number } {
  const d = distortNormalised(x, y, camera);
  const clampTo = (c: number, n: number) => Math.min(n - 1, Math.max(0, c));
  return { iu: clampTo(Math.floor(camera.fx * d.x + camera.cx + 0.5), width), iv: clampTo(Math.floor(camera.fy * d.y + camera.cy + 0.5), height) };
}

/** The depth pixel under rectified screen pixel (u, v) (pixel centres at integers, as the intrinsics count them). */
export function depthPixelOfScreenPixel(u: number, v: number, camera: LensCamera, width: number, height: number) {
  return depthPixelOfRay((u - camera.cx) / camera.fx, (v - camera.cy) / camera.fy, camera, width, height);
}

/** z along the optical axis of depth value d at pixel (iu, iv): d itself, or a ray length divided along the pixel's undistorted ray. */
export function zOfDepthPixel(d: number, iu: number, iv: number, camera: LensCamera, rayLength: boolean): number {
  if (!rayLength) return d;
  const r = pixelRay(iu, iv, camera);
  return d / Math.sqrt(r.x * r.x + r.y * r.y + 1);
}

/** The intrinsics with the lens in force (none: the pinhole). */
export function lensCamera(intr: PinholeIntrinsics, lens: LensDistortion | null | undefined): LensCamera {
  return { ...intr, ...(lens ?? NO_DISTORTION) };
}
