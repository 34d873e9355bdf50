/**
 * Per-pixel occlusion of virtual objects by the real scene, as the AR preview
 * draws it (the TSL in src/render/ar-occlusion.ts computes the same):
 * a virtual fragment at depth zVirtual is hidden where the real surface at that
 * pixel is nearer. With a soft band of b metres the fragment fades out over
 * zReal - zVirtual in [-b/2, b/2] (smoothstep), so noisy real edges do not
 * shimmer; b = 0 is the hard test. A pixel without real depth (a hole) hides
 * nothing: hole filling is what makes occlusion there right.
 */

/** 1 = the virtual fragment is seen, 0 = the real surface hides it. Depths are z along the optical axis, metres. */
export function occlusionVisibility(zReal: number, zVirtual: number, band: number): number {
  if (!Number.isFinite(zReal) || zReal <= 0) return 1;
  const half = Math.max(band / 2, MIN_HALF_BAND);
  const t = Math.min(1, Math.max(0, (zReal - zVirtual + half) / (2 * half)));
  return t * t * (3 - 2 * t);
}

/** Half-band used for "hard" occlusion: 10 µm, far below any sensor's resolution, and safe for smoothstep's division. */
export const MIN_HALF_BAND = 1e-5;
