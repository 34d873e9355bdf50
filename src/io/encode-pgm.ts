/** Binary (P5) PGM, 8-bit (maxval 255) or 16-bit (maxval 65535). */

import { asciiBytes, checkGrid, concatBytes } from './encode-checks';
import { samplesToBytes } from '../core/samples';
import type { SampleGrid } from '../core/samples';

export interface PgmEncodeOptions {
  /** 16-bit sample byte order; default 'big', as the PGM spec says. */
  byteOrder?: 'big' | 'little';
  /** Default 255 for 8-bit data, 65535 for 16-bit. */
  maxval?: number;
}

export function encodePgm(image: SampleGrid<Uint8Array | Uint16Array>, options: PgmEncodeOptions = {}): Uint8Array {
  checkGrid(image, 'encodePgm');
  const wide = image.data instanceof Uint16Array;
  if (!wide && !(image.data instanceof Uint8Array)) throw new TypeError('encodePgm: data must be Uint8Array or Uint16Array');
  const maxval = options.maxval ?? (wide ? 65535 : 255);
  if (!Number.isInteger(maxval) || maxval < 1 || maxval > (wide ? 65535 : 255) || (wide && maxval < 256)) {
    throw new RangeError(`encodePgm: maxval ${maxval} does not fit ${wide ? '16' : '8'}-bit data`);
  }
  const header = asciiBytes(`P5\n${image.width} ${image.height}\n${maxval}\n`);
  return concatBytes([header, samplesToBytes(image.data, options.byteOrder === 'little')]);
}
