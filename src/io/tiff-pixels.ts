/**
 * TIFF pixel data: from the stored strips or tiles to samples. Bit order
 * (FillOrder), decompression, prediction and byte order are undone chunk by
 * chunk; decode-tiff.ts interprets the tags and builds the Layout.
 */
import { DepthDecodeError } from '../core/depth-image';
import type { RawSamples } from '../core/depth-image';
import { halfWordsToFloat32, HOST_LITTLE_ENDIAN, swapBytesInPlace } from '../core/samples';
import { decompressChunk } from './tiff-compression';

export type Numeric = 'uint' | 'int' | 'float';

export interface Layout {
  width: number;
  height: number;
  spp: number;
  bytesPerSample: number;
  numeric: Numeric;
  compression: number;
  predictor: number;
  planar: 1 | 2;
  littleEndian: boolean;
  /** FillOrder 2: the bits of every stored byte are in reverse order (lowest bit first). */
  lsbFirst: boolean;
  chunkWidth: number;
  chunkHeight: number;
  /** Chunks across and down in one plane (strips: 1 across). */
  across: number;
  down: number;
  tiled: boolean;
  offsets: number[];
  byteCounts: number[] | undefined;
}

/**
 * Stored bytes the strips or tiles of one file may make us read, in all. Strips may
 * legally share data, so a hostile file can point thousands of them at one large
 * block; each is read only as far as its pixels need, but data that yields no
 * pixels (empty deflate blocks, LZW clear codes) would still be scanned per strip.
 * Files whose strips do not overlap read at most their own length.
 */
function storedBytesBudget(fileLength: number): number {
  return 4 * fileLength + 64 * 2 ** 20;
}

/**
 * Reads the first `wanted` samples of every pixel into a host-order byte buffer,
 * interleaved (pixel-major), undoing compression and prediction chunk by chunk.
 */
export function readPixels(bytes: Uint8Array, L: Layout, wanted: number): ArrayBuffer {
  const bps = L.bytesPerSample;
  const out = new Uint8Array(L.width * L.height * wanted * bps);
  const samplesInChunk = L.planar === 1 ? L.spp : 1;
  const rowSamples = L.chunkWidth * samplesInChunk;
  const chunksPerPlane = L.across * L.down;
  const planesToRead = L.planar === 2 ? wanted : 1;
  const what = L.tiled ? 'tile' : 'strip';
  let scratch = new Uint8Array(0);
  let budget = storedBytesBudget(bytes.length);

  for (let plane = 0; plane < planesToRead; plane++) {
    for (let j = 0; j < chunksPerPlane; j++) {
      const index = plane * chunksPerPlane + j;
      const cx = (j % L.across) * L.chunkWidth;
      const cy = Math.floor(j / L.across) * L.chunkHeight;
      // Strips hold only the rows that exist; tiles are always whole.
      const rows = L.tiled ? L.chunkHeight : Math.min(L.chunkHeight, L.height - cy);
      const size = rows * rowSamples * bps;
      if (scratch.length !== size) scratch = new Uint8Array(size);
      const chunk = scratch;
      const offset = L.offsets[index];
      const count = L.byteCounts === undefined ? size : L.byteCounts[index];
      const label = `${what} ${index}`;
      if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(count) || offset < 0 || count < 0 || offset + count > bytes.length) {
        throw new DepthDecodeError(`TIFF: ${label} lies outside the file; the file is truncated or damaged.`);
      }
      let stored = bytes.subarray(offset, offset + count);
      // As libtiff does: FillOrder 2 reverses the bits of the stored bytes, before decompression.
      if (L.lsbFirst) stored = reverseBits(stored);
      const { produced, consumed } = decompressChunk(L.compression, stored, chunk, label);
      budget -= consumed + (L.lsbFirst ? count : 0);
      if (budget < 0) {
        throw new DepthDecodeError(
          `TIFF: its ${what}s overlap so much that reading them means scanning over ${storedBytesBudget(bytes.length) >> 20} MiB of data; the file is damaged or crafted.`,
        );
      }
      if (produced < size) {
        throw new DepthDecodeError(
          `TIFF: ${label} holds ${produced} bytes of pixel data instead of ${size}; the file is truncated or damaged.`,
        );
      }
      undoPrediction(chunk, L, rows, rowSamples, samplesInChunk);

      // Copy the part of the chunk that lies inside the image.
      const w = Math.min(L.chunkWidth, L.width - cx);
      const h = Math.min(rows, L.height - cy);
      const firstSample = L.planar === 2 ? plane : 0;
      const take = L.planar === 2 ? 1 : wanted;
      for (let y = 0; y < h; y++) {
        const srcRow = y * rowSamples * bps;
        const dstRow = ((cy + y) * L.width + cx) * wanted * bps;
        if (samplesInChunk === 1 && wanted === 1) {
          out.set(chunk.subarray(srcRow, srcRow + w * bps), dstRow);
          continue;
        }
        for (let x = 0; x < w; x++) {
          const s = srcRow + x * samplesInChunk * bps;
          const d = dstRow + (x * wanted + firstSample) * bps;
          for (let k = 0; k < take * bps; k++) out[d + k] = chunk[s + k];
        }
      }
    }
  }
  return out.buffer;
}

