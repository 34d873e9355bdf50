/**
 * OpenEXR depth: one float16 or float32 channel (Z, depth, a layer's ".Z" or
 * ".depth", else R, else Y: how Blender, Hypersim, Replica and most renderers
 * write depth), read exactly as float32 metres.
 *
 * The pixels are read by three.js's EXRLoader (maintained, and it reads every
 * compression: none, RLE, ZIPS, ZIP, PIZ, PXR24, B44, B44A, DWAA, DWAB). It only
 * outputs colour channels (R, G, B, A, Y), so the header is rewritten first with
 * the depth channel named Y and every other channel given a name it skips; the
 * loader reads scanline blocks in order after the offset table, so the changed
 * header length does not matter (multi-part and deep files, read by offsets, are
 * refused). Half values go through its exact half-to-float conversion.
 *
 * Bounds: the data window is checked against MAX_PIXELS before the loader
 * allocates; in scanline files every block is walked first, and the blocks the
 * loader would inflate without limit (ZIP, ZIPS, PXR24: fflate's unzlibSync; RLE)
 * must expand to no more than their lines' raw size, checked with bounded work
 * (inflateStream stops at the size + one piece). PIZ, B44 and DWA decode into
 * buffers the loader sizes from the header.
 */
import { FloatType, RedFormat } from 'three';
import { EXRLoader } from 'three/examples/jsm/loaders/EXRLoader.js';
import { inflateStream } from '../core/bounded-inflate';
import { DepthDecodeError } from '../core/depth-image';
import { quoteText } from '../core/quoted-text';
import type { RawDepthImage } from '../core/depth-image';
import { callLibrary } from './decode-errors';
import { makeDepthImage } from './depth-result';
import type { ExrChannel, ExrHeader } from './exr-header';
import { EXR_COMPRESSION_NAMES, EXR_FLAG_DEEP, EXR_FLAG_MULTIPART, EXR_FLAG_TILED, parseExrHeader } from './exr-header';

/** Scanlines per block for each compression (OpenEXR's table). */
const LINES_PER_BLOCK = [1, 1, 1, 16, 32, 16, 32, 32, 32, 256];

/** The depth channel, by the names renderers give it. */
export function chooseDepthChannel(channels: readonly ExrChannel[]): ExrChannel | null {
  const lower = (c: ExrChannel) => c.name.toLowerCase();
  const last = (c: ExrChannel) => lower(c).slice(lower(c).lastIndexOf('.') + 1);
  return (
    channels.find((c) => ['z', 'depth', 'distance'].includes(lower(c))) ??
    channels.find((c) => (last(c) === 'z' || last(c) === 'depth') && lower(c).includes('depth')) ??
    channels.find((c) => last(c) === 'z' || last(c) === 'depth') ??
    channels.find((c) => c.name === 'R') ??
    channels.find((c) => c.name === 'Y') ??
    null
  );
}

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/** The file with its channel list rewritten: `depth` becomes Y, the others `_0`, `_1`... (names the loader ignores). */
function renameChannels(bytes: Uint8Array, header: ExrHeader, depth: ExrChannel): Uint8Array {
  const attr = header.attributes.find((a) => a.name === 'channels')!;
  const list: number[] = [];
  header.channels.forEach((c, i) => {
    list.push(...ascii(c === depth ? 'Y' : `_${i}`), 0);
    const fields = new DataView(new ArrayBuffer(16));
    fields.setInt32(0, c.pixelType, true);
    fields.setUint8(4, c.pLinear);
    fields.setInt32(8, c.xSampling, true);
    fields.setInt32(12, c.ySampling, true);
    list.push(...new Uint8Array(fields.buffer));
  });
  list.push(0);
  const head = [...ascii('channels'), 0, ...ascii('chlist'), 0, 0, 0, 0, 0];
  const size = new DataView(new ArrayBuffer(4));
  size.setInt32(0, list.length, true);
  head.splice(head.length - 4, 4, ...new Uint8Array(size.buffer));
  const before = bytes.subarray(0, attr.start);
  const after = bytes.subarray(attr.end);
  const out = new Uint8Array(before.length + head.length + list.length + after.length);
  out.set(before, 0);
  out.set(head, before.length);
  out.set(list, before.length + head.length);
  out.set(after, before.length + head.length + list.length);
  return out;
}

