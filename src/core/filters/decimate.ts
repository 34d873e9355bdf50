/**
 * Decimation: shrinks a depth field by an integer factor f (2..8) as librealsense's
 * decimation filter does on Z16 depth (src/proc/decimation-filter.cpp, IntelRealSense/
 * librealsense cacc8e701, decimate_depth at cpp:376-505).
 *
 * Size: the blocks are the floor(width / f) x floor(height / f) whole f x f blocks
 * (cpp:335-336; partial blocks at the right and bottom are dropped), and the output is
 * padded with no depth to a multiple of 4 in both directions (cpp:338-345, 450-452,
 * 499-504): output (X, Y) reads input x in [X*f, X*f + f), y in [Y*f, Y*f + f).
 *
 * Value, over the block's valid samples (librealsense skips zeros, cpp:404, 478):
 * - f = 2 or 3: the LOWER median (sorted ascending, index floor((n - 1) / 2); its
 *   sorting networks opt_med2..9 pick "the member one below the middle", cpp:409-444):
 *   always one of the samples, no depth invented at an edge;
 * - f > 3: the mean (cpp:467-486). On whole units ('units': integer sources) the int sum
 *   divided by the count, truncated (cpp:486), back in metres as f32(mean * f32(unit));
 *   on floats the mean of the f32 values, summed in float64 and rounded once.
 * NaN where the block has no valid sample.
 *
 * Reference of the decimation WGSL kernel (one invocation per output pixel).
 */
import { checkField, checkInteger, isValidDepth, type PinholeIntrinsics } from './depth-field';
import { scaledIntrinsics } from '../intrinsics';
import { toUnits } from './spatial-domain-transform';

export interface DecimatedDepth {
  depth: Float32Array;
  width: number;
  height: number;
}

export const MIN_DECIMATION = 2;
export const MAX_DECIMATION = 8;

/** Whole units (integer sources, metres per unit) or float values. */
export type DecimationVariant = { kind: 'units'; unitM: number } | { kind: 'float' };

/** librealsense's output size: whole blocks, padded up to a multiple of 4 (cpp:335-345). */
export function decimatedSize(width: number, height: number, factor: number): { width: number; height: number; realWidth: number; realHeight: number } {
  const realWidth = Math.floor(width / factor);
  const realHeight = Math.floor(height / factor);
  return { width: Math.ceil(realWidth / 4) * 4, height: Math.ceil(realHeight / 4) * 4, realWidth, realHeight };
}

export function decimate(depth: Float32Array, width: number, height: number, factor: number, variant: DecimationVariant = { kind: 'float' }): DecimatedDepth {
  checkField(depth, width, height, 'decimate');
  checkInteger(factor, MIN_DECIMATION, MAX_DECIMATION, 'The decimation factor');
  const size = decimatedSize(width, height, factor);
  const ow = size.width;
  const out = new Float32Array(ow * size.height).fill(Number.NaN);
  const units = variant.kind === 'units' ? toUnits(depth, variant.unitM) : null;
  const unit = variant.kind === 'units' ? Math.fround(variant.unitM) : 1;
  const block: number[] = [];
  for (let oy = 0; oy < size.realHeight; oy++) {
    for (let ox = 0; ox < size.realWidth; ox++) {
      block.length = 0;
      let sum = 0;
      for (let y = oy * factor; y < oy * factor + factor; y++) {
        for (let x = ox * factor; x < ox * factor + factor; x++) {
          const i = y * width + x;
          if (units ? units[i] === 0 : !isValidDepth(depth[i])) continue;
          block.push(depth[i]);
          sum += units ? units[i] : depth[i];
        }
      }
      if (block.length === 0) continue;
      let v: number;
      if (factor <= 3) {
        block.sort((a, b) => a - b);
        v = block[(block.length - 1) >> 1];
      } else {
        v = units ? Math.fround(Math.trunc(sum / block.length) * unit) : sum / block.length;
      }
      out[oy * ow + ox] = v;
    }
  }
  return { depth: out, width: ow, height: size.height };
}

/**
 * The intrinsics of the decimated image, so back-projection still lands where it did.
 * Focal lengths scale by 1/f. The principal point needs the pixel-CENTRE convention:
 * pixel centres sit at integer coordinates, so input pixel x covers [x - 0.5, x + 0.5]
 * and output pixel X covers input [X*f - 0.5, X*f + f - 0.5], centred on input
 * x = X*f + (f - 1)/2. Inverting, u_out = (u_in + 0.5) / f - 0.5, hence
 * cx' = (cx + 0.5) / f - 0.5 (not cx / f, which would shift the cloud by (f - 1) / 2f px).
 * The lower median's sample may sit anywhere in its block, i.e. up to (f - 1)/2
 * input pixels (< 0.5 output pixel) from the block centre; that is the decimation's
 * own position error, not the intrinsics'.
 */
export function decimatedIntrinsics(intr: PinholeIntrinsics, factor: number): PinholeIntrinsics {
  checkInteger(factor, MIN_DECIMATION, MAX_DECIMATION, 'The decimation factor');
  return scaledIntrinsics(intr, factor);
}
