/**
 * zlib/deflate decompression whose work, not only its memory, is bounded by what
 * the caller needs.
 *
 * Deflate expands up to ~1032x, so a stream crafted to inflate to gigabytes must
 * be stopped by its output, not its input. pako (a port of zlib) does what zlib
 * does: it decompresses into an output window and returns when the window is
 * full, so each step costs about the window's size. Here the window is the
 * caller's own buffer (inflateInto: the PNG decoder's image buffer, a TIFF strip)
 * or pieces of at most PIECE bytes handed to a sink (inflateStream), and the
 * decompression stops at the first full window that is enough. fflate, used
 * before, cannot stop inside a pushed piece: bounding it meant feeding tiny
 * pieces, and a 4K PNG inflated 2x slower than fflate's one-shot (pako writing
 * into the image's buffer is within 1.2x of it; docs/performance.md).
 */

import { Inflate, Z_BUF_ERROR, Z_OK, type ZStream } from 'pako';
import { asDecodeError } from './depth-image';

/** Output window of inflateStream: what a stop may overshoot by, at most. */
const PIECE = 64 * 1024;

const STOP = Symbol('stop');

/** zlib streams start with CMF/FLG such that CM = 8 and the 16-bit value is a multiple of 31. */
export function looksLikeZlib(first: Uint8Array): boolean {
  if (first.length < 2) return true; // let the inflater report the truncation
  return (first[0] & 15) === 8 && first[0] >> 4 <= 7 && ((first[0] << 8) | first[1]) % 31 === 0;
}

export interface InflateResult {
  /** True if the stream ended, or the sink had enough; false if the input ran out first. */
  ended: boolean;
  /** Compressed bytes the inflater read (for callers that budget work across streams). */
  consumed: number;
}

/**
 * Runs pako over `input` with output windows of `chunkSize` bytes (the first one
 * `window` when given), handing each full window (and the last, partial one) to
 * `onData`, which throws STOP when it has enough.
 */
function runInflate(input: Uint8Array, chunkSize: number, doing: string, window: Uint8Array | null, onData: (chunk: Uint8Array) => void): InflateResult {
  const inflator = new Inflate({ raw: !looksLikeZlib(input), chunkSize });
  let strm: ZStream | null = null;
  inflator.onStart = (s) => {
    strm = s;
    if (!window) return;
    s.output = window as Uint8Array<ArrayBuffer>;
    s.next_out = 0;
    s.avail_out = window.length;
  };
  inflator.onData = onData;
  inflator.onEnd = () => undefined;
  const consumed = () => (strm as ZStream | null)?.total_in ?? 0;
  try {
    inflator.push(input, true);
  } catch (error) {
    if (error !== STOP) throw asDecodeError(doing, error);
    return { ended: true, consumed: consumed() };
  }
  if (inflator.err === Z_OK) return { ended: true, consumed: consumed() };
  // The input ran out before the stream's end: a cut stream, for the caller to report in its terms.
  if (inflator.err === Z_BUF_ERROR) return { ended: false, consumed: consumed() };
  throw asDecodeError(doing, new Error(inflator.msg || `zlib error ${inflator.err}`));
}

/**
 * Decompresses `input` (one zlib stream, or raw deflate if it has no zlib header),
 * handing each decompressed piece (a fresh array the sink may keep) to `sink`,
 * which returns false to stop. `wanted` is how many output bytes the caller needs
 * at most (Infinity if it does not know): pieces are no larger, so little is
 * inflated beyond it. Errors in the data become DepthDecodeError prefixed by `doing`.
 */
export function inflateStream(input: Uint8Array, sink: (piece: Uint8Array) => boolean, doing: string, wanted = Infinity): InflateResult {
  return runInflate(input, Math.max(1, Math.min(PIECE, wanted)), doing, null, (piece) => {
    if (piece.length > 0 && !sink(piece)) throw STOP;
  });
}

/**
 * Decompresses into `out` (exactly out.length bytes wanted), pako writing straight
 * into it (no piece is allocated or copied), and returns how many bytes were
 * written and how much input it took; nothing beyond out.length is decompressed.
 */
export function inflateInto(input: Uint8Array, out: Uint8Array, doing: string): { written: number; consumed: number } {
  if (out.length === 0) return { written: 0, consumed: 0 };
  let written = 0;
  const { consumed } = runInflate(input, out.length, doing, out, (filled) => {
    written = filled.length;
    if (written === out.length) throw STOP;
  });
  return { written, consumed };
}
