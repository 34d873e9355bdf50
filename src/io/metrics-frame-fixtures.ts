/**
 * Test support for the evaluation tests: the real frames of ../shared/samples in
 * metres, and perturbed copies. Not used by the app.
 */
import { decodeDepth } from './decode-depth';
import { readShared } from './test-fixtures';
import { gaussian, mulberry32 } from '../core/seeded-random';
import { convertToDepth, DEFAULT_UNITS, type UnitPreset } from '../core/units';

export interface Frame {
  name: string;
  depth: Float32Array;
  width: number;
  height: number;
}

/** The four real frames (640 x 480), with the units of ../shared/samples/README.md. */
export const SAMPLE_FRAMES: readonly [name: string, file: string, scale: UnitPreset][] = [
  ['tum', 'tum/depth.png', 'tum'],
  ['nyu', 'nyu/depth.pgm', 'nyu'],
  ['redwood', 'redwood/depth.png', 'mm'],
  ['sun', 'sun/depth.png', 'sun'],
];

export function loadFrame(name: string, file: string, scale: UnitPreset): Frame {
  const raw = decodeDepth(readShared(file));
  return { name, depth: convertToDepth(raw, { ...DEFAULT_UNITS, scale }), width: raw.width, height: raw.height };
}

/** f(g, i) at every pixel with a depth, NaN elsewhere, rounded to float32 as a stored map is. */
export function perturbed(frame: Frame, f: (g: number, i: number) => number): Float32Array {
  return Float32Array.from(frame.depth, (g, i) => (g > 0 && g < Infinity ? f(g, i) : Number.NaN));
}

/** A standard normal sample per pixel, seeded. */
export function normals(count: number, seed: number): Float64Array {
  const next = gaussian(mulberry32(seed));
  return Float64Array.from({ length: count }, next);
}
