/**
 * TIFF depth maps: one sample per pixel of uint8/16/32 or float16/32/64 (float16 is
 * widened to float32 exactly), in strips or tiles, uncompressed or LZW / Deflate /
 * PackBits, with horizontal (2) or floating-point (3) predictor, either byte order.
 * Multi-page files: `page` picks one (0-based), `pageCount` says how many there are.
 *
 * Tags are parsed by the `tiff` package, from a copy of the page's directory that
 * tiff-structure.ts reduced to the tags read here, each of bounded size. Pixels are read here rather than by the package because it
 * lacks PackBits, uint32, the floating-point predictor and signed formats, and its
 * decompressors have no output limit.
 *
 * Decisions:
 * - Signed integers (SampleFormat 2) have no sample type of their own: int8/int16 are
 *   read as float32, int32 as float64 -- exact, negative values kept (the units
 *   settings decide whether they mean "no depth").
 * - Gray with extra samples (e.g. gray + alpha): the first sample is read, with a note.
 * - 8-bit RGB(A) and 8-bit palette images become relative depth (image-to-depth.ts);
 *   colour of any other bit depth, CMYK, YCbCr, Lab... are refused.
 * - WhiteIsZero and the Orientation tag are noted but not applied: samples are
 *   shown as stored, top row first.
 */

import { decode as decodeTiffTags } from 'tiff';
import type { TiffIfd } from 'tiff';
import { checkDimensions, DepthDecodeError, MAX_PIXELS } from '../core/depth-image';
import type { RawDepthImage } from '../core/depth-image';
import { callLibrary, guardDecoder } from './decode-errors';
import { makeDepthImage } from './depth-result';
import { rgbaToRelativeDepth } from './image-to-depth';
import {
  COMPRESSION_NAMES,
  isSupportedCompression,
  SUPPORTED_COMPRESSIONS,
} from './tiff-compression';
import { neededTagsTiff, readTiffStructure } from './tiff-structure';
import { readPixels, toSamples, type Layout, type Numeric } from './tiff-pixels';

export interface TiffOptions {
  /** 0-based page of a multi-page TIFF; default 0. */
  page?: number;
}

const TAG = {
  width: 256,
  height: 257,
  bitsPerSample: 258,
  compression: 259,
  photometric: 262,
  fillOrder: 266,
  stripOffsets: 273,
  orientation: 274,
  samplesPerPixel: 277,
  rowsPerStrip: 278,
  stripByteCounts: 279,
  planarConfig: 284,
  predictor: 317,
  colorMap: 320,
  tileWidth: 322,
  tileLength: 323,
  tileOffsets: 324,
  tileByteCounts: 325,
  sampleFormat: 339,
} as const;

const PHOTOMETRIC_NAMES: Record<number, string> = {
  4: 'a transparency mask',
  5: 'CMYK',
  6: 'YCbCr',
  8: 'CIE L*a*b*',
  9: 'ICC L*a*b*',
  10: 'ITU L*a*b*',
  32844: 'LogL',
  32845: 'LogLuv',
  34892: 'linear raw',
};

const MAX_SAMPLES_PER_PIXEL = 8;
/** Largest strip/tile we decompress in one piece: a whole 64 M-pixel float64 image. */
const MAX_CHUNK_BYTES = MAX_PIXELS * 8;

/** Numbers of a tag as an array (the tiff package gives a number or a typed array). */
function numbers(ifd: TiffIfd, tag: number): number[] | undefined {
  const v: unknown = ifd.fields.get(tag);
  if (v === undefined) return undefined;
  if (typeof v === 'number') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return v;
  if (
    v instanceof Uint8Array ||
    v instanceof Uint16Array ||
    v instanceof Uint32Array ||
    v instanceof Int8Array ||
    v instanceof Int16Array ||
    v instanceof Int32Array ||
    v instanceof Float32Array ||
    v instanceof Float64Array
  ) {
    return Array.from(v);
  }
  throw new DepthDecodeError(`TIFF: tag ${tag} has an unexpected kind of value; the file is damaged.`);
}

