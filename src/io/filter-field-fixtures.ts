/**
 * Test support for the filter references: random depth fields for fast-check, the
 * real TUM frame of ../shared/samples, and small helpers. Not used by the app.
 */
import fc from 'fast-check';
import { decode } from 'fast-png';
import { readShared } from './test-fixtures';

export interface Field {
  depth: Float32Array;
  width: number;
  height: number;
}

/** Depths in [0.2, 10] m with about `holeShare` of the pixels NaN, sizes 1..maxW x 1..maxH. */
export function arbField(maxW: number, maxH: number, holeShare = 0.25): fc.Arbitrary<Field> {
  const value = fc.oneof(
    { weight: Math.round(100 * (1 - holeShare)), arbitrary: fc.float({ min: Math.fround(0.2), max: 10, noNaN: true }) },
    { weight: Math.max(1, Math.round(100 * holeShare)), arbitrary: fc.constant(Number.NaN) },
  );
  return fc
    .record({ width: fc.integer({ min: 1, max: maxW }), height: fc.integer({ min: 1, max: maxH }) })
    .chain(({ width, height }) =>
      fc
        .array(value, { minLength: width * height, maxLength: width * height })
        .map((values) => ({ depth: Float32Array.from(values), width, height })),
    );
}


/** The TUM frame (640 x 480, metres = raw / 5000, raw 0 = no depth) as a depth field. */
export function readTumDepth(): Field {
  const png = decode(readShared('tum/depth.png'));
  if (png.depth !== 16 || png.channels !== 1) throw new Error('tum/depth.png: expected 16-bit gray');
  const raw = png.data;
  const depth = new Float32Array(png.width * png.height);
  for (let i = 0; i < depth.length; i++) depth[i] = raw[i] === 0 ? Number.NaN : raw[i] / 5000;
  return { depth, width: png.width, height: png.height };
}

/** TUM freiburg1 intrinsics (../shared/samples/README.md). */
export const TUM_INTRINSICS = { fx: 517.3, fy: 516.5, cx: 318.6, cy: 255.3 };

/** Array.from keeps NaN, which toEqual compares as equal to NaN. */
export function list(a: ArrayLike<number>): number[] {
  return Array.from(a);
}

export function f32(...v: number[]): Float32Array {
  return Float32Array.from(v);
}

/** Population standard deviation of the finite values. */
export function stdOfFinite(a: ArrayLike<number>): number {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) continue;
    n++;
    sum += a[i];
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i])) ss += (a[i] - mean) ** 2;
  return Math.sqrt(ss / n);
}
