/**
 * Decimation: shrinks a depth field by an integer factor f (2..8), the way depth
 * cameras' "decimation filter" does, without inventing depths.
 *
 * Output size: floor(width / f) x floor(height / f). Output pixel (X, Y) reads the
 * f x f block of input pixels x in [X*f, X*f + f - 1], y in [Y*f, Y*f + f - 1].
 * Partial blocks at the right and bottom edges (the last width % f columns and
 * height % f rows) are DROPPED, so every output pixel sees a full block. An input
 * narrower or shorter than f gives an empty output (0 columns or 0 rows).
 *
 * Output value: the LOWER median of the block's valid samples: sort the valid
 * values ascending (numeric order) and take index floor((n - 1) / 2). With n even
 * this is the smaller of the two middle values, never their mean, so the output is
 * always one of the input samples (an average would create depths on neither side
 * of an edge: "flying pixels"). NaN if the block has no valid sample.
 *
 * Reference of the decimation WGSL kernel (one invocation per output pixel).
 */
import { checkField, checkInteger, isValidDepth, type PinholeIntrinsics } from './depth-field';
import { scaledIntrinsics } from '../intrinsics';

export interface DecimatedDepth {
  depth: Float32Array;
  width: number;
  height: number;
}

export const MIN_DECIMATION = 2;
export const MAX_DECIMATION = 8;

export function decimate(depth: Float32Array, width: number, height: number, factor: number): DecimatedDepth {
  checkField(depth, width, height, 'decimate');
  checkInteger(factor, MIN_DECIMATION, MAX_DECIMATION, 'The decimation factor');
  const ow = Math.floor(width / factor);
  const oh = Math.floor(height / factor);
  const out = new Float32Array(ow * oh);
  const block: number[] = [];
  for (let oy = 0; oy < oh; oy++) {
    for (let ox = 0; ox < ow; ox++) {
      block.length = 0;
      for (let y = oy * factor; y < oy * factor + factor; y++) {
        for (let x = ox * factor; x < ox * factor + factor; x++) {
          const v = depth[y * width + x];
          if (isValidDepth(v)) block.push(v);
        }
      }
      if (block.length === 0) {
        out[oy * ow + ox] = Number.NaN;
      } else {
        block.sort((a, b) => a - b);
        out[oy * ow + ox] = block[(block.length - 1) >> 1];
      }
    }
  }
  return { depth: out, width: ow, height: oh };
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
