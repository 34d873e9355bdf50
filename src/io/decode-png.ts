/**
 * PNG depth maps: 16-bit gray (the usual Kinect / RealSense / TUM convention) or
 * 8-bit gray, read exactly. 8-bit colour and palette images become relative depth
 * (see image-to-depth.ts); 16-bit colour is refused. Never goes through a canvas:
 * browsers convert 16-bit PNGs to 8 bits and may colour-manage them.
 */

import { decode as fastPngDecode } from 'fast-png';
import { DepthDecodeError } from '../core/depth-image';
import type { RawDepthImage } from '../core/depth-image';
import { callLibrary, guardDecoder } from './decode-errors';
import { makeDepthImage } from './depth-result';
import { inflateInto } from '../core/bounded-inflate';
import { rgbaToRelativeDepth } from './image-to-depth';
import { COLOR_TYPE_CHANNELS, expectedFilteredLength, minimalPng, readPngStructure } from './png-chunks';
import { bigEndianWordsInPlace, unfilterRows } from './png-unfilter';
import type { PngStructure } from './png-chunks';

const COLOUR_NAMES = { 0: 'gray', 2: 'colour (RGB)', 3: 'palette', 4: 'gray + alpha', 6: 'colour (RGBA)' } as const;

export function decodePng(bytes: Uint8Array): RawDepthImage {
  return guardDecoder('PNG', () => decodePngChecked(bytes));
}

function decodePngChecked(bytes: Uint8Array): RawDepthImage {
  const png = readPngStructure(bytes); // checks the IHDR size before anything is allocated
  const { width, height, bitDepth, colorType, interlaced } = png.header;

  if (bitDepth === 16 && (colorType === 2 || colorType === 6)) {
    throw new DepthDecodeError(
      `PNG: 16-bit ${COLOUR_NAMES[colorType]} images are not depth maps; depth PNGs are single-channel gray (8 or 16 bit).`,
    );
  }
  if (interlaced && bitDepth < 8) {
    // fast-png 8 mis-reads interlaced images with packed (sub-byte) samples.
    throw new DepthDecodeError(
      `PNG: interlaced ${bitDepth}-bit images are not supported; save the depth map without interlacing, or as 8/16-bit gray.`,
    );
  }

  const samples = readSamples(png);
  const notes: string[] = [];
  if (png.animated) notes.push('Animated PNG: only the default (first) image was read.');
  if (png.missingIend) notes.push('The PNG ends without its end marker (IEND); the image data itself was complete.');

  if (colorType === 3) return paletteToDepth(png, unpack(samples, width, height, bitDepth), notes);
  if (colorType === 2 || colorType === 6) {
    if (!(samples instanceof Uint8Array)) throw new Error('internal: 8-bit colour PNG without 8-bit data');
    return rgbaToRelativeDepth(samples, width, height, COLOR_TYPE_CHANNELS[colorType], 'png', { notes });
  }

  // Gray (0) or gray + alpha (4).
  if (png.transparentGray !== undefined) {
    notes.push(
      `The PNG marks gray value ${png.transparentGray} as transparent; that is ignored here (whether it means "no depth" is set with the units).`,
    );
  }
  if (colorType === 4) {
    notes.push('Gray + alpha PNG: the gray channel was read, the alpha channel ignored.');
    const gray = samples instanceof Uint16Array ? new Uint16Array(width * height) : new Uint8Array(width * height);
    for (let i = 0; i < gray.length; i++) gray[i] = samples[2 * i];
    return makeDepthImage({ width, height, data: gray, format: 'png', notes });
  }
  if (bitDepth === 16) {
    if (!(samples instanceof Uint16Array)) throw new Error('internal: 16-bit PNG without 16-bit data');
    return makeDepthImage({ width, height, data: samples, format: 'png', notes });
  }
  if (bitDepth < 8) {
    notes.push(`${bitDepth}-bit gray PNG: samples 0-${2 ** bitDepth - 1} kept as stored.`);
  }
  return makeDepthImage({ width, height, data: unpack(samples, width, height, bitDepth), format: 'png', notes });
}

