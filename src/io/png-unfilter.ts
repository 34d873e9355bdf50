/**
 * Undoing PNG's per-row filters (PNG spec, section 9) on the inflated image data
 * of a non-interlaced image, in one pass, without a second inflate: the decoder
 * inflates the IDAT stream once into a buffer of exactly the size the header
 * implies, then this reverses the filters row by row.
 */

import { DepthDecodeError } from '../core/depth-image';

/**
 * `filtered` holds `height` rows of (1 filter-type byte + rowBytes bytes);
 * `bpp` is the bytes per complete pixel, at least 1 (the filters' left neighbour).
 * Returns the unfiltered rows, rowBytes each, without the filter bytes.
 */
export function unfilterRows(filtered: Uint8Array, height: number, rowBytes: number, bpp: number): Uint8Array {
  const out = new Uint8Array(height * rowBytes);
  let prev = new Uint8Array(rowBytes); // the row above the first is all zeros
  for (let y = 0; y < height; y++) {
    const src = y * (rowBytes + 1);
    const type = filtered[src];
    const line = filtered.subarray(src + 1, src + 1 + rowBytes);
    const row = out.subarray(y * rowBytes, (y + 1) * rowBytes);
    switch (type) {
      case 0:
        row.set(line);
        break;
      case 1:
        for (let i = 0; i < rowBytes; i++) row[i] = line[i] + (i >= bpp ? row[i - bpp] : 0);
        break;
      case 2:
        for (let i = 0; i < rowBytes; i++) row[i] = line[i] + prev[i];
        break;
      case 3:
        for (let i = 0; i < rowBytes; i++) row[i] = line[i] + (((i >= bpp ? row[i - bpp] : 0) + prev[i]) >> 1);
        break;
      case 4:
        for (let i = 0; i < rowBytes; i++) {
          const a = i >= bpp ? row[i - bpp] : 0;
          const b = prev[i];
          const c = i >= bpp ? prev[i - bpp] : 0;
          row[i] = line[i] + paeth(a, b, c);
        }
        break;
      default:
        throw new DepthDecodeError(`PNG: row ${y} has an unknown filter type ${type}; the file is damaged.`);
    }
    prev = row;
  }
  return out;
}

/** The Paeth predictor: whichever of left, above, upper-left is closest to left + above − upper-left. */
function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/**
 * Big-endian 16-bit samples to host-order values, in place: `bytes` (unfilterRows'
 * own array, which nothing else holds) becomes the samples' storage, so a 4K map
 * is not copied once more. Falls back to a copy when the view is not 2-aligned.
 */
export function bigEndianWordsInPlace(bytes: Uint8Array): Uint16Array {
  const own = bytes.byteOffset % 2 === 0 ? bytes : bytes.slice();
  const words = new Uint16Array(own.buffer, own.byteOffset, own.length >> 1);
  if (HOST_IS_LITTLE_ENDIAN) {
    for (let i = 0; i < words.length; i++) {
      const v = words[i];
      words[i] = (v >> 8) | ((v & 0xff) << 8);
    }
  }
  return words;
}

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
