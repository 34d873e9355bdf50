/** Single-channel PFM ("Pf"), rows bottom-up as the format requires; bits copied exactly. */

import { asciiBytes, checkGrid, concatBytes } from './encode-checks';
import { samplesToBytes } from '../core/samples';
import type { SampleGrid } from '../core/samples';

export interface PfmEncodeOptions {
  /** Default 'little' (scale -1), what most tools write today. */
  byteOrder?: 'big' | 'little';
}

export function encodePfm(image: SampleGrid<Float32Array>, options: PfmEncodeOptions = {}): Uint8Array {
  checkGrid(image, 'encodePfm');
  if (!(image.data instanceof Float32Array)) throw new TypeError('encodePfm: data must be a Float32Array');
  const littleEndian = (options.byteOrder ?? 'little') === 'little';
  const { width, height } = image;
  const src = new Uint32Array(image.data.buffer, image.data.byteOffset, image.data.length);
  const flipped = new Float32Array(width * height);
  const dst = new Uint32Array(flipped.buffer);
  for (let y = 0; y < height; y++) {
    const from = (height - 1 - y) * width;
    dst.set(src.subarray(from, from + width), y * width);
  }
  const header = asciiBytes(`Pf\n${width} ${height}\n${littleEndian ? '-1.0' : '1.0'}\n`);
  return concatBytes([header, samplesToBytes(flipped, littleEndian)]);
}
