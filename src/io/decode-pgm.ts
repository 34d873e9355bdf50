/**
 * PGM depth maps: binary P5 (and ASCII P2), 8-bit when maxval <= 255, 16-bit up to
 * 65535. Samples are kept as stored, even when maxval is not 255/65535 (maxval is
 * not a depth scale). The rest of the Netpbm family is recognised only to explain
 * why it is not a depth map.
 *
 * Byte order: the PGM spec says 16-bit samples are big-endian (most significant byte
 * first), and that is the default. Some tools (e.g. the NYU Depth V2 raw dumps) wrote
 * little-endian against the spec; `pgmByteOrder: 'little'` reads those. We cannot tell
 * them apart from the bytes, so the user chooses.
 */

import { checkDimensions, DepthDecodeError } from '../core/depth-image';
import type { RawDepthImage } from '../core/depth-image';
import { guardDecoder } from './decode-errors';
import { makeDepthImage } from './depth-result';
import { locateSamples, parseWholeNumber, readHeaderFields } from './netpbm-header';
import { samplesFromBytes } from '../core/samples';

export interface PgmOptions {
  /** Byte order of 16-bit samples in P5 files; default 'big' (the PGM spec). */
  pgmByteOrder?: 'big' | 'little';
}

const OTHER_NETPBM: Record<string, string> = {
  P1: 'PGM: this is a bitmap (PBM, P1), black and white only, not a depth map; depth PGMs are gray P5 (binary) or P2 (text).',
  P4: 'PGM: this is a bitmap (PBM, P4), black and white only, not a depth map; depth PGMs are gray P5 (binary) or P2 (text).',
  P3: 'PGM: this is a colour PPM (P3), not a depth map; depth PGMs are single-channel gray P5 (binary) or P2 (text).',
  P6: 'PGM: this is a colour PPM (P6), not a depth map; depth PGMs are single-channel gray P5 (binary) or P2 (text).',
  P7: 'PGM: PAM files (P7) are not supported; save the depth map as a gray P5 PGM (or 16-bit PNG).',
};

export function decodePgm(bytes: Uint8Array, options: PgmOptions = {}): RawDepthImage {
  return guardDecoder('PGM', () => decodePgmChecked(bytes, options));
}

function decodePgmChecked(bytes: Uint8Array, options: PgmOptions): RawDepthImage {
  const magic = String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0);
  const refusal = OTHER_NETPBM[magic];
  if (refusal !== undefined) throw new DepthDecodeError(refusal);
  if (magic !== 'P5' && magic !== 'P2') {
    throw new DepthDecodeError('PGM: the file does not start with "P5" or "P2"; it is not a PGM image.');
  }
  const names = ['the image width', 'the image height', 'the maximum value (maxval)'];
  const header = readHeaderFields(bytes, names, 'PGM', true);
  const { fields, dataOffset } = header;
  const width = parseWholeNumber(fields[0], names[0], 'PGM');
  const height = parseWholeNumber(fields[1], names[1], 'PGM');
  const maxval = parseWholeNumber(fields[2], names[2], 'PGM');
  checkDimensions(width, height, 'PGM');
  if (maxval < 1 || maxval > 65535) {
    throw new DepthDecodeError(`PGM: maxval ${maxval} is invalid; it must be between 1 and 65535.`);
  }
  const notes: string[] = [];
  if (maxval !== 255 && maxval !== 65535) {
    notes.push(`PGM maxval is ${maxval}: samples are kept as stored (0-${maxval}), not rescaled.`);
  }
  const count = width * height;
  const wide = maxval > 255;
  if (magic === 'P2') {
    notes.push('Text (P2) PGM.');
    return makeDepthImage({ width, height, data: readAsciiSamples(bytes, dataOffset, count, wide), format: 'pgm', notes });
  }
  const samplesAt = locateSamples(bytes, header, count * (wide ? 2 : 1), `${width} x ${height} pixels`, 'PGM', notes);
  const littleEndian = options.pgmByteOrder === 'little';
  if (wide && littleEndian) notes.push('16-bit samples read little-endian (against the PGM spec), as chosen.');
  const data = samplesFromBytes(bytes, samplesAt, count, wide ? 'uint16' : 'uint8', littleEndian);
  return makeDepthImage({ width, height, data, format: 'pgm', notes });
}

/** P2: `count` decimal numbers separated by whitespace (comments allowed too). */
function readAsciiSamples(bytes: Uint8Array, offset: number, count: number, wide: boolean): Uint8Array | Uint16Array {
  const out = wide ? new Uint16Array(count) : new Uint8Array(count);
  const limit = wide ? 65535 : 255;
  let pos = offset;
  for (let i = 0; i < count; i++) {
    for (;;) {
      if (pos >= bytes.length) {
        throw new DepthDecodeError(`PGM: the file is truncated: found ${i} of ${count} pixel values.`);
      }
      const b = bytes[pos];
      if (b === 0x20 || (b >= 0x09 && b <= 0x0d)) pos++;
      else if (b === 0x23) {
        while (pos < bytes.length && bytes[pos] !== 0x0a && bytes[pos] !== 0x0d) pos++;
      } else break;
    }
    let value = 0;
    const start = pos;
    while (pos < bytes.length && bytes[pos] >= 0x30 && bytes[pos] <= 0x39) {
      value = value * 10 + (bytes[pos] - 0x30);
      pos++;
      if (value > limit) {
        throw new DepthDecodeError(`PGM: pixel value ${i + 1} is larger than ${limit}.`);
      }
    }
    if (pos === start || (pos < bytes.length && !(bytes[pos] === 0x20 || (bytes[pos] >= 0x09 && bytes[pos] <= 0x0d) || bytes[pos] === 0x23))) {
      throw new DepthDecodeError(`PGM: pixel value ${i + 1} is not a whole number; the file is damaged.`);
    }
    out[i] = value;
  }
  return out;
}
