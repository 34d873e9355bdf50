/**
 * The edge-preserving "spatial filter" of depth cameras' viewers (Intel RealSense's
 * recursive domain transform, after Gastal & Oliveira 2011): a first-order recursive
 * (exponential) smoother run along rows and columns in both directions, which stops
 * at depth jumps of delta or more, plus an optional short-hole fill.
 *
 * One LINE PASS over a line of samples v[0..n-1] (in the pass's direction):
 *
 *   prev = v[0]; run = 0
 *   for k = 1 .. n-1:
 *     cur = v[k]
 *     if cur valid:
 *       run = 0
 *       if prev valid and |cur - prev| < delta:  v[k] = alpha * cur + (1 - alpha) * prev
 *     else:
 *       run = run + 1                  (invalid pixels met since the last valid input)
 *       if prev valid and fill > 0 and run <= fill:  v[k] = prev
 *     if v[k] valid: prev = v[k]        (else prev keeps the last valid output)
 *
 * - prev is the value as STORED (rounded to float32) in the working buffer, the same
 *   value a GPU reads back; v[k] is written in place, so smoothing is recursive.
 * - prev survives a run of invalid pixels: the first valid pixel after a hole is
 *   compared with (and may be smoothed towards) the last valid value before it.
 * - At a jump of delta or more the pixel is left as it is and becomes the new prev,
 *   so nothing leaks across an edge in either direction.
 * - A pixel filled from prev is valid afterwards: it is prev for the rest of the line
 *   and an ordinary valid sample for all later passes and iterations.
 *
 * One ITERATION, on a working copy (invalid inputs written as NaN):
 *   (a) every row, left -> right, fill = holeFill;
 *   (b) every row, right -> left, fill = 0 (hole filling ONLY in the left -> right pass);
 *   (c) every column, top -> bottom, fill = 0;
 *   (d) every column, bottom -> top, fill = 0.
 * Rows are independent of each other in (a)+(b), and columns in (c)+(d): the GPU runs
 * one invocation per row doing (a) then (b), then one invocation per column doing (c)
 * then (d) (two dispatches per iteration, in that order).
 *
 * Hole filling: a run of invalid pixels right of a valid one gets its first holeFill
 * pixels filled with that value in pass (a). So with iterations = 1 a horizontal hole
 * of at most holeFill px closes completely and a wider one only loses its left
 * holeFill px; each further iteration fills another holeFill px, so after N iterations
 * holes up to N * holeFill px are closed. Holes at the left border (no valid pixel to
 * their left) are never filled, and vertical holes are never filled.
 *
 * Reference of the spatial-filter WGSL kernels.
 */
import { checkField, checkInteger, checkNumber, isValidDepth, withNaNHoles } from './depth-field';

export interface SpatialFilterParams {
  /** Weight of the current sample, 0.25..1 (1 = no smoothing). */
  alpha: number;
  /** Depth step in metres at or above which the smoothing stops (an edge); >= 0. */
  delta: number;
  /** Number of (a)-(d) iterations, 1..5. */
  iterations: number;
  /**
   * 0 = no hole filling, else how many invalid pixels pass (a) fills after each valid
   * one (a whole number; "unlimited" = the image width). Fits a u32 uniform.
   */
  holeFill: number;
}

export function spatialFilter(depth: Float32Array, width: number, height: number, p: SpatialFilterParams): Float32Array {
  checkField(depth, width, height, 'spatialFilter');
  checkNumber(p.alpha, 0.25, 1, 'The spatial filter alpha');
  checkNumber(p.delta, 0, Number.POSITIVE_INFINITY, 'The spatial filter delta (m)');
  checkInteger(p.iterations, 1, 5, 'The number of spatial filter iterations');
  checkInteger(p.holeFill, 0, 0x7fffffff, 'The spatial filter hole fill width (px)');
  const v = withNaNHoles(depth);
  for (let it = 0; it < p.iterations; it++) {
    for (let y = 0; y < height; y++) {
      const rowStart = y * width;
      smoothLine(v, rowStart, 1, width, p.alpha, p.delta, p.holeFill); // (a)
      smoothLine(v, rowStart + width - 1, -1, width, p.alpha, p.delta, 0); // (b)
    }
    for (let x = 0; x < width; x++) {
      smoothLine(v, x, width, height, p.alpha, p.delta, 0); // (c)
      smoothLine(v, x + (height - 1) * width, -width, height, p.alpha, p.delta, 0); // (d)
    }
  }
  return v;
}

/** One line pass, in place, over v[start + k * step] for k = 0 .. count-1 (see the header). */
function smoothLine(v: Float32Array, start: number, step: number, count: number, alpha: number, delta: number, fill: number): void {
  if (count <= 0) return;
  let prev = v[start];
  let run = 0;
  for (let k = 1; k < count; k++) {
    const i = start + k * step;
    const cur = v[i];
    if (isValidDepth(cur)) {
      run = 0;
      if (isValidDepth(prev) && Math.abs(cur - prev) < delta) v[i] = alpha * cur + (1 - alpha) * prev;
    } else {
      run++;
      if (isValidDepth(prev) && fill > 0 && run <= fill) v[i] = prev;
    }
    if (isValidDepth(v[i])) prev = v[i];
  }
}
