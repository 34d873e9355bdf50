/**
 * A gzip stream inflated into memory with bounded work and memory: the source
 * is read in slices and pushed into fflate's streaming Gunzip in small pieces,
 * so the push that crosses MAX_TGZ_BYTES overshoots by at most ~1032 x PIECE
 * (~16.5 MB) before it is refused. The output buffer starts at the size the
 * gzip trailer states (ISIZE: the size mod 2^32) and grows by doubling.
 */
import { Gunzip } from 'fflate';
import { asDecodeError, DepthDecodeError } from '../../../core/depth-image';
import type { ByteSource } from '../../../core/recording';

const READ = 1024 * 1024;
/** Deflate's worst expansion: 258 bytes from 2 bits. */
const MAX_DEFLATE_RATIO = 1032;
const PIECE = 16 * 1024;
const STOP = Symbol('stop');

export async function gunzipBounded(source: ByteSource, limit: number): Promise<Uint8Array> {
  const trailer = await source.read(Math.max(0, source.size - 4), 4);
  const stated = trailer.length === 4 ? new DataView(trailer.buffer, trailer.byteOffset).getUint32(0, true) : 0;
  // ISIZE is only a hint (mod 2^32, and a hostile file may state anything): never more than deflate could expand this file to.
  let out = new Uint8Array(Math.min(limit, MAX_DEFLATE_RATIO * source.size, Math.max(stated, 64 * 1024)));
  let written = 0;
  let ended = false;
  let tooLarge = false;
  const gunzip = new Gunzip((piece, final) => {
    if (written + piece.length > limit) {
      tooLarge = true;
      throw STOP;
    }
    if (written + piece.length > out.length) {
      const grown = new Uint8Array(Math.min(limit, Math.max(out.length * 2, written + piece.length)));
      grown.set(out.subarray(0, written));
      out = grown;
    }
    out.set(piece, written);
    written += piece.length;
    if (final) ended = true;
  });
  try {
    for (let at = 0; at < source.size && !ended; at += READ) {
      const slice = await source.read(at, READ);
      const last = at + READ >= source.size;
      for (let p = 0; p < slice.length && !ended; p += PIECE) gunzip.push(slice.subarray(p, p + PIECE), last && p + PIECE >= slice.length);
    }
  } catch (error) {
    if (error === STOP && tooLarge) {
      throw new DepthDecodeError(`“${source.name}” unpacks to more than ${limit / 2 ** 20} MiB; a .tgz is unpacked in memory, so extract it and open the folder instead.`);
    }
    throw asDecodeError(`“${source.name}” could not be decompressed`, error);
  }
  if (!ended) throw new DepthDecodeError(`“${source.name}” is truncated: the gzip stream ends early.`);
  return out.subarray(0, written);
}
