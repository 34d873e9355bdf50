/**
 * Threshold: keeps depths within [min, max] metres (inclusive); everything else,
 * and every invalid input, becomes NaN ("no depth"). Reference of shaders/threshold.wgsl.
 */
export function threshold(depth: Float32Array, min: number, max: number): Float32Array {
  const out = new Float32Array(depth.length);
  for (let i = 0; i < depth.length; i++) {
    const v = depth[i];
    out[i] = Number.isFinite(v) && v >= min && v <= max ? v : Number.NaN;
  }
  return out;
}
