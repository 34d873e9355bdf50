/** 16-bit gray PNG (the common depth-map convention), via fast-png. */

import { encode as fastPngEncode } from 'fast-png';
import { checkGrid } from './encode-checks';
import type { SampleGrid } from '../core/samples';

export function encodePng16(image: SampleGrid<Uint16Array>): Uint8Array {
  checkGrid(image, 'encodePng16');
  if (!(image.data instanceof Uint16Array)) throw new TypeError('encodePng16: data must be a Uint16Array');
  return fastPngEncode({ width: image.width, height: image.height, data: image.data, depth: 16, channels: 1 });
}
