/**
 * The "disparity domain": inverse depth 1/z. Stereo and structured-light sensors
 * measure disparity d = f * B / z (focal length f in px, baseline B in m), so inverse
 * depth IS disparity up to the constant f * B, and their noise is roughly constant in
 * disparity while in depth it grows about with z^2. Filters whose thresholds (delta,
 * sigmaRange) should mean the same at every distance can therefore run on
 * toInverseDepth(depth) and convert back with fromInverseDepth.
 *
 * Both functions are the same map, per value: v -> 1 / v for finite v > 0; NaN for an
 * invalid v and for v <= 0 (no finite positive inverse); and NaN where 1 / v is not a
 * finite float32 (v below about 2.9e-39, where it would overflow to Infinity), so the
 * output only holds NaN as its "no depth" marker. Values are computed in float64 and
 * rounded to float32 once; a round trip returns v to within about 1 float32 ulp.
 */
export function toInverseDepth(depth: Float32Array): Float32Array {
  const out = new Float32Array(depth.length);
  for (let i = 0; i < depth.length; i++) {
    const v = depth[i];
    const inv = Math.fround(1 / v);
    out[i] = Number.isFinite(v) && v > 0 && Number.isFinite(inv) ? inv : Number.NaN;
  }
  return out;
}

/** The same map as toInverseDepth (an involution on valid values, up to rounding). */
export function fromInverseDepth(inverseDepth: Float32Array): Float32Array {
  return toInverseDepth(inverseDepth);
}
