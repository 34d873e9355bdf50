/**
 * Chunk decompression for bags (lz4, bz2) and MCAP (lz4, zstd), bounded: the
 * size a chunk claims is checked against MAX_CHUNK_BYTES before anything is
 * allocated, the output buffer is exactly that size, and a stream that decodes
 * to any other size is refused. Pure-JavaScript decoders (lz4js, fzstd, and
 * our own bzip2.ts) because they load the same way in Node and in a Vite
 * worker; the wasm builds need their .wasm files served and located by the
 * bundler.
 */
import lz4 from 'lz4js';
import { decompress as zstdDecompress } from 'fzstd';
import { DepthDecodeError, describeError } from '../../core/depth-image';
import { bunzip2 } from './bzip2';

/**
 * The largest decompressed chunk accepted. rosbag writes 768 KB chunks by
 * default and MCAP writers 1-8 MB; a chunk holds at least one whole message,
 * so this also caps one frame (8K x 8K x 4 bytes fits).
 */
export const MAX_CHUNK_BYTES = 512 * 1024 * 1024;

export type Compression = 'none' | 'lz4' | 'bz2' | 'zstd' | '';

/** `data` decompressed to exactly `size` bytes, or a DepthDecodeError saying why not. */
export function decompressChunk(what: string, compression: string, data: Uint8Array, size: number): Uint8Array {
  if (!Number.isSafeInteger(size) || size < 0 || size > MAX_CHUNK_BYTES) {
    throw new DepthDecodeError(
      `${what}: a chunk claims ${size} bytes once decompressed; at most ${MAX_CHUNK_BYTES / 1024 / 1024} MB per chunk are accepted, so the file is damaged or hostile.`,
    );
  }
  if (compression === 'none' || compression === '') {
    if (data.length !== size) throw new DepthDecodeError(`${what}: an uncompressed chunk holds ${data.length} bytes but claims ${size}; the file is damaged.`);
    return data;
  }
  let out: Uint8Array;
  try {
    if (compression === 'lz4') out = decodeLz4(data, size);
    else if (compression === 'bz2') out = bunzip2(data, size);
    else if (compression === 'zstd') out = zstdDecompress(data, new Uint8Array(size));
    else throw new DepthDecodeError(`${what}: chunks compressed with “${compression}” are not supported (none, lz4, bz2 and zstd are).`);
  } catch (error) {
    if (error instanceof DepthDecodeError) throw error;
    throw new DepthDecodeError(`${what}: a ${compression} chunk could not be decompressed; the file is damaged (${describeError(error)}).`, { cause: error });
  }
  if (out.length !== size) {
    throw new DepthDecodeError(`${what}: a ${compression} chunk decompressed to ${out.length} bytes, not the ${size} it claims; the file is damaged.`);
  }
  return out;
}

function decodeLz4(data: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  const written = lz4.decompressFrame(data, out);
  // lz4js drops writes past the end but keeps counting, so an overlong stream shows here.
  return written === size ? out : out.subarray(0, Math.min(written, size - 1));
}
