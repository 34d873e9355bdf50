/**
 * A structural check of a TIFF before the `tiff` package parses its tags, and the
 * one directory that package is then shown.
 *
 * That package trusts the file: an IFD chain that loops makes it run forever, a tag
 * claiming 4 billion values makes it allocate them, EXIF/GPS pointers are followed
 * recursively, and every entry is materialised (ASCII character by character), so
 * 32,000 tags of 16 KiB sharing one block of a 400 KB file cost it 4 GB. Here we
 * walk the chain of IFDs (pages) ourselves -- each IFD inside the file, no loops --
 * and then build a small TIFF holding only the tags a depth image needs, each with
 * a bounded count, for the package to parse. Other tags are never read, so their
 * number and size cost one linear scan of the directory.
 */

import { DepthDecodeError } from '../core/depth-image';

export interface TiffStructure {
  littleEndian: boolean;
  /** File offsets of the IFDs (one per page) that are intact. */
  ifdOffsets: number[];
  /** Why the page chain stopped early, if it did (the pages before are fine). */
  chainProblem: string | undefined;
}

/** Byte sizes of TIFF field types 1-12; other types are skipped by readers. */
const TYPE_SIZES = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8];

/**
 * The tags decode-tiff.ts reads, with the most values each may hold. Strips and
 * tiles: a 64 M-pixel image in 16 x 16 tiles of 8 separate planes has 2 M of them.
 */
const MAX_CHUNKS = 2 ** 21;
const NEEDED_TAGS = new Map<number, number>([
  [256, 1], // ImageWidth
  [257, 1], // ImageLength
  [258, 8], // BitsPerSample (one per sample, at most 8 samples)
  [259, 1], // Compression
  [262, 1], // PhotometricInterpretation
  [266, 1], // FillOrder
  [273, MAX_CHUNKS], // StripOffsets
  [274, 1], // Orientation
  [277, 1], // SamplesPerPixel
  [278, 1], // RowsPerStrip
  [279, MAX_CHUNKS], // StripByteCounts
  [284, 1], // PlanarConfiguration
  [317, 1], // Predictor
  [320, 3 * 256], // ColorMap (8-bit palettes only)
  [322, 1], // TileWidth
  [323, 1], // TileLength
  [324, MAX_CHUNKS], // TileOffsets
  [325, MAX_CHUNKS], // TileByteCounts
  [339, 8], // SampleFormat
]);

class Reader {
  constructor(
    readonly bytes: Uint8Array,
    readonly littleEndian: boolean,
  ) {}
  u16(at: number): number {
    const b = this.bytes;
    return this.littleEndian ? b[at] | (b[at + 1] << 8) : (b[at] << 8) | b[at + 1];
  }
  u32(at: number): number {
    const b = this.bytes;
    return this.littleEndian
      ? (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0
      : ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
  }
}

interface Entry {
  tag: number;
  type: number;
  count: number;
  /** File offset of the 4-byte value field of the entry. */
  field: number;
  /** Bytes of the value (inline when ≤ 4). */
  byteLength: number;
}

/** The entries of needed tags in the IFD at `offset` (which the caller checked lies in the file). */
function neededEntries(r: Reader, offset: number): Entry[] {
  const out: Entry[] = [];
  const n = r.u16(offset);
  for (let i = 0; i < n; i++) {
    const e = offset + 2 + 12 * i;
    const tag = r.u16(e);
    const maxCount = NEEDED_TAGS.get(tag);
    if (maxCount === undefined) continue;
    const type = r.u16(e + 2);
    const count = r.u32(e + 4);
    if (type < 1 || type > 12) continue; // the tiff package skips unknown types
    if (count > maxCount) {
      throw new DepthDecodeError(`TIFF: tag ${tag} holds ${count} values, more than an image can use (${maxCount}); the file is damaged.`);
    }
    const byteLength = TYPE_SIZES[type] * count;
    if (byteLength > 4 && r.u32(e + 8) + byteLength > r.bytes.length) {
      throw new DepthDecodeError(`TIFF: the value of tag ${tag} lies outside the file; the file is damaged or truncated.`);
    }
    out.push({ tag, type, count, field: e + 8, byteLength });
  }
  return out;
}

export function readTiffStructure(bytes: Uint8Array): TiffStructure {
  if (bytes.length < 8) throw new DepthDecodeError('TIFF: the file is truncated (no header).');
  const order = (bytes[0] << 8) | bytes[1];
  if (order !== 0x4949 && order !== 0x4d4d) throw new DepthDecodeError('TIFF: the file does not start with "II" or "MM".');
  const r = new Reader(bytes, order === 0x4949);
  const magic = r.u16(2);
  if (magic === 43) {
    throw new DepthDecodeError('TIFF: BigTIFF files (over 4 GB format) are not supported; save as a classic TIFF.');
  }
  if (magic !== 42) throw new DepthDecodeError('TIFF: the header is damaged (the magic number is not 42).');

  const ifdOffsets: number[] = [];
  const visited = new Set<number>();
  let chainProblem: string | undefined;
  let next = r.u32(4);
  while (next !== 0) {
    if (next < 8 || next + 2 > bytes.length) chainProblem = `a directory lies outside the file (offset ${next})`;
    else if (visited.has(next)) chainProblem = 'its list of directories loops back on itself';
    else if (next + 2 + 12 * r.u16(next) + 4 > bytes.length) chainProblem = 'a directory runs past the end of the file';
    if (chainProblem !== undefined) break;
    visited.add(next);
    ifdOffsets.push(next);
    next = r.u32(next + 2 + 12 * r.u16(next));
  }
  if (ifdOffsets.length === 0) {
    throw new DepthDecodeError(`TIFF: the file is damaged or truncated (${chainProblem ?? 'it contains no image directory'}).`);
  }
  return { littleEndian: r.littleEndian, ifdOffsets, chainProblem };
}

/**
 * A TIFF holding only the needed tags of the directory at `ifdOffset`, in the
 * file's byte order, values copied: what the `tiff` package parses. Its strip and
 * tile offsets still point into the original file, which is where pixels are read.
 */
export function neededTagsTiff(bytes: Uint8Array, structure: TiffStructure, ifdOffset: number): Uint8Array {
  const r = new Reader(bytes, structure.littleEndian);
  const entries = neededEntries(r, ifdOffset);
  const ifdSize = 2 + 12 * entries.length + 4;
  const outOfLine = entries.reduce((n, e) => n + (e.byteLength > 4 ? e.byteLength + (e.byteLength & 1) : 0), 0);
  const out = new Uint8Array(8 + ifdSize + outOfLine);
  const view = new DataView(out.buffer);
  const le = structure.littleEndian;
  out.set(bytes.subarray(0, 4)); // byte order and magic
  view.setUint32(4, 8, le);
  view.setUint16(8, entries.length, le);
  let valueAt = 8 + ifdSize;
  entries.forEach((e, i) => {
    const at = 10 + 12 * i;
    out.set(bytes.subarray(e.field - 8, e.field), at); // tag, type, count as stored
    if (e.byteLength <= 4) {
      out.set(bytes.subarray(e.field, e.field + 4), at + 8);
    } else {
      const from = r.u32(e.field);
      out.set(bytes.subarray(from, from + e.byteLength), valueAt);
      view.setUint32(at + 8, valueAt, le);
      valueAt += e.byteLength + (e.byteLength & 1);
    }
  });
  return out; // the next-IFD offset after the entries is left 0: one page
}
