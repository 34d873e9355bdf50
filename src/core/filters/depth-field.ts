/**
 * Shared conventions of the filter references in this folder (each is the exact
 * TypeScript reference of one WGSL kernel; GPU tests compare the two):
 *
 * - A depth field is a Float32Array in metres, row-major, top row first, with
 *   width and height passed alongside; index i = y * width + x.
 * - A sample is VALID when it is finite (Number.isFinite). NaN means "no depth",
 *   and any other non-finite value (+-Infinity) is treated as invalid as well.
 *   Zero and negative values are valid unless a filter says otherwise.
 * - Every invalid pixel a filter outputs is written as NaN (never +-Infinity),
 *   so outputs use the one "no depth" marker even when the input used another.
 * - Functions are pure: they return new arrays and never write to their inputs.
 * - Arithmetic is done in float64 (JavaScript numbers) from the float32 inputs,
 *   and each result is rounded to float32 once, when it is stored in a
 *   Float32Array. GPU tests derive their tolerance from this.
 * - Bad sizes or parameters throw a RangeError whose message names the problem.
 */

/** Pinhole intrinsics in pixels, pixel centres at integer coordinates (x = 0 is the centre of the first column). */
export interface PinholeIntrinsics {
  fx: number;
  fy: number;
  cx: number;
  cy: number;
}

/** The one validity test every filter uses: finite = valid. */
export function isValidDepth(v: number): boolean {
  return Number.isFinite(v);
}

/** Throws unless width and height are whole numbers >= 0 and depth has width * height values. */
export function checkField(depth: ArrayLike<number>, width: number, height: number, what: string): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`${what}: the size ${width} x ${height} is not a pair of whole numbers >= 0.`);
  }
  if (depth.length !== width * height) {
    throw new RangeError(`${what}: the depth field has ${depth.length} values, expected ${width} x ${height} = ${width * height}.`);
  }
}

/** Throws unless value is a whole number in [lo, hi]. */
export function checkInteger(value: number, lo: number, hi: number, what: string): void {
  if (!Number.isInteger(value) || value < lo || value > hi) {
    throw new RangeError(`${what} must be a whole number from ${lo} to ${hi}, not ${value}.`);
  }
}

/** Throws unless value is a number in [lo, hi] (bounds may be infinite; NaN is refused). */
export function checkNumber(value: number, lo: number, hi: number, what: string): void {
  if (Number.isNaN(value) || value < lo || value > hi) {
    throw new RangeError(`${what} must be a number from ${lo} to ${hi}, not ${value}.`);
  }
}

/** A copy of depth with every invalid value written as NaN. */
export function withNaNHoles(depth: Float32Array): Float32Array {
  const out = new Float32Array(depth.length);
  for (let i = 0; i < depth.length; i++) out[i] = Number.isFinite(depth[i]) ? depth[i] : Number.NaN;
  return out;
}
