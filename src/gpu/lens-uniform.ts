/**
 * The lens of a camera as kernels take it: shaders/lens.wgsl's `Lens` struct
 * (6 words), and that file prepended to a kernel's source (WGSL has no include).
 */
import lensWgsl from '../../shaders/lens.wgsl?raw';
import type { LensDistortion } from '../core/distortion';
import type { ParamWord } from './stages/kernel';

const MODEL_CODES = { none: 0, 'brown-conrady': 1, 'inverse-brown-conrady': 2 } as const;

/** Words of a `Lens` field: model, k1, k2, p1, p2, k3. In a uniform it must start at a multiple of 16 bytes. */
export function lensWords(lens: LensDistortion | undefined): ParamWord[] {
  if (!lens || lens.distortion === 'none') return [{ u32: 0 }, { f32: 0 }, { f32: 0 }, { f32: 0 }, { f32: 0 }, { f32: 0 }];
  if (lens.coeffs.length !== 5) throw new RangeError(`A lens needs 5 distortion coefficients (k1, k2, p1, p2, k3), not ${lens.coeffs.length}.`);
  return [{ u32: MODEL_CODES[lens.distortion] }, ...lens.coeffs.map((f32) => ({ f32 }))];
}

/** `code` with the lens functions in front of it. */
export function withLens(code: string): string {
  return `${lensWgsl}\n${code}`;
}