const BIT_REVERSED = Uint8Array.from({ length: 256 }, (_, v) => {
  let r = 0;
  for (let b = 0; b < 8; b++) r |= ((v >> b) & 1) << (7 - b);
  return r;
});

/** A copy of `stored` with the bit order of every byte reversed. */
function reverseBits(stored: Uint8Array): Uint8Array {
  const out = new Uint8Array(stored.length);
  for (let i = 0; i < stored.length; i++) out[i] = BIT_REVERSED[stored[i]];
  return out;
}

/** Brings the chunk to host byte order and undoes predictor 2 or 3, row by row. */
function undoPrediction(chunk: Uint8Array, L: Layout, rows: number, rowSamples: number, stride: number): void {
  const bps = L.bytesPerSample;
  if (L.predictor === 3) {
    // Floating-point predictor (Adobe TN 3): each row holds the samples' bytes split
    // into planes, most significant byte first, then byte-wise differenced with a
    // stride of samples-per-pixel. The result is the value in host order.
    const rowBytes = rowSamples * bps;
    const tmp = new Uint8Array(rowBytes);
    for (let r = 0; r < rows; r++) {
      const row = chunk.subarray(r * rowBytes, (r + 1) * rowBytes);
      for (let i = stride; i < rowBytes; i++) row[i] = (row[i] + row[i - stride]) & 0xff;
      tmp.set(row);
      for (let i = 0; i < rowSamples; i++) {
        for (let b = 0; b < bps; b++) {
          const dst = HOST_LITTLE_ENDIAN ? i * bps + (bps - 1 - b) : i * bps + b;
          row[dst] = tmp[b * rowSamples + i];
        }
      }
    }
    return;
  }
  if (bps > 1 && L.littleEndian !== HOST_LITTLE_ENDIAN) swapBytesInPlace(chunk, bps);
  if (L.predictor !== 2) return;
  // Horizontal differencing: each sample stored as the difference to the same sample
  // of the previous pixel, in integer arithmetic of the sample's width.
  const words =
    bps === 1
      ? chunk
      : bps === 2
        ? new Uint16Array(chunk.buffer, chunk.byteOffset, chunk.length / 2)
        : new Uint32Array(chunk.buffer, chunk.byteOffset, chunk.length / 4);
  for (let r = 0; r < rows; r++) {
    const start = r * rowSamples;
    for (let i = start + stride; i < start + rowSamples; i++) words[i] = words[i] + words[i - stride];
  }
}

export function toSamples(buffer: ArrayBuffer, L: Layout, notes: string[]): RawSamples {
  const bps = L.bytesPerSample;
  if (L.numeric === 'float') {
    if (bps === 4) return new Float32Array(buffer);
    if (bps === 8) return new Float64Array(buffer);
    notes.push('16-bit float samples widened to float32 (exact).');
    return halfWordsToFloat32(new Uint16Array(buffer));
  }
  if (L.numeric === 'uint') {
    if (bps === 1) return new Uint8Array(buffer);
    if (bps === 2) return new Uint16Array(buffer);
    return new Uint32Array(buffer);
  }
  if (bps === 1) {
    notes.push('Signed 8-bit samples read as float32 (exact; negative values kept).');
    return Float32Array.from(new Int8Array(buffer));
  }
  if (bps === 2) {
    notes.push('Signed 16-bit samples read as float32 (exact; negative values kept).');
    return Float32Array.from(new Int16Array(buffer));
  }
  notes.push('Signed 32-bit samples read as float64 (exact; negative values kept).');
  return Float64Array.from(new Int32Array(buffer));
}
