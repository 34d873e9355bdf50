/**
 * Byte-level helpers shared by the decoders and encoders: turning stored bytes into
 * typed sample arrays (and back) without ever going through JS numbers, so every bit
 * pattern -- NaN payloads, -0, subnormals -- survives exactly.
 */

import type { RawSamples, SampleType } from '../core/depth-image';

/** True on every browser and Node we run on; checked rather than assumed. */
export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A width x height grid of samples, row-major, top row first (what the encoders take). */
export interface SampleGrid<T extends RawSamples = RawSamples> {
  readonly width: number;
  readonly height: number;
  readonly data: T;
}

export function bytesPerSample(type: SampleType): 1 | 2 | 4 | 8 {
  switch (type) {
    case 'uint8':
      return 1;
    case 'uint16':
      return 2;
    case 'uint32':
    case 'float32':
      return 4;
    case 'float64':
      return 8;
  }
}

export function sampleTypeOf(data: RawSamples): SampleType {
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Uint16Array) return 'uint16';
  if (data instanceof Uint32Array) return 'uint32';
  if (data instanceof Float32Array) return 'float32';
  return 'float64';
}

/** Reverses the bytes of every `size`-byte group in place (size 1 is a no-op). */
export function swapBytesInPlace(bytes: Uint8Array, size: number): void {
  if (size === 2) {
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      const a = bytes[i];
      bytes[i] = bytes[i + 1];
      bytes[i + 1] = a;
    }
  } else if (size > 2) {
    for (let i = 0; i + size <= bytes.length; i += size) {
      for (let a = i, b = i + size - 1; a < b; a++, b--) {
        const t = bytes[a];
        bytes[a] = bytes[b];
        bytes[b] = t;
      }
    }
  }
}

/**
 * A typed array over a buffer whose bytes are already in host order.
 * The buffer must be freshly allocated (byteOffset 0), so alignment is never an issue.
 */
export function viewSamples(buffer: ArrayBuffer, type: SampleType, count: number): RawSamples {
  switch (type) {
    case 'uint8':
      return new Uint8Array(buffer, 0, count);
    case 'uint16':
      return new Uint16Array(buffer, 0, count);
    case 'uint32':
      return new Uint32Array(buffer, 0, count);
    case 'float32':
      return new Float32Array(buffer, 0, count);
    case 'float64':
      return new Float64Array(buffer, 0, count);
  }
}

/**
 * Copies `count` samples stored at `offset` in the given byte order into a new typed
 * array. The caller has checked that the bytes are there.
 */
export function samplesFromBytes(
  src: Uint8Array,
  offset: number,
  count: number,
  type: SampleType,
  littleEndian: boolean,
): RawSamples {
  const size = bytesPerSample(type);
  const copy = src.slice(offset, offset + count * size);
  if (littleEndian !== HOST_LITTLE_ENDIAN) swapBytesInPlace(copy, size);
  return viewSamples(copy.buffer, type, count);
}

/** The bytes of `data` in the given byte order (a copy). */
export function samplesToBytes(data: RawSamples, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  if (littleEndian !== HOST_LITTLE_ENDIAN) swapBytesInPlace(bytes, data.BYTES_PER_ELEMENT);
  return bytes;
}

/**
 * IEEE half -> single precision on the bit level. Every half value (including NaN
 * payloads, infinities, -0 and subnormals) is exactly representable as a float32.
 */
export function halfBitsToFloat32Bits(h: number): number {
  const sign = (h & 0x8000) << 16;
  const exp = (h >> 10) & 0x1f;
  let mant = h & 0x3ff;
  if (exp === 0x1f) return (sign | 0x7f800000 | (mant << 13)) >>> 0; // Inf / NaN
  if (exp !== 0) return (sign | ((exp + 112) << 23) | (mant << 13)) >>> 0; // normal
  if (mant === 0) return sign >>> 0; // +-0
  // Subnormal half: normalise into a float32 normal.
  let e = 113;
  while ((mant & 0x400) === 0) {
    mant <<= 1;
    e--;
  }
  return (sign | (e << 23) | ((mant & 0x3ff) << 13)) >>> 0;
}

/** Widens host-order half-float words to float32, bit-exactly. */
export function halfWordsToFloat32(words: Uint16Array): Float32Array {
  const out = new Float32Array(words.length);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < words.length; i++) bits[i] = halfBitsToFloat32Bits(words[i]);
  return out;
}

/** Copies `count` items of `size` bytes at `offset` into a fresh buffer in host byte order. */
export function hostOrderCopy(
  src: Uint8Array,
  offset: number,
  count: number,
  size: number,
  littleEndian: boolean,
): ArrayBuffer {
  const copy = src.slice(offset, offset + count * size);
  if (littleEndian !== HOST_LITTLE_ENDIAN) swapBytesInPlace(copy, size);
  return copy.buffer;
}

/**
 * Reorders a column-major (Fortran) rows x cols matrix of `size`-byte items into
 * row-major order, moving whole items as integers so no bit pattern changes.
 */
export function columnMajorToRowMajor(buffer: ArrayBuffer, rows: number, cols: number, size: number): ArrayBuffer {
  const words = size === 8 ? 2 : 1;
  const wordBytes = size === 8 ? 4 : size;
  const make = (b: ArrayBuffer): Uint8Array | Uint16Array | Uint32Array =>
    wordBytes === 1 ? new Uint8Array(b) : wordBytes === 2 ? new Uint16Array(b) : new Uint32Array(b);
  const out = new ArrayBuffer(rows * cols * size);
  const src = make(buffer);
  const dst = make(out);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const from = (c * rows + r) * words;
      const to = (r * cols + c) * words;
      for (let k = 0; k < words; k++) dst[to + k] = src[from + k];
    }
  }
  return out;
}
