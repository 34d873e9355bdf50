/**
 * 8-bit images offered as depth maps (colour PNG/TIFF here; JPEG/WebP/GIF/BMP in the
 * worker after the browser decoded them). Such files only carry relative depth --
 * typically the output of a monocular depth network saved as a picture -- so we
 * turn them into one 8-bit channel and say so in the notes.
 */

import { checkDimensions, DepthDecodeError } from '../core/depth-image';
import type { DepthFormat, RawDepthImage } from '../core/depth-image';
import { makeDepthImage } from './depth-result';

export interface RelativeDepthContext {
  page?: number;
  pageCount?: number;
  /** Notes from the caller (e.g. "palette image"), placed before ours. */
  notes?: readonly string[];
}

const FORMAT_NAMES: Record<DepthFormat, string> = {
  png: 'PNG',
  tiff: 'TIFF',
  pgm: 'PGM',
  pfm: 'PFM',
  npy: 'NPY',
  exr: 'EXR',
  image: 'Image',
};

/**
 * One 8-bit channel from `channels`-interleaved 8-bit pixels:
 * - 1 channel: copied;  2 (gray + alpha): gray copied, alpha ignored;
 * - 3/4 (RGB/RGBA): if R = G = B at every pixel the image is gray stored as colour and
 *   that channel is copied exactly; otherwise Rec. 601 luma,
 *   round((299 R + 587 G + 114 B) / 1000), i.e. what PIL's convert('L') and OpenCV's
 *   cvtColor(..., GRAY) compute (they may differ from it by 1 through fixed-point
 *   rounding). Rec. 601 rather than 709 because that is what the Python tools that
 *   wrote such files use when they go the other way.
 * Alpha is never used as depth.
 */
export function rgbaToRelativeDepth(
  pixels: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  channels: 1 | 2 | 3 | 4,
  format: DepthFormat,
  context: RelativeDepthContext = {},
): RawDepthImage {
  const name = FORMAT_NAMES[format];
  checkDimensions(width, height, name);
  const n = width * height;
  if (pixels.length !== n * channels) {
    throw new DepthDecodeError(
      `${name}: the decoded image has ${pixels.length} values, expected ${n * channels} (${width} x ${height} x ${channels}).`,
    );
  }
  const notes = [...(context.notes ?? [])];
  const out = new Uint8Array(n);
  const hasAlpha = channels === 2 || channels === 4;
  if (hasAlpha) {
    let opaque = true;
    for (let i = channels - 1; i < pixels.length; i += channels) {
      if (pixels[i] !== 255) {
        opaque = false;
        break;
      }
    }
    if (!opaque) notes.push('The alpha (transparency) channel was ignored.');
  }
  if (channels <= 2) {
    for (let i = 0, j = 0; i < n; i++, j += channels) out[i] = pixels[j];
    notes.push('8-bit gray image: values 0-255 are relative depth, not a metric distance.');
  } else {
    let gray = true;
    for (let j = 0; j < pixels.length; j += channels) {
      if (pixels[j] !== pixels[j + 1] || pixels[j] !== pixels[j + 2]) {
        gray = false;
        break;
      }
    }
    if (gray) {
      for (let i = 0, j = 0; i < n; i++, j += channels) out[i] = pixels[j];
      notes.push(
        'Gray image stored as colour (R = G = B everywhere): that channel was used as relative depth (0-255), not a metric distance.',
      );
    } else {
      for (let i = 0, j = 0; i < n; i++, j += channels) {
        out[i] = Math.floor((299 * pixels[j] + 587 * pixels[j + 1] + 114 * pixels[j + 2] + 500) / 1000);
      }
      notes.push(
        'Colour image converted to relative depth with Rec. 601 luma (0.299 R + 0.587 G + 0.114 B): values 0-255 are relative, not a metric distance.',
      );
    }
  }
  return makeDepthImage({
    width,
    height,
    data: out,
    format,
    notes,
    page: context.page,
    pageCount: context.pageCount,
  });
}
