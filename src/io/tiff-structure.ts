/**
 * A structural check of a TIFF before the `tiff` package parses its tags. That
 * package trusts the file: an IFD chain that loops makes it run forever, a tag
 * claiming 4 billion values makes it allocate them, and EXIF/GPS pointers are
 * followed recursively. Here we walk the chain of IFDs (pages) ourselves and check
 * that every IFD and every tag value lies inside the file, with no loops.
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
const EXIF_IFD = 0x8769;
const GPS_IFD = 0x8825;
const MAX_SUB_IFD_DEPTH = 4;

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

/** Returns a problem description, or undefined if the IFD at `offset` is sound. */
function checkIfd(r: Reader, offset: number, visited: Set<number>, depth: number): string | undefined {
  const len = r.bytes.length;
  if (offset < 8 || offset + 2 > len) return `a directory lies outside the file (offset ${offset})`;
  if (visited.has(offset)) return 'its list of directories loops back on itself';
  visited.add(offset);
  const n = r.u16(offset);
  if (offset + 2 + 12 * n + 4 > len) return 'a directory runs past the end of the file';
  for (let i = 0; i < n; i++) {
    const e = offset + 2 + 12 * i;
    const tag = r.u16(e);
    const type = r.u16(e + 2);
    const count = r.u32(e + 4);
    if (type < 1 || type > 12) continue; // the tiff package skips unknown types
    const byteLength = TYPE_SIZES[type] * count;
    if (byteLength > 4) {
      const at = r.u32(e + 8);
      if (at + byteLength > len) return `the value of tag ${tag} lies outside the file`;
    }
    if (tag === EXIF_IFD || tag === GPS_IFD) {
      // The tiff package follows these pointers; make sure they lead somewhere sound.
      if (count !== 1 || (type !== 3 && type !== 4)) return `the ${tag === EXIF_IFD ? 'EXIF' : 'GPS'} pointer is malformed`;
      if (depth >= MAX_SUB_IFD_DEPTH) return 'metadata directories are nested too deeply';
      const sub = type === 3 ? r.u16(e + 8) : r.u32(e + 8);
      const problem = checkIfd(r, sub, visited, depth + 1);
      if (problem !== undefined) return `in the ${tag === EXIF_IFD ? 'EXIF' : 'GPS'} metadata, ${problem}`;
    }
  }
  return undefined;
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
    const problem = checkIfd(r, next, visited, 0);
    if (problem !== undefined) {
      chainProblem = problem;
      break;
    }
    ifdOffsets.push(next);
    next = r.u32(next + 2 + 12 * r.u16(next));
  }
  if (ifdOffsets.length === 0) {
    throw new DepthDecodeError(`TIFF: the file is damaged or truncated (${chainProblem ?? 'it contains no image directory'}).`);
  }
  return { littleEndian: r.littleEndian, ifdOffsets, chainProblem };
}
