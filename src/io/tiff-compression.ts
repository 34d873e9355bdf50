/**
 * Decompressing one TIFF strip or tile into a buffer of exactly the size the image
 * geometry implies. Each decoder stops when that buffer is full, so no amount of
 * crafted data can make it produce more. (The `tiff` package has no PackBits, and its
 * LZW and Deflate grow their output without limit -- hence our own.)
 */

import { DepthDecodeError } from '../core/depth-image';
import { inflateInto } from '../core/bounded-inflate';

export const COMPRESSION_NAMES: Record<number, string> = {
  1: 'none',
  2: 'CCITT Group 3 (fax)',
  3: 'CCITT T.4 (fax)',
  4: 'CCITT T.6 (fax)',
  5: 'LZW',
  6: 'old-style JPEG',
  7: 'JPEG',
  8: 'Deflate',
  32773: 'PackBits',
  32946: 'Deflate',
  34676: 'SGI LogLuv',
  34712: 'JPEG 2000',
  34887: 'LERC',
  34925: 'LZMA',
  50000: 'Zstandard',
  50001: 'WebP',
  50002: 'JPEG XL',
};

export const SUPPORTED_COMPRESSIONS = 'none, LZW, Deflate (zip) and PackBits';

export function isSupportedCompression(c: number): boolean {
  return c === 1 || c === 5 || c === 8 || c === 32946 || c === 32773;
}

export interface Decompressed {
  /** Bytes written to out (less than out.length if the data ended early). */
  produced: number;
  /** Stored bytes read (at most the chunk's), for the file's work budget. */
  consumed: number;
}

/** Fills `out` from the stored chunk, reading no further than it must. */
export function decompressChunk(compression: number, src: Uint8Array, out: Uint8Array, what: string): Decompressed {
  switch (compression) {
    case 1: {
      const n = Math.min(src.length, out.length);
      out.set(src.subarray(0, n));
      return { produced: n, consumed: n };
    }
    case 5:
      return lzwDecode(src, out, what);
    case 8:
    case 32946: {
      const { written, consumed } = inflateInto(src, out, `TIFF: ${what} could not be decompressed (Deflate)`);
      return { produced: written, consumed };
    }
    case 32773:
      return packBitsDecode(src, out);
    default:
      throw new Error(`internal: compression ${compression} reached decompressChunk`);
  }
}

/** PackBits (Apple RLE): a signed count byte, then literals or one repeated byte. */
export function packBitsDecode(src: Uint8Array, out: Uint8Array): Decompressed {
  let i = 0;
  let o = 0;
  while (i < src.length && o < out.length) {
    const n = src[i++];
    if (n < 128) {
      const len = Math.min(n + 1, src.length - i, out.length - o);
      out.set(src.subarray(i, i + len), o);
      i += n + 1;
      o += len;
    } else if (n > 128) {
      if (i >= src.length) break;
      const len = Math.min(257 - n, out.length - o);
      out.fill(src[i++], o, o + len);
      o += len;
    } // 128: no-op
  }
  return { produced: o, consumed: Math.min(i, src.length) };
}

const CLEAR = 256;
const EOI = 257;

/**
 * TIFF LZW (MSB-first codes of 9-12 bits, with the "early change": the code width
 * grows one code before the table fills, as libtiff writes it).
 */
export function lzwDecode(src: Uint8Array, out: Uint8Array, what: string): Decompressed {
  if (src.length >= 2 && src[0] === 0 && (src[1] & 1) === 1) {
    throw new DepthDecodeError(
      `TIFF: ${what} uses the old, pre-1992 LZW variant, which is not supported; re-save the file with a current tool.`,
    );
  }
  const prefix = new Int16Array(4096);
  const suffix = new Uint8Array(4096);
  const first = new Uint8Array(4096);
  const length = new Uint16Array(4096);
  for (let i = 0; i < 256; i++) {
    prefix[i] = -1;
    suffix[i] = i;
    first[i] = i;
    length[i] = 1;
  }
  let next = 258;
  let width = 9;
  let old = -1;
  let o = 0;
  let bitBuffer = 0;
  let bitCount = 0;
  let i = 0;
  const bad = (): DepthDecodeError =>
    new DepthDecodeError(`TIFF: ${what} could not be decompressed (invalid LZW data); the file is damaged.`);

  while (o < out.length) {
    while (bitCount < width) {
      if (i >= src.length) return { produced: o, consumed: i }; // data ended without an end code: keep what we have
      bitBuffer = ((bitBuffer << 8) | src[i++]) & 0xffffff;
      bitCount += 8;
    }
    const code = (bitBuffer >>> (bitCount - width)) & ((1 << width) - 1);
    bitCount -= width;
    if (code === EOI) break;
    if (code === CLEAR) {
      next = 258;
      width = 9;
      old = -1;
      continue;
    }
    let entry: number;
    if (old === -1) {
      if (code > 255) throw bad();
      entry = code;
    } else if (code < next) {
      entry = code;
      if (next < 4096) {
        prefix[next] = old;
        suffix[next] = first[code];
        first[next] = first[old];
        length[next] = length[old] + 1;
        next++;
      }
    } else if (code === next && next < 4096) {
      prefix[next] = old;
      suffix[next] = first[old];
      first[next] = first[old];
      length[next] = length[old] + 1;
      entry = next;
      next++;
    } else {
      throw bad();
    }
    // Write the string for `entry` backwards from its end.
    const len = length[entry];
    let e = entry;
    for (let k = len - 1; k >= 0; k--) {
      if (o + k < out.length) out[o + k] = suffix[e];
      e = prefix[e];
    }
    o = Math.min(o + len, out.length);
    old = entry;
    if (next + 1 >= 1 << width && width < 12) width++;
  }
  return { produced: o, consumed: i };
}