function single(ifd: TiffIfd, tag: number, name: string, fallback?: number): number {
  const v = numbers(ifd, tag);
  if (v === undefined || v.length === 0) {
    if (fallback !== undefined) return fallback;
    throw new DepthDecodeError(`TIFF: the ${name} tag is missing; the file is damaged.`);
  }
  if (!Number.isSafeInteger(v[0]) || v[0] < 0) {
    throw new DepthDecodeError(`TIFF: the ${name} tag has an invalid value (${v[0]}); the file is damaged.`);
  }
  return v[0];
}

/** A per-sample tag (BitsPerSample, SampleFormat): all samples must agree. */
function perSample(ifd: TiffIfd, tag: number, name: string, fallback: number): number {
  const v = numbers(ifd, tag) ?? [fallback];
  if (v.length === 0 || v.some((x) => x !== v[0])) {
    throw new DepthDecodeError(`TIFF: images whose samples have different ${name} values are not supported.`);
  }
  return v[0];
}

export function decodeTiff(bytes: Uint8Array, options: TiffOptions = {}): RawDepthImage {
  return guardDecoder('TIFF', () => decodeTiffChecked(bytes, options));
}

function decodeTiffChecked(bytes: Uint8Array, options: TiffOptions): RawDepthImage {
  const structure = readTiffStructure(bytes);
  const pageCount = structure.ifdOffsets.length;
  const page = options.page ?? 0;
  if (!Number.isInteger(page) || page < 0 || page >= pageCount) {
    throw new DepthDecodeError(
      pageCount === 1
        ? `TIFF: page ${page} does not exist; the file has 1 page (page 0).`
        : `TIFF: page ${page} does not exist; the file has ${pageCount} pages (0-${pageCount - 1}).`,
    );
  }
  const notes: string[] = [];
  if (structure.chainProblem !== undefined) {
    notes.push(`The TIFF's list of pages is damaged after page ${pageCount - 1} (${structure.chainProblem}); ${pageCount} page(s) can be read.`);
  }
  const ifds = callLibrary('TIFF: the image directory could not be read', () =>
    decodeTiffTags(neededTagsTiff(bytes, structure, structure.ifdOffsets[page]), { ignoreImageData: true }),
  );
  const ifd = ifds[0];
  if (ifd === undefined) throw new Error('internal: the tiff package returned no directory');

  const width = single(ifd, TAG.width, 'ImageWidth');
  const height = single(ifd, TAG.height, 'ImageLength (height)');
  checkDimensions(width, height, 'TIFF');

  const spp = single(ifd, TAG.samplesPerPixel, 'SamplesPerPixel', 1);
  if (spp < 1 || spp > MAX_SAMPLES_PER_PIXEL) {
    throw new DepthDecodeError(`TIFF: ${spp} samples per pixel is not supported (at most ${MAX_SAMPLES_PER_PIXEL}).`);
  }
  const bits = perSample(ifd, TAG.bitsPerSample, 'BitsPerSample', 1);
  const sampleFormat = perSample(ifd, TAG.sampleFormat, 'SampleFormat', 1);
  const compression = single(ifd, TAG.compression, 'Compression', 1);
  const predictor = single(ifd, TAG.predictor, 'Predictor', 1);
  const planarTag = single(ifd, TAG.planarConfig, 'PlanarConfiguration', 1);
  const orientation = single(ifd, TAG.orientation, 'Orientation', 1);
  const fillOrder = single(ifd, TAG.fillOrder, 'FillOrder', 1);
  const photometric = single(ifd, TAG.photometric, 'PhotometricInterpretation', spp >= 3 ? 2 : 1);

  // What kind of picture is it?
  let wanted: number; // how many leading samples we read
  let kind: 'depth' | 'rgb' | 'palette';
  if (photometric === 0 || photometric === 1) {
    kind = 'depth';
    wanted = 1;
    if (photometric === 0) notes.push('The TIFF says "white is zero"; samples are shown as stored, not inverted.');
    if (spp > 1) notes.push(`Gray TIFF with ${spp - 1} extra sample(s) per pixel (e.g. alpha): only the first was read.`);
  } else if (photometric === 2) {
    if (bits !== 8 || sampleFormat === 2 || sampleFormat === 3) {
      throw new DepthDecodeError(
        `TIFF: ${bits}-bit colour (RGB) images are not depth maps; depth TIFFs are single-channel gray (8/16/32-bit integer or 32/64-bit float).`,
      );
    }
    if (spp < 3) throw new DepthDecodeError(`TIFF: an RGB image with ${spp} sample(s) per pixel is damaged.`);
    kind = 'rgb';
    wanted = 3;
  } else if (photometric === 3) {
    if (bits !== 8 || spp !== 1) {
      throw new DepthDecodeError(`TIFF: ${bits}-bit palette images are not supported; only 8-bit palette images (read as relative depth).`);
    }
    kind = 'palette';
    wanted = 1;
  } else {
    const name = PHOTOMETRIC_NAMES[photometric] ?? `photometric type ${photometric}`;
    throw new DepthDecodeError(`TIFF: ${name} images are not depth maps; depth TIFFs are single-channel gray.`);
  }

  // Sample encoding.
  let numeric: Numeric;
  if (sampleFormat === 3) numeric = 'float';
  else if (sampleFormat === 2) numeric = 'int';
  else if (sampleFormat === 1 || sampleFormat === 4) numeric = 'uint';
  else throw new DepthDecodeError(`TIFF: sample format ${sampleFormat} (e.g. complex numbers) is not supported.`);
  const supportedBits =
    numeric === 'float' ? bits === 16 || bits === 32 || bits === 64 : bits === 8 || bits === 16 || bits === 32;
  if (!supportedBits) {
    const what = numeric === 'float' ? `${bits}-bit floating-point` : `${bits}-bit ${numeric === 'int' ? 'signed ' : ''}integer`;
    throw new DepthDecodeError(
      `TIFF: ${what} samples are not supported; depth TIFFs use 8, 16 or 32-bit integers or 16, 32 or 64-bit floats` +
        (bits === 1 ? ' (1-bit images are black and white bitmaps).' : '.'),
    );
  }
  if (!isSupportedCompression(compression)) {
    const name = COMPRESSION_NAMES[compression] ?? `number ${compression}`;
    throw new DepthDecodeError(`TIFF: ${name} compression is not supported; supported are ${SUPPORTED_COMPRESSIONS}.`);
  }
  if (predictor !== 1 && predictor !== 2 && predictor !== 3) {
    throw new DepthDecodeError(`TIFF: predictor ${predictor} is not supported (1, 2 and 3 are).`);
  }
  if (predictor === 3 && numeric !== 'float') {
    throw new DepthDecodeError('TIFF: the floating-point predictor is set on integer samples; the file is damaged.');
  }
  if (predictor === 2 && bits === 64) {
    throw new DepthDecodeError('TIFF: the horizontal predictor on 64-bit samples is not supported.');
  }
  if (planarTag !== 1 && planarTag !== 2) {
    throw new DepthDecodeError(`TIFF: planar configuration ${planarTag} is invalid; the file is damaged.`);
  }
  if (fillOrder !== 1 && fillOrder !== 2) {
    throw new DepthDecodeError(`TIFF: fill order ${fillOrder} is invalid (1 or 2); the file is damaged.`);
  }
  if (orientation !== 1) {
    notes.push(`The TIFF Orientation tag (${orientation}) is not applied: the image is shown as stored, first row at the top.`);
  }

  const layout = readLayout(ifd, {
    width,
    height,
    spp,
    bytesPerSample: bits / 8,
    numeric,
    compression,
    predictor,
    planar: spp === 1 ? 1 : planarTag,
    littleEndian: structure.littleEndian,
    lsbFirst: fillOrder === 2,
  });
  const pixels = readPixels(bytes, layout, wanted);
  const context = { page, pageCount, notes };

  if (kind === 'rgb') return rgbaToRelativeDepth(new Uint8Array(pixels), width, height, 3, 'tiff', context);
  if (kind === 'palette') {
    const map = numbers(ifd, TAG.colorMap);
    if (map === undefined || map.length !== 3 * 256) {
      throw new DepthDecodeError('TIFF: the palette image has no valid colour map; the file is damaged.');
    }
    const indices = new Uint8Array(pixels);
    const rgb = new Uint8Array(indices.length * 3);
    for (let i = 0; i < indices.length; i++) {
      // ColorMap holds 16-bit red, then green, then blue values.
      rgb[3 * i] = map[indices[i]] >> 8;
      rgb[3 * i + 1] = map[256 + indices[i]] >> 8;
      rgb[3 * i + 2] = map[512 + indices[i]] >> 8;
    }
    notes.push('Palette TIFF: pixel colours were looked up in the colour map.');
    return rgbaToRelativeDepth(rgb, width, height, 3, 'tiff', context);
  }
  const data = toSamples(pixels, layout, notes);
  return makeDepthImage({ width, height, data, format: 'tiff', page, pageCount, notes });
}

