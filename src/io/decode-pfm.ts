/**
 * PFM (portable float map) depth and disparity maps, as written by Middlebury, many
 * stereo networks and OpenCV: "Pf" (one float32 channel) or "PF" (three). The scale
 * line's sign gives the byte order (negative = little-endian); its magnitude is not
 * applied (noted when it is not 1). Rows are stored bottom row first; we flip them.
 * Samples are copied bit for bit: NaN, +-Inf, -0 stay as they are -- deciding what is
 * invalid is the units code's job.
 *
 * "PF" colour: if all three channels are identical at every pixel (bit for bit) it is
 * a gray map saved as colour and the first channel is read; otherwise it is refused,
 * because there is no meaningful depth in a mix of float colours.
 */

import { quoteText } from '../core/quoted-text';
import { checkDimensions, DepthDecodeError } from '../core/depth-image';
import type { RawDepthImage } from '../core/depth-image';
import { guardDecoder } from './decode-errors';
import { makeDepthImage } from './depth-result';
import { locateSamples, parseWholeNumber, readHeaderFields } from './netpbm-header';
import { samplesFromBytes } from '../core/samples';

const FLOAT_TEXT = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/;

export function decodePfm(bytes: Uint8Array): RawDepthImage {
  return guardDecoder('PFM', () => decodePfmChecked(bytes));
}

function decodePfmChecked(bytes: Uint8Array): RawDepthImage {
  const magic = String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0);
  if (magic !== 'Pf' && magic !== 'PF') {
    throw new DepthDecodeError('PFM: the file does not start with "Pf" or "PF"; it is not a PFM image.');
  }
  const channels = magic === 'PF' ? 3 : 1;
  const names = ['the image width', 'the image height', 'the scale / byte order'];
  // PFM has no comments in its spec, but tolerating them costs nothing.
  const header = readHeaderFields(bytes, names, 'PFM', true);
  const { fields } = header;
  const width = parseWholeNumber(fields[0], names[0], 'PFM');
  const height = parseWholeNumber(fields[1], names[1], 'PFM');
  const scale = FLOAT_TEXT.test(fields[2]) ? Number(fields[2]) : NaN;
  if (!Number.isFinite(scale) || scale === 0) {
    throw new DepthDecodeError(
      `PFM: the scale ${quoteText(fields[2], 20)} is invalid; it must be a nonzero number (negative means little-endian).`,
    );
  }
  checkDimensions(width, height, 'PFM');
  const count = width * height;
  const notes: string[] = [];
  const dataOffset = locateSamples(bytes, header, count * channels * 4, `${width} x ${height} pixels`, 'PFM', notes);
  if (Math.abs(scale) !== 1) {
    notes.push(`PFM scale ${Math.abs(scale)} is not applied: samples are kept as stored.`);
  }
  const littleEndian = scale < 0;
  const stored = samplesFromBytes(bytes, dataOffset, count * channels, 'float32', littleEndian);
  if (!(stored instanceof Float32Array)) throw new Error('internal: expected float32 samples');

  let gray = stored;
  if (channels === 3) {
    const bits = new Uint32Array(stored.buffer, stored.byteOffset, stored.length);
    gray = new Float32Array(count);
    const grayBits = new Uint32Array(gray.buffer);
    for (let i = 0; i < count; i++) {
      const r = bits[3 * i];
      if (bits[3 * i + 1] !== r || bits[3 * i + 2] !== r) {
        throw new DepthDecodeError(
          'PFM: this is a colour PFM ("PF") whose channels differ, not a depth map; depth PFMs are single-channel ("Pf").',
        );
      }
      grayBits[i] = r;
    }
    notes.push('Colour PFM ("PF") with three identical channels: read as a single-channel map.');
  }
  // Bottom row first in the file -> top row first in memory.
  // Copied as 32-bit words so that no NaN payload can be touched on the way.
  const data = new Float32Array(count);
  const from = new Uint32Array(gray.buffer, gray.byteOffset, count);
  const to = new Uint32Array(data.buffer);
  for (let y = 0; y < height; y++) {
    const src = (height - 1 - y) * width;
    to.set(from.subarray(src, src + width), y * width);
  }
  return makeDepthImage({ width, height, data, format: 'pfm', notes });
}
