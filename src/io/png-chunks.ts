/**
 * Our own walk over a PNG's chunk structure, done before fast-png sees the file, so
 * that (1) the size in IHDR is checked before anything is allocated, (2) damaged files
 * are refused with a clear message (critical-chunk checksums, truncation), and (3)
 * the image data of all IDAT chunks is joined once, however many chunks carry it
 * (a valid file may split it into 1-byte chunks), and inflated once; when fast-png
 * is used (interlaced images) it is handed only the chunks it needs, so no
 * ancillary chunk (say a compressed iCCP profile) can make it decompress
 * unbounded data.
 */

import { quoteText } from '../core/quoted-text';
import { checkDimensions, DepthDecodeError } from '../core/depth-image';
import { crc32 } from './crc32';
import { concatBytes } from './encode-checks';

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

export type PngColorType = 0 | 2 | 3 | 4 | 6;

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: 1 | 2 | 4 | 8 | 16;
  colorType: PngColorType;
  interlaced: boolean;
}

export interface PngStructure {
  header: PngHeader;
  /** Palette entries as [r, g, b] (colour type 3 only). */
  palette: Array<[number, number, number]> | undefined;
  /** The gray value marked transparent by tRNS (colour type 0 only). */
  transparentGray: number | undefined;
  /** The image data of every IDAT chunk, joined: one zlib stream. */
  idat: Uint8Array;
  animated: boolean;
  missingIend: boolean;
  /** The IHDR and PLTE (palette images) chunks as stored, for minimalPng. */
  headerChunks: Uint8Array[];
}

const ALLOWED_DEPTHS: Record<PngColorType, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

export const COLOR_TYPE_CHANNELS: Record<PngColorType, 1 | 2 | 3 | 4> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function u32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

function chunkName(b: Uint8Array, at: number): string {
  return String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);
}

function printable(name: string): string {
  return /^[A-Za-z]{4}$/.test(name) ? name : quoteText(name);
}

function parseHeader(bytes: Uint8Array, at: number): PngHeader {
  const width = u32(bytes, at);
  const height = u32(bytes, at + 4);
  const bitDepth = bytes[at + 8];
  const colorType = bytes[at + 9];
  const compression = bytes[at + 10];
  const filter = bytes[at + 11];
  const interlace = bytes[at + 12];
  checkDimensions(width, height, 'PNG');
  if (!(colorType in ALLOWED_DEPTHS)) {
    throw new DepthDecodeError(`PNG: colour type ${colorType} is invalid; the file is damaged.`);
  }
  const ct = colorType as PngColorType;
  if (!ALLOWED_DEPTHS[ct].includes(bitDepth)) {
    throw new DepthDecodeError(
      `PNG: ${bitDepth} bits per sample is invalid for colour type ${colorType}; the file is damaged.`,
    );
  }
  if (compression !== 0 || filter !== 0 || (interlace !== 0 && interlace !== 1)) {
    throw new DepthDecodeError(
      'PNG: the header names an unknown compression, filter or interlace method; the file is damaged.',
    );
  }
  return { width, height, bitDepth: bitDepth as PngHeader['bitDepth'], colorType: ct, interlaced: interlace === 1 };
}