function readLayout(
  ifd: TiffIfd,
  base: Omit<Layout, 'chunkWidth' | 'chunkHeight' | 'across' | 'down' | 'tiled' | 'offsets' | 'byteCounts'>,
): Layout {
  const { width, height } = base;
  const tileWidth = numbers(ifd, TAG.tileWidth);
  const tileLength = numbers(ifd, TAG.tileLength);
  const tiled = tileWidth !== undefined || tileLength !== undefined;
  let chunkWidth: number;
  let chunkHeight: number;
  let offsets: number[] | undefined;
  let byteCounts: number[] | undefined;
  if (tiled) {
    chunkWidth = single(ifd, TAG.tileWidth, 'TileWidth');
    chunkHeight = single(ifd, TAG.tileLength, 'TileLength');
    // Tiles larger than the image (rounded up to 16) are fine, but not absurdly so.
    const limit = (side: number): number => Math.max(1024, Math.ceil(side / 16) * 16);
    if (chunkWidth < 1 || chunkHeight < 1 || chunkWidth > limit(width) || chunkHeight > limit(height)) {
      throw new DepthDecodeError(`TIFF: the tile size ${chunkWidth} x ${chunkHeight} is invalid for a ${width} x ${height} image.`);
    }
    offsets = numbers(ifd, TAG.tileOffsets);
    byteCounts = numbers(ifd, TAG.tileByteCounts);
  } else {
    chunkWidth = width;
    chunkHeight = Math.min(single(ifd, TAG.rowsPerStrip, 'RowsPerStrip', height), height);
    if (chunkHeight < 1) throw new DepthDecodeError('TIFF: RowsPerStrip is 0; the file is damaged.');
    offsets = numbers(ifd, TAG.stripOffsets);
    byteCounts = numbers(ifd, TAG.stripByteCounts);
  }
  const across = Math.ceil(width / chunkWidth);
  const down = Math.ceil(height / chunkHeight);
  const planes = base.planar === 2 ? base.spp : 1;
  const needed = across * down * planes;
  const what = tiled ? 'tile' : 'strip';
  if (offsets === undefined || offsets.length < needed) {
    throw new DepthDecodeError(
      `TIFF: the file lists ${offsets?.length ?? 0} ${what} offsets but the image needs ${needed}; the file is damaged.`,
    );
  }
  if (byteCounts === undefined) {
    if (base.compression !== 1) {
      throw new DepthDecodeError(`TIFF: the ${what} sizes are missing, which is only allowed for uncompressed images.`);
    }
  } else if (byteCounts.length < needed) {
    throw new DepthDecodeError(`TIFF: the file lists ${byteCounts.length} ${what} sizes but the image needs ${needed}; the file is damaged.`);
  }
  const samplesInChunk = base.planar === 1 ? base.spp : 1;
  if (chunkWidth * chunkHeight * samplesInChunk * base.bytesPerSample > MAX_CHUNK_BYTES) {
    throw new DepthDecodeError(`TIFF: ${what}s of more than ${MAX_CHUNK_BYTES / 2 ** 20} MiB are not supported.`);
  }
  return { ...base, chunkWidth, chunkHeight, across, down, tiled, offsets, byteCounts };
}
