/**
 * A camera frame as a depth model's input tensor: resized with bilinear
 * interpolation (pixel centres aligned, edges clamped), rescaled and normalised
 * per channel, and laid out planar (NCHW: all R, then all G, then all B), as
 * transformers.js's image processor hands `pixel_values` to the model
 * (rgb(), resize, rescale, (v - mean) / std, permute to CHW).
 *
 * The CPU reference of shaders/model-input.wgsl (src/gpu/model-input-pass.ts).
 * Float64 throughout, one rounding to float32 at the end, as transformers.js
 * computes in doubles and stores in a Float32Array.
 */

export interface ModelInputParams {
  /** The model's input size. */
  width: number;
  height: number;
  /** Multiplies the 0..255 byte (transformers.js's rescale_factor; 1 / 255 for Depth Anything). */
  rescale: number;
  /** Per channel R, G, B: value = (byte · rescale − mean) / std. */
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
}

/**
 * Where output pixel `o` of `outSize` samples a source line of `srcSize` pixels:
 * the left tap `i0` (before clamping) and the weight of the right one. The centre
 * maps to (o + ½) · src / out − ½ = num / den with integers num = (2o + 1) · src − out
 * and den = 2 · out, so the kernel splits it exactly (integer floor and remainder)
 * and only the weight rem / den is rounded.
 */
export function bilinearTap(o: number, srcSize: number, outSize: number): { i0: number; rem: number; den: number } {
  const num = (2 * o + 1) * srcSize - outSize;
  const den = 2 * outSize;
  const i0 = Math.floor(num / den);
  return { i0, rem: num - i0 * den, den };
}

const clampTo = (i: number, size: number) => Math.min(Math.max(i, 0), size - 1);

/** pixel_values (1 × 3 × height × width) of an RGBA frame (alpha ignored, as transformers.js's rgb() drops it). */
export function modelInputReference(rgba: ArrayLike<number>, srcWidth: number, srcHeight: number, p: ModelInputParams): Float32Array {
  const { width, height } = p;
  const out = new Float32Array(3 * width * height);
  const xs = Array.from({ length: width }, (_, x) => bilinearTap(x, srcWidth, width));
  for (let y = 0; y < height; y++) {
    const ty = bilinearTap(y, srcHeight, height);
    const wy = ty.rem / ty.den;
    const r0 = clampTo(ty.i0, srcHeight) * srcWidth;
    const r1 = clampTo(ty.i0 + 1, srcHeight) * srcWidth;
    for (let x = 0; x < width; x++) {
      const tx = xs[x];
      const wx = tx.rem / tx.den;
      const c0 = clampTo(tx.i0, srcWidth);
      const c1 = clampTo(tx.i0 + 1, srcWidth);
      for (let c = 0; c < 3; c++) {
        const at = (row: number, col: number) => rgba[(row + col) * 4 + c];
        const top = at(r0, c0) + wx * (at(r0, c1) - at(r0, c0));
        const bottom = at(r1, c0) + wx * (at(r1, c1) - at(r1, c0));
        const v = top + wy * (bottom - top);
        out[c * width * height + y * width + x] = (v * p.rescale - p.mean[c]) / p.std[c];
      }
    }
  }
  return out;
}