/** RLE (OpenEXR's): a signed count byte; negative: -n literal bytes follow; else one byte repeated n + 1 times. */
function rleOutputSize(data: Uint8Array): number {
  let size = 0;
  for (let i = 0; i < data.length; ) {
    const count = (data[i] << 24) >> 24;
    if (count < 0) {
      size += -count;
      i += 1 - count;
    } else {
      size += count + 1;
      i += 2;
    }
  }
  return size;
}

/** Walks the scanline blocks: each inside the file, and each compressed one expanding to at most its raw size. */
function checkScanlineBlocks(bytes: Uint8Array, header: ExrHeader): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lines = LINES_PER_BLOCK[header.compression];
  const blocks = Math.ceil(header.height / lines);
  const bytesPerPixel = header.channels.reduce((sum, c) => sum + (c.pixelType === 1 ? 2 : 4), 0);
  let at = header.end + 8 * blocks;
  for (let b = 0; b < blocks; b++) {
    if (at + 8 > bytes.length) throw new DepthDecodeError(`EXR: the file is truncated (block ${b + 1} of ${blocks} is missing).`);
    const size = view.getUint32(at + 4, true);
    const data = bytes.subarray(at + 8, at + 8 + size);
    if (data.length < size) throw new DepthDecodeError(`EXR: the file is truncated (block ${b + 1} of ${blocks} is cut short).`);
    const y = view.getInt32(at, true) - header.yMin;
    if (y < 0 || y >= header.height) throw new DepthDecodeError(`EXR: block ${b + 1} names line ${y}, outside the image.`);
    const raw = Math.min(lines, header.height - y) * header.width * bytesPerPixel;
    if (size < raw) {
      let expands = 0;
      if (header.compression === 1) expands = rleOutputSize(data);
      else if ([2, 3, 5].includes(header.compression)) {
        inflateStream(data, (piece) => (expands += piece.length) <= raw, 'EXR: a block could not be decompressed', raw + 1);
      }
      if (expands > raw) throw new DepthDecodeError(`EXR: block ${b + 1} expands beyond the size of its lines; the file is damaged or hostile.`);
    }
    at += 8 + size;
  }
}

export function decodeExr(bytes: Uint8Array): RawDepthImage {
  const header = parseExrHeader(bytes);
  if (header.flags & (EXR_FLAG_MULTIPART | EXR_FLAG_DEEP)) {
    throw new DepthDecodeError('EXR: multi-part and deep files are not read; save the depth as a single-part image.');
  }
  if (header.channels.some((c) => c.pixelType !== 1 && c.pixelType !== 2)) {
    throw new DepthDecodeError('EXR: 32-bit integer channels are not read; depth must be a half or float channel.');
  }
  const depth = chooseDepthChannel(header.channels);
  if (!depth) {
    const names = header.channels.slice(0, 6).map((c) => quoteText(c.name, 20)).join(', ') + (header.channels.length > 6 ? ', …' : '');
    throw new DepthDecodeError(`EXR: no depth channel (Z, depth, a layer's .Z, R or Y) among ${names}.`);
  }
  if (depth.xSampling !== 1 || depth.ySampling !== 1) throw new DepthDecodeError(`EXR: the channel ${quoteText(depth.name)} is subsampled; depth must have one sample per pixel.`);
  if (!(header.flags & EXR_FLAG_TILED)) checkScanlineBlocks(bytes, header);
  const renamed = renameChannels(bytes, header, depth);
  const loader = new EXRLoader().setDataType(FloatType).setOutputFormat(RedFormat);
  const compression = EXR_COMPRESSION_NAMES[header.compression];
  const texture = callLibrary(`EXR: the ${compression}-compressed image data could not be read`, () => loader.parse(renamed.buffer as ArrayBuffer));
  const { width, height } = header;
  const flipped = texture.data as Float32Array;
  if (!(flipped instanceof Float32Array) || flipped.length !== width * height) {
    throw new DepthDecodeError('EXR: the image data did not match the header’s size.');
  }
  // The loader writes rows bottom-up (a texture's flipY); depth images are top row first.
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) data.set(flipped.subarray((height - 1 - y) * width, (height - y) * width), y * width);
  const type = depth.pixelType === 1 ? 'half' : 'float';
  return makeDepthImage({ width, height, data, format: 'exr', notes: [`EXR: depth from the ${type} channel ${quoteText(depth.name)} (${compression} compression).`] });
}
