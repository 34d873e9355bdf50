/** NumPy .npy (format 1.0, C order, 2-D (height, width)), as numpy.save writes it. */

import { asciiBytes, checkGrid, concatBytes } from './encode-checks';
import { samplesToBytes } from '../core/samples';
import type { SampleGrid } from '../core/samples';

export type NpyEncodable = Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;

export interface NpyEncodeOptions {
  /** Default 'little' ('<u2', '<f4', ...); 'big' writes '>u2' etc. */
  byteOrder?: 'big' | 'little';
}

function dtypeOf(data: NpyEncodable, big: boolean): string {
  const o = big ? '>' : '<';
  if (data instanceof Uint8Array) return '|u1';
  if (data instanceof Uint16Array) return `${o}u2`;
  if (data instanceof Uint32Array) return `${o}u4`;
  if (data instanceof Float32Array) return `${o}f4`;
  return `${o}f8`;
}

export function encodeNpy(image: SampleGrid<NpyEncodable>, options: NpyEncodeOptions = {}): Uint8Array {
  checkGrid(image, 'encodeNpy');
  const big = options.byteOrder === 'big';
  const dict = `{'descr': '${dtypeOf(image.data, big)}', 'fortran_order': False, 'shape': (${image.height}, ${image.width}), }`;
  // Pad with spaces and a final newline so the data starts on a 64-byte boundary (NumPy >= 1.9).
  const unpadded = 10 + dict.length + 1;
  const padded = Math.ceil(unpadded / 64) * 64;
  const headerText = dict + ' '.repeat(padded - unpadded) + '\n';
  const preamble = new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, headerText.length & 0xff, headerText.length >> 8]);
  return concatBytes([preamble, asciiBytes(headerText), samplesToBytes(image.data, !big)]);
}
