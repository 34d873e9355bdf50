/**
 * Baseline TIFF: one or more pages, each a single uncompressed strip of one gray
 * sample per pixel (uint8/16/32 or float32/64), little- or big-endian. Readable by
 * libtiff, GDAL, OpenCV, tifffile, ImageJ.
 */

import { checkGrid } from './encode-checks';
import { samplesToBytes } from '../core/samples';
import type { SampleGrid } from '../core/samples';

export type TiffEncodable = Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;

export interface TiffEncodeOptions {
  /** Default 'little' ("II"). */
  byteOrder?: 'big' | 'little';
}

const SHORT = 3;
const LONG = 4;

export function encodeTiff(
  pages: SampleGrid<TiffEncodable> | readonly SampleGrid<TiffEncodable>[],
  options: TiffEncodeOptions = {},
): Uint8Array {
  const list: readonly SampleGrid<TiffEncodable>[] = Array.isArray(pages) ? pages : [pages as SampleGrid<TiffEncodable>];
  if (list.length === 0) throw new RangeError('encodeTiff: no pages');
  list.forEach((p) => checkGrid(p, 'encodeTiff'));
  const le = (options.byteOrder ?? 'little') === 'little';

  // Layout: header, then per page: pixel data (word-aligned), then its IFD.
  const ENTRIES = 10;
  const ifdSize = 2 + ENTRIES * 12 + 4;
  let size = 8;
  const placed = list.map((p) => {
    const pixels = samplesToBytes(p.data, le);
    size = (size + 7) & ~7;
    const dataAt = size;
    size += pixels.length;
    size = (size + 1) & ~1;
    const ifdAt = size;
    size += ifdSize;
    return { page: p, pixels, dataAt, ifdAt };
  });
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const u16 = (at: number, v: number): void => view.setUint16(at, v, le);
  const u32 = (at: number, v: number): void => view.setUint32(at, v, le);
  out[0] = out[1] = le ? 0x49 : 0x4d;
  u16(2, 42);
  u32(4, placed[0].ifdAt);

  placed.forEach(({ page, pixels, dataAt, ifdAt }, k) => {
    out.set(pixels, dataAt);
    const bits = page.data.BYTES_PER_ELEMENT * 8;
    const isFloat = page.data instanceof Float32Array || page.data instanceof Float64Array;
    // Tags in ascending order, as the spec requires. SHORT/LONG values fit inline.
    const entries: Array<[tag: number, type: number, value: number]> = [
      [256, LONG, page.width], // ImageWidth
      [257, LONG, page.height], // ImageLength
      [258, SHORT, bits], // BitsPerSample
      [259, SHORT, 1], // Compression: none
      [262, SHORT, 1], // Photometric: BlackIsZero
      [273, LONG, dataAt], // StripOffsets
      [277, SHORT, 1], // SamplesPerPixel
      [278, LONG, page.height], // RowsPerStrip: one strip
      [279, LONG, pixels.length], // StripByteCounts
      [339, SHORT, isFloat ? 3 : 1], // SampleFormat: IEEE float or unsigned int
    ];
    u16(ifdAt, entries.length);
    entries.forEach(([tag, type, value], i) => {
      const e = ifdAt + 2 + 12 * i;
      u16(e, tag);
      u16(e + 2, type);
      u32(e + 4, 1);
      if (type === SHORT) u16(e + 8, value);
      else u32(e + 8, value);
    });
    u32(ifdAt + 2 + 12 * entries.length, k + 1 < placed.length ? placed[k + 1].ifdAt : 0);
  });
  return out;
}
