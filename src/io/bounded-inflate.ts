/**
 * zlib/deflate decompression that never produces more than we asked for.
 *
 * fflate's one-shot functions grow their output without limit, so a few kilobytes of
 * crafted data (a "decompression bomb") could make them allocate gigabytes. Here the
 * input is pushed in pieces and we stop as soon as the caller has enough, so
 * memory stays bounded by the caller's limit plus ~66 MB.
 */

import { Inflate, Unzlib } from 'fflate';
import { asDecodeError } from './decode-errors';

/**
 * At most ~1032x expansion per piece: 64 KiB in -> at most ~66 MB out per push.
 * Smaller pieces bound memory tighter but cost time in fflate's per-push work
 * (4K 16-bit PNG, Node: 16 KiB 312 ms, 64 KiB 181 ms, 256 KiB 162 ms).
 */
const PIECE = 64 * 1024;

const STOP = Symbol('stop');

/** zlib streams start with CMF/FLG such that CM = 8 and the 16-bit value is a multiple of 31. */
function looksLikeZlib(first: Uint8Array): boolean {
  if (first.length < 2) return true; // let Unzlib report the truncation
  return (first[0] & 15) === 8 && first[0] >> 4 <= 7 && ((first[0] << 8) | first[1]) % 31 === 0;
}

/**
 * Decompresses the concatenation of `inputs` (one zlib stream, or raw deflate if it
 * has no zlib header), handing each decompressed piece to `sink`. `sink` returns
 * false to stop early. Errors in the data become DepthDecodeError prefixed by `doing`.
 * Returns true if the stream ended (or the sink stopped), false if the input ran out
 * before the end of the stream.
 */
export function inflateStream(
  inputs: readonly Uint8Array[],
  sink: (piece: Uint8Array) => boolean,
  doing: string,
): boolean {
  let ended = false;
  const onData = (piece: Uint8Array, final: boolean): void => {
    if (final) ended = true;
    if (piece.length > 0 && !sink(piece)) throw STOP;
  };
  const first = inputs.find((b) => b.length > 0) ?? new Uint8Array(0);
  const stream = looksLikeZlib(first) ? new Unzlib(onData) : new Inflate(onData);
  try {
    const nonEmpty = inputs.filter((b) => b.length > 0);
    if (nonEmpty.length === 0) stream.push(new Uint8Array(0), true);
    for (let k = 0; k < nonEmpty.length; k++) {
      const input = nonEmpty[k];
      for (let at = 0; at < input.length; at += PIECE) {
        const last = k === nonEmpty.length - 1 && at + PIECE >= input.length;
        stream.push(input.subarray(at, at + PIECE), last);
      }
    }
  } catch (error) {
    if (error === STOP) return true;
    throw asDecodeError(doing, error);
  }
  return ended;
}

/**
 * Decompresses into `out` (exactly out.length bytes wanted) and returns how many
 * bytes were written; extra data beyond out.length is ignored, not decompressed.
 */
export function inflateInto(inputs: readonly Uint8Array[], out: Uint8Array, doing: string): number {
  let written = 0;
  if (out.length === 0) return 0;
  inflateStream(
    inputs,
    (piece) => {
      const take = Math.min(piece.length, out.length - written);
      out.set(piece.subarray(0, take), written);
      written += take;
      return written < out.length;
    },
    doing,
  );
  return written;
}

/** Decompressed size of the stream, counting no further than `limit` + 1. */
export function inflatedLengthUpTo(inputs: readonly Uint8Array[], limit: number, doing: string): number {
  let total = 0;
  inflateStream(
    inputs,
    (piece) => {
      total += piece.length;
      return total <= limit;
    },
    doing,
  );
  return Math.min(total, limit + 1);
}
