/**
 * The one entry point for opening a depth file: detects the format from the bytes and
 * hands them to the matching exact decoder.
 *
 * Photo formats (JPEG, WebP, GIF, BMP) are not decoded here -- this code has no
 * canvas and they carry only 8-bit relative depth anyway. For them decodeDepth
 * throws NeedsBrowserImageDecode (a DepthDecodeError subclass, so a caller that
 * does not handle it still shows a sensible message); the worker catches it, decodes
 * the bytes with createImageBitmap and passes the RGBA pixels to rgbaToRelativeDepth.
 */

import { DepthDecodeError } from '../core/depth-image';
import type { RawDepthImage } from '../core/depth-image';
import { decodeExr } from './decode-exr';
import { decodeNpy } from './decode-npy';
import { decodePfm } from './decode-pfm';
import { decodePgm } from './decode-pgm';
import { decodePng } from './decode-png';
import { decodeTiff } from './decode-tiff';
import { guardDecoder } from './decode-errors';
import { assertDepthImage } from './depth-result';
import { sniffFormat } from './sniff-format';

/** Largest file we try to open (1 GiB); the decoded image is bounded separately by MAX_PIXELS. */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;

export type BrowserImageFormat = 'jpeg' | 'webp' | 'gif' | 'bmp';

export const SUPPORTED_FORMATS_TEXT =
  'depth maps as PNG (8/16-bit gray), TIFF, PGM, PFM, OpenEXR or NumPy .npy; JPEG, WebP, GIF and BMP images as relative depth';

const BROWSER_FORMAT_NAMES: Record<BrowserImageFormat, string> = {
  jpeg: 'JPEG',
  webp: 'WebP',
  gif: 'GIF',
  bmp: 'BMP',
};

/** "Decode this one in the browser": thrown for JPEG, WebP, GIF and BMP. */
export class NeedsBrowserImageDecode extends DepthDecodeError {
  readonly format: BrowserImageFormat;
  constructor(format: BrowserImageFormat) {
    super(
      `${BROWSER_FORMAT_NAMES[format]}: this is a photo format; it has to be decoded by the browser and can only give relative depth (8-bit).`,
    );
    this.name = 'NeedsBrowserImageDecode';
    this.format = format;
  }
}

export interface DecodeDepthOptions {
  /** TIFF page, 0-based (default 0); ignored by single-image formats. */
  page?: number;
  /** Byte order of 16-bit binary PGM samples; default 'big' (the PGM spec). */
  pgmByteOrder?: 'big' | 'little';
}

/** Hints for a few formats people try to open that we recognise but do not read. */
function unknownFormatMessage(bytes: Uint8Array): string {
  const head = String.fromCharCode(...bytes.subarray(0, 16));
  let hint = '';
  if (head.startsWith('PK\x03\x04')) hint = ' It looks like a ZIP archive (an .npz?): extract the .npy inside and open that.';
  else if (head.slice(4, 12) === 'ftypheic' || head.slice(4, 12) === 'ftypavif') {
    hint = ' It looks like HEIC/AVIF, which is not supported: convert it to PNG.';
  } else if (head.startsWith('\x89HDF')) hint = ' It looks like HDF5 (.h5/.mat), which is not supported: save the array with numpy.save.';
  return `This file is not in a format Depthscope can open. Supported: ${SUPPORTED_FORMATS_TEXT}.${hint}`;
}

/**
 * Decodes a depth file. Throws DepthDecodeError for everything it refuses (and its
 * subclass NeedsBrowserImageDecode for photo formats); the result satisfies
 * data.length === width * height with sampleType matching the array.
 */
export function decodeDepth(bytes: Uint8Array, options: DecodeDepthOptions = {}): RawDepthImage {
  if (bytes.length === 0) throw new DepthDecodeError('The file is empty.');
  if (bytes.length > MAX_FILE_BYTES) {
    throw new DepthDecodeError(
      `The file is ${(bytes.length / 2 ** 20).toFixed(0)} MiB; files up to ${MAX_FILE_BYTES / 2 ** 20} MiB can be opened.`,
    );
  }
  const format = sniffFormat(bytes);
  const image = guardDecoder('Depth file', (): RawDepthImage => {
    switch (format) {
      case 'png':
        return decodePng(bytes);
      case 'tiff':
        return decodeTiff(bytes, { page: options.page ?? 0 });
      case 'pgm':
        return decodePgm(bytes, { pgmByteOrder: options.pgmByteOrder ?? 'big' });
      case 'pfm':
        return decodePfm(bytes);
      case 'npy':
        return decodeNpy(bytes);
      case 'exr':
        return decodeExr(bytes);
      case 'jpeg':
      case 'webp':
      case 'gif':
      case 'bmp':
        throw new NeedsBrowserImageDecode(format);
      case 'unknown':
        throw new DepthDecodeError(unknownFormatMessage(bytes));
    }
  });
  // Each decoder already checks this; checked once more here as the contract of this API
  // (a failure is a bug and surfaces as a plain Error, not as a user-facing message).
  assertDepthImage(image);
  return image;
}
