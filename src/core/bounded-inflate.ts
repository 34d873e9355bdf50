/**
 * zlib/deflate decompression whose work, not only its memory, is bounded by what
 * the caller needs.
 *
 * fflate's one-shot functions grow their output without limit, and its streaming
 * inflater decompresses a whole pushed piece before its callback can say "enough".
 * Deflate expands at most ~1032x, so a piece of n compressed bytes costs up to
 * ~1032·n bytes of work. Here each piece is sized from the output still wanted
 * (about a quarter of it at the worst ratio, never below MIN_PIECE): the push that
 * overshoots costs at most ~4x what was wanted plus ~16.5 KB, and the pushes before
 * it produced less than was wanted. So a stream crafted to inflate to gigabytes
 * costs about what the caller asked for, even when many TIFF strips share it.
 */

import { Inflate, Unzlib } from 'fflate';
import { asDecodeError } from './depth-image';

/** Largest piece: fewer, larger pushes are faster on ordinary data (see docs/performance.md). */
const MAX_PIECE = 64 * 1024;
/** Smallest piece: 16 bytes in, at most ~16.5 KB out per push (1024 strips sharing a bomb: ~70 ms). */
const MIN_PIECE = 16;
/** Deflate's worst expansion is 258 bytes per 2 bits: ~1032x; a quarter of that keeps overshoot ≤ ~4x. */
const PIECE_DIVISOR = 256;

const STOP = Symbol('stop');

/** zlib streams start with CMF/FLG such that CM = 8 and the 16-bit value is a multiple of 31. */
function looksLikeZlib(first: Uint8Array): boolean {
  if (first.length < 2) return true; // let Unzlib report the truncation
  return (first[0] & 15) === 8 && first[0] >> 4 <= 7 && ((first[0] << 8) | first[1]) % 31 === 0;
}

export interface InflateResult {
  /** True if the stream ended, or the sink had enough; false if the input ran out first. */
  ended: boolean;
  /** Compressed bytes handed to the inflater (for callers that budget work across streams). */
  consumed: number;
}

/**
 * Decompresses `input` (one zlib stream, or raw deflate if it has no zlib header),
 * handing each decompressed piece to `sink`, which returns false to stop.
 * `wanted` is how many output bytes the caller needs at most (Infinity if it does
 * not know): it sizes the pieces so that little is inflated beyond it. Errors in the
 * data become DepthDecodeError prefixed by `doing`.
 */
export function inflateStream(
  input: Uint8Array,
  sink: (piece: Uint8Array) => boolean,
  doing: string,
  wanted = Infinity,
): InflateResult {
  let ended = false;
  let produced = 0;
  const onData = (piece: Uint8Array, final: boolean): void => {
    if (final) ended = true;
    produced += piece.length;
    if (piece.length > 0 && !sink(piece)) throw STOP;
  };
  const stream = looksLikeZlib(input) ? new Unzlib(onData) : new Inflate(onData);
  let at = 0;
  try {
    if (input.length === 0) stream.push(input, true);
    while (at < input.length) {
      const remaining = Math.max(0, wanted - produced);
      const piece = Math.min(MAX_PIECE, Math.max(MIN_PIECE, Math.ceil(remaining / PIECE_DIVISOR)));
      const end = Math.min(input.length, at + piece);
      const chunk = input.subarray(at, end);
      at = end;
      stream.push(chunk, at === input.length);
      if (ended) break;
    }
  } catch (error) {
    if (error === STOP) return { ended: true, consumed: at };
    throw asDecodeError(doing, error);
  }
  return { ended, consumed: at };
}

/**
 * Decompresses into `out` (exactly out.length bytes wanted) and returns how many
 * bytes were written and how much input it took; data beyond out.length is not
 * decompressed (beyond the last piece).
 */
export function inflateInto(input: Uint8Array, out: Uint8Array, doing: string): { written: number; consumed: number } {
  let written = 0;
  if (out.length === 0) return { written: 0, consumed: 0 };
  const { consumed } = inflateStream(
    input,
    (piece) => {
      const take = Math.min(piece.length, out.length - written);
      out.set(piece.subarray(0, take), written);
      written += take;
      return written < out.length;
    },
    doing,
    out.length,
  );
  return { written, consumed };
}