/** Walks all chunks; throws DepthDecodeError for anything damaged or unsupported. */
export function readPngStructure(bytes: Uint8Array): PngStructure {
  for (let i = 0; i < PNG_SIGNATURE.length; i++) {
    if (bytes[i] !== PNG_SIGNATURE[i]) throw new DepthDecodeError('PNG: the file does not start with the PNG signature.');
  }
  let header: PngHeader | undefined;
  let palette: PngStructure['palette'];
  let transparentGray: number | undefined;
  const idat: Uint8Array[] = [];
  const headerChunks: Uint8Array[] = [];
  let animated = false;
  let sawIend = false;
  let pos = 8;
  while (pos < bytes.length) {
    if (pos + 8 > bytes.length) throw new DepthDecodeError('PNG: the file is truncated (it ends inside a chunk header).');
    const length = u32(bytes, pos);
    const name = chunkName(bytes, pos + 4);
    const data = pos + 8;
    const end = data + length + 4;
    if (length > 0x7fffffff || end > bytes.length) {
      throw new DepthDecodeError(`PNG: the file is truncated (chunk ${printable(name)} runs past the end of the file).`);
    }
    const critical = (bytes[pos + 4] & 0x20) === 0;
    if (critical && crc32(bytes, pos + 4, data + length) !== u32(bytes, data + length)) {
      throw new DepthDecodeError(`PNG: the file is damaged (the checksum of chunk ${printable(name)} does not match).`);
    }
    const whole = bytes.subarray(pos, end);
    if (header === undefined) {
      if (name !== 'IHDR' || length !== 13) {
        throw new DepthDecodeError('PNG: the file is damaged (it does not begin with a valid IHDR header chunk).');
      }
      header = parseHeader(bytes, data);
      headerChunks.push(whole);
      pos = end;
      continue;
    }
    switch (name) {
      case 'IHDR':
        throw new DepthDecodeError('PNG: the file is damaged (it has two IHDR header chunks).');
      case 'PLTE': {
        if (length === 0 || length % 3 !== 0 || length / 3 > 256) {
          throw new DepthDecodeError('PNG: the file is damaged (bad palette chunk).');
        }
        if (header.colorType === 3) {
          palette = [];
          for (let i = data; i < data + length; i += 3) palette.push([bytes[i], bytes[i + 1], bytes[i + 2]]);
          headerChunks.push(whole);
        }
        break;
      }
      case 'tRNS':
        if (header.colorType === 0 && length === 2) transparentGray = (bytes[data] << 8) | bytes[data + 1];
        break;
      case 'acTL':
        animated = true;
        break;
      case 'IDAT':
        idat.push(bytes.subarray(data, data + length));
        break;
      case 'IEND':
        sawIend = true;
        break;
      default:
        if (critical) {
          throw new DepthDecodeError(
            `PNG: the file uses an unknown critical chunk ${printable(name)}; it cannot be read safely.`,
          );
        }
    }
    pos = end;
    if (sawIend) break;
  }
  if (header === undefined) throw new DepthDecodeError('PNG: the file is truncated (no IHDR header chunk).');
  if (idat.length === 0) throw new DepthDecodeError('PNG: the file has no image data (no IDAT chunk); it is truncated or damaged.');
  if (header.colorType === 3 && palette === undefined) {
    throw new DepthDecodeError('PNG: the palette image has no palette (PLTE chunk); the file is damaged.');
  }
  return { header, palette, transparentGray, idat: joined(idat), animated, missingIend: !sawIend, headerChunks };
}

function joined(parts: readonly Uint8Array[]): Uint8Array {
  return parts.length === 1 ? parts[0] : concatBytes(parts);
}

/** Signature + IHDR + PLTE (palette images) + one IDAT + IEND: all fast-png needs. */
export function minimalPng(png: PngStructure): Uint8Array {
  const idat = new Uint8Array(12 + png.idat.length);
  const view = new DataView(idat.buffer);
  view.setUint32(0, png.idat.length);
  idat.set([0x49, 0x44, 0x41, 0x54], 4);
  idat.set(png.idat, 8);
  view.setUint32(8 + png.idat.length, crc32(idat, 4, 8 + png.idat.length));
  const iend = new Uint8Array([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
  return joined([Uint8Array.from(PNG_SIGNATURE), ...png.headerChunks, idat, iend]);
}

/** Bytes of filtered image data (filter-type byte + packed samples per row, per pass). */
export function expectedFilteredLength(h: PngHeader): number {
  const bitsPerPixel = COLOR_TYPE_CHANNELS[h.colorType] * h.bitDepth;
  const rowBytes = (w: number): number => 1 + Math.ceil((w * bitsPerPixel) / 8);
  if (!h.interlaced) return h.height * rowBytes(h.width);
  // Adam7: seven passes on sub-grids (start x, start y, step x, step y).
  const passes = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ];
  let total = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const pw = Math.ceil((h.width - x0) / dx);
    const ph = Math.ceil((h.height - y0) / dy);
    if (pw > 0 && ph > 0) total += ph * rowBytes(pw);
  }
  return total;
}