type Samples = Uint8Array | Uint8ClampedArray | Uint16Array;

/**
 * The image's samples, interleaved by channel (1/2/4-bit rows left packed, as
 * fast-png leaves them). The IDAT stream is inflated once, into a buffer one byte
 * longer than the header implies, so a small file cannot make us produce more than
 * its header promises, and too much data is caught by that extra byte.
 * Non-interlaced images (all depth maps we know of) are unfiltered here from that
 * buffer; interlaced ones go to fast-png, whose Adam7 code we reuse, once the
 * measure has shown its inflate is bounded.
 */
function readSamples(png: PngStructure): Samples {
  const { header } = png;
  const expected = expectedFilteredLength(header);
  const filtered = new Uint8Array(expected + 1);
  const { written } = inflateInto(png.idat, filtered, 'PNG: the image data could not be decompressed');
  if (written < expected) {
    throw new DepthDecodeError(
      `PNG: the image data is incomplete (${written} of ${expected} bytes); the file is truncated or damaged.`,
    );
  }
  if (written > expected) {
    throw new DepthDecodeError('PNG: there is more image data than the image size allows; the file is damaged.');
  }
  if (header.interlaced) {
    const decoded = callLibrary('PNG: the image data could not be decoded', () => fastPngDecode(minimalPng(png)));
    if (decoded.width !== header.width || decoded.height !== header.height) {
      throw new Error(`internal: fast-png read ${decoded.width} x ${decoded.height}, IHDR says ${header.width} x ${header.height}`);
    }
    return decoded.data;
  }
  const bitsPerPixel = COLOR_TYPE_CHANNELS[header.colorType] * header.bitDepth;
  const rowBytes = Math.ceil((header.width * bitsPerPixel) / 8);
  const rows = unfilterRows(filtered, header.height, rowBytes, Math.max(1, bitsPerPixel >> 3));
  return header.bitDepth === 16 ? bigEndianWordsInPlace(rows) : rows;
}

/** fast-png leaves 1/2/4-bit rows packed; spread them to one byte per pixel. */
function unpack(
  samples: Samples,
  width: number,
  height: number,
  bitDepth: number,
): Uint8Array {
  if (bitDepth === 8) {
    if (!(samples instanceof Uint8Array) || samples.length !== width * height) {
      throw new Error('internal: unexpected 8-bit PNG data');
    }
    return samples;
  }
  const rowBytes = Math.ceil((width * bitDepth) / 8);
  if (samples.length !== rowBytes * height) throw new Error('internal: unexpected packed PNG data');
  const out = new Uint8Array(width * height);
  const mask = (1 << bitDepth) - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const bit = x * bitDepth;
      out[y * width + x] = (samples[y * rowBytes + (bit >> 3)] >> (8 - bitDepth - (bit & 7))) & mask;
    }
  }
  return out;
}

function paletteToDepth(png: PngStructure, indices: Uint8Array, notes: string[]): RawDepthImage {
  const { width, height } = png.header;
  const palette = png.palette ?? [];
  const rgb = new Uint8Array(indices.length * 3);
  for (let i = 0; i < indices.length; i++) {
    const entry = palette[indices[i]];
    if (entry === undefined) {
      throw new DepthDecodeError(
        `PNG: a pixel uses palette entry ${indices[i]} but the palette has only ${palette.length} entries; the file is damaged.`,
      );
    }
    rgb[3 * i] = entry[0];
    rgb[3 * i + 1] = entry[1];
    rgb[3 * i + 2] = entry[2];
  }
  notes.push('Palette PNG: pixel colours were looked up in the palette.');
  return rgbaToRelativeDepth(rgb, width, height, 3, 'png', { notes });
}
