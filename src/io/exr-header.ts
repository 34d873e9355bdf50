/**
 * The OpenEXR header (openexr.com, "OpenEXR File Layout"): magic 0x762f3101, a
 * version word with flags, then attributes `name\0 type\0 size:int32 value` up to
 * an empty name. Read here to choose the depth channel and to check sizes before
 * anything is allocated; the pixels are read by three.js's EXRLoader.
 */
import { checkDimensions, DepthDecodeError } from '../core/depth-image';
import { quoteText } from '../core/quoted-text';

export interface ExrChannel {
  name: string;
  /** 0 UINT, 1 HALF, 2 FLOAT. */
  pixelType: number;
  pLinear: number;
  xSampling: number;
  ySampling: number;
}

export interface ExrAttribute {
  name: string;
  type: string;
  /** Where the attribute begins (its name) and ends (after its value). */
  start: number;
  end: number;
}

export interface ExrHeader {
  flags: number;
  attributes: ExrAttribute[];
  channels: ExrChannel[];
  /** 0 none, 1 RLE, 2 ZIPS, 3 ZIP, 4 PIZ, 5 PXR24, 6 B44, 7 B44A, 8 DWAA, 9 DWAB. */
  compression: number;
  width: number;
  height: number;
  yMin: number;
  /** Offset of the byte after the header's terminating empty name. */
  end: number;
}

export const EXR_FLAG_TILED = 0x200;
export const EXR_FLAG_DEEP = 0x800;
export const EXR_FLAG_MULTIPART = 0x1000;

export const EXR_COMPRESSION_NAMES = ['none', 'RLE', 'ZIPS', 'ZIP', 'PIZ', 'PXR24', 'B44', 'B44A', 'DWAA', 'DWAB'];

/**
 * The sizes of the attribute types three.js's EXRLoader reads by their type, not
 * by the stated size. A header stating another size would put the loader
 * somewhere else in the file than this parser, and the loader's string reader
 * does not stop at the end of the buffer: such a header is refused here.
 */
const FIXED_SIZES: Record<string, number> = {
  box2i: 16, chromaticities: 32, compression: 1, envmap: 1, tiledesc: 9, lineOrder: 1,
  float: 4, v2f: 8, v3f: 12, int: 4, rational: 8, timecode: 8,
};

/** No real header is near this; it bounds the attribute walk. */
const MAX_ATTRIBUTES = 1024;

function readName(bytes: Uint8Array, at: number, what: string): { text: string; next: number } {
  // Names are at most 255 bytes with the long-names flag (31 without).
  const limit = Math.min(bytes.length, at + 256);
  for (let i = at; i < limit; i++) {
    if (bytes[i] === 0) return { text: new TextDecoder().decode(bytes.subarray(at, i)), next: i + 1 };
  }
  throw new DepthDecodeError(`EXR: the header is truncated or damaged (${what} has no end).`);
}

function parseChannels(bytes: Uint8Array, view: DataView, at: number, end: number): ExrChannel[] {
  const channels: ExrChannel[] = [];
  while (at < end && bytes[at] !== 0) {
    const { text, next } = readName(bytes, at, 'a channel name');
    if (next + 16 > end) throw new DepthDecodeError('EXR: the channel list is truncated.');
    channels.push({
      name: text,
      pixelType: view.getInt32(next, true),
      pLinear: bytes[next + 4],
      xSampling: view.getInt32(next + 8, true),
      ySampling: view.getInt32(next + 12, true),
    });
    at = next + 16;
  }
  return channels;
}

export function parseExrHeader(bytes: Uint8Array): ExrHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8 || view.getUint32(0, true) !== 0x01312f76) throw new DepthDecodeError('EXR: not an OpenEXR file.');
  const version = view.getUint32(4, true);
  if ((version & 0xff) !== 2) throw new DepthDecodeError(`EXR: file format version ${version & 0xff} is not read (only 2).`);
  const attributes: ExrAttribute[] = [];
  let channels: ExrChannel[] | null = null;
  let compression = -1;
  let box: number[] | null = null;
  let tiles: { x: number; y: number } | null = null;
  let at = 8;
  for (;;) {
    if (at >= bytes.length) throw new DepthDecodeError('EXR: the header is truncated.');
    if (bytes[at] === 0) break;
    if (attributes.length >= MAX_ATTRIBUTES) throw new DepthDecodeError(`EXR: the header has over ${MAX_ATTRIBUTES} attributes.`);
    const start = at;
    const name = readName(bytes, at, 'an attribute name');
    const type = readName(bytes, name.next, 'an attribute type');
    if (type.next + 4 > bytes.length) throw new DepthDecodeError('EXR: the header is truncated.');
    const size = view.getInt32(type.next, true);
    const valueAt = type.next + 4;
    if (size < 0 || valueAt + size > bytes.length) throw new DepthDecodeError(`EXR: the attribute ${quoteText(name.text, 30)} runs past the end of the file.`);
    const fixed = FIXED_SIZES[type.text];
    if (fixed !== undefined && size !== fixed) {
      throw new DepthDecodeError(`EXR: the attribute ${quoteText(name.text, 30)} states ${size} bytes for a ${type.text}, which has ${fixed}; the header is damaged.`);
    }
    if (name.text === 'channels' && type.text === 'chlist') channels = parseChannels(bytes, view, valueAt, valueAt + size);
    if (name.text === 'compression' && size >= 1) compression = bytes[valueAt];
    if (name.text === 'dataWindow' && type.text === 'box2i') box = [0, 4, 8, 12].map((o) => view.getInt32(valueAt + o, true));
    if (name.text === 'tiles' && type.text === 'tiledesc') tiles = { x: view.getUint32(valueAt, true), y: view.getUint32(valueAt + 4, true) };
    at = valueAt + size;
    attributes.push({ name: name.text, type: type.text, start, end: at });
  }
  if (!channels || channels.length === 0) throw new DepthDecodeError('EXR: the header has no channel list.');
  if (compression < 0 || compression >= EXR_COMPRESSION_NAMES.length) throw new DepthDecodeError('EXR: the header names no compression this reader knows.');
  if (!box) throw new DepthDecodeError('EXR: the header has no data window.');
  const width = box[2] - box[0] + 1;
  const height = box[3] - box[1] + 1;
  checkDimensions(width, height, 'EXR');
  if (version & EXR_FLAG_TILED) {
    // Every tile costs at least 28 bytes (its offset and its header): a tile count the file cannot hold is refused before the loader walks it.
    if (!tiles || tiles.x < 1 || tiles.y < 1) throw new DepthDecodeError('EXR: a tiled file without a valid tile description.');
    const count = Math.ceil(width / tiles.x) * Math.ceil(height / tiles.y);
    if (count * 28 > bytes.length - at) throw new DepthDecodeError(`EXR: ${count} tiles of ${tiles.x} x ${tiles.y} cannot fit in the file; it is damaged or truncated.`);
  }
  return { flags: version & ~0xff, attributes, channels, compression, width, height, yMin: box[1], end: at + 1 };
}
