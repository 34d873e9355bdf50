/**
 * NumPy .npy depth maps (np.save of a 2-D array), versions 1-3.
 *
 * Shapes: (H, W). Leading axes of length 1, then one trailing one, are dropped, so
 * (H, W, 1), (1, H, W) (any W, 1 too) and (1, 1, H, W, 1) also work; (H, W, 3|4) uint8 is a colour image and becomes relative
 * depth. Anything else is refused. Fortran-ordered arrays are reordered to rows.
 *
 * dtypes (any byte order; big-endian is converted to host order):
 *   |u1 -> uint8, u2 -> uint16, u4 -> uint32, f4 -> float32, f8 -> float64 (as stored);
 *   f2 (half) -> float32, exact.
 *   Signed integers have no sample type of their own: i1 and i2 -> float32, i4 -> float64,
 *   all exact (negative values are kept; the units settings decide if they are invalid).
 *   i8 / u8 -> float64 if every value is within +-2^53 (exact), else refused.
 *   bool, object, strings, complex, datetimes and structured dtypes are refused.
 */

import { quoteText } from '../core/quoted-text';
import { checkDimensions, DepthDecodeError } from '../core/depth-image';
import type { RawDepthImage, RawSamples } from '../core/depth-image';
import { guardDecoder } from './decode-errors';
import { makeDepthImage } from './depth-result';
import { rgbaToRelativeDepth } from './image-to-depth';
import { readNpyHeader } from './npy-header';
import type { PyValue } from './npy-header';
import { columnMajorToRowMajor, halfWordsToFloat32, hostOrderCopy } from '../core/samples';

type NpyKind = 'u' | 'i' | 'f';

interface NpyDtype {
  kind: NpyKind;
  size: 1 | 2 | 4 | 8;
  littleEndian: boolean;
  text: string;
}

const SUPPORTED =
  'supported dtypes are uint8/16/32/64, int8/16/32/64 and float16/32/64 (e.g. "<u2", "<f4")';

function parseDtype(descr: PyValue): NpyDtype {
  if (Array.isArray(descr)) {
    throw new DepthDecodeError(`NPY: structured arrays (records with named fields) are not depth maps; ${SUPPORTED}.`);
  }
  if (typeof descr !== 'string') throw new DepthDecodeError("NPY: the header's 'descr' is not a dtype string.");
  // The size is optional so that e.g. '|O' (no size) reaches its own message below.
  const m = /^([<>|=])([a-zA-Z])(\d*)$/.exec(descr);
  const shown = quoteText(descr, 20);
  if (m === null) throw new DepthDecodeError(`NPY: dtype ${shown} is not supported; ${SUPPORTED}.`);
  const [, order, kind, sizeText] = m;
  const size = Number(sizeText);
  switch (kind) {
    case 'O':
      throw new DepthDecodeError('NPY: arrays of Python objects (dtype "|O") cannot be read (they need pickle); save a numeric array.');
    case 'b':
      throw new DepthDecodeError(`NPY: boolean arrays are masks, not depth maps; ${SUPPORTED}.`);
    case 'S':
    case 'U':
    case 'a':
      throw new DepthDecodeError(`NPY: arrays of text are not depth maps; ${SUPPORTED}.`);
    case 'c':
      throw new DepthDecodeError(`NPY: complex-valued arrays are not depth maps; ${SUPPORTED}.`);
    case 'M':
    case 'm':
      throw new DepthDecodeError(`NPY: date/time arrays are not depth maps; ${SUPPORTED}.`);
    case 'V':
      throw new DepthDecodeError(`NPY: raw "void" records are not depth maps; ${SUPPORTED}.`);
  }
  const ok =
    (kind === 'u' || kind === 'i') && (size === 1 || size === 2 || size === 4 || size === 8)
      ? true
      : kind === 'f' && (size === 2 || size === 4 || size === 8);
  if (!ok) throw new DepthDecodeError(`NPY: dtype ${shown} is not supported; ${SUPPORTED}.`);
  if (order === '|' && size !== 1) throw new DepthDecodeError(`NPY: dtype ${shown} has no byte order; the header is damaged.`);
  // '=' is "native" of the machine that wrote it; NumPy always writes '<' or '>' itself.
  return { kind: kind as NpyKind, size: size as NpyDtype['size'], littleEndian: order !== '>', text: descr };
}

/** A shape as Python writes it, cut in the middle when long: messages stay readable. */
function shapeText(shape: readonly number[]): string {
  if (shape.length > 8) {
    return `(${shape.slice(0, 4).join(', ')}, … ${shape.length - 6} more axes …, ${shape.slice(-2).join(', ')})`;
  }
  return `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
}

export function decodeNpy(bytes: Uint8Array): RawDepthImage {
  return guardDecoder('NPY', () => decodeNpyChecked(bytes));
}

function decodeNpyChecked(bytes: Uint8Array): RawDepthImage {
  const header = readNpyHeader(bytes);
  const dtype = parseDtype(header.descr);
  const shape = header.shape;
  const notes: string[] = [];

  // A 2-D (H, W) array, optionally wrapped in axes of length 1: leading ones (a batch,
  // (1, H, W)) and one trailing one (a channel, (H, W, 1)). Dropping them changes
  // nothing in the stored order, C or Fortran. uint8 (H, W, 3|4) is a colour image.
  // Leading ones go first, so (1, H, 1) is a column H high, as (H, 1) is.
  let dims: number[];
  let channels: 1 | 3 | 4 = 1;
  if (shape.length === 3 && dtype.kind === 'u' && dtype.size === 1 && (shape[2] === 3 || shape[2] === 4)) {
    dims = shape.slice(0, 2);
    channels = shape[2] as 3 | 4;
  } else {
    let first = 0;
    while (shape.length - first > 2 && shape[first] === 1) first++;
    dims = shape.slice(first);
    if (dims.length > 2 && dims[dims.length - 1] === 1) dims.pop();
  }
  if (dims.length !== 2) {
    throw new DepthDecodeError(
      shape.length < 2
        ? `NPY: the array has shape ${shapeText(shape)}, ${shape.length === 0 ? 'a single number' : 'one dimension'}; a depth map is 2-D (height, width).`
        : `NPY: the array has shape ${shapeText(shape)}; a depth map is 2-D (height, width), optionally as (1, H, W) or (H, W, 1); (H, W, 3) only as uint8 colour.`,
    );
  }
  if (shape.length !== 2 && channels === 1) notes.push(`NPY shape ${shapeText(shape)} read as ${dims[0]} x ${dims[1]} (height x width).`);
  const [height, width] = dims;
  checkDimensions(width, height, 'NPY');
  const count = width * height * channels;
  const needed = count * dtype.size;
  const available = bytes.length - header.dataOffset;
  if (available < needed) {
    throw new DepthDecodeError(
      `NPY: the file is truncated: shape ${shapeText(shape)} of ${dtype.text} needs ${needed} bytes of data, found ${available}.`,
    );
  }

  let buffer = hostOrderCopy(bytes, header.dataOffset, count, dtype.size, dtype.littleEndian);
  if (header.fortranOrder) {
    // Column-major: the first axis varies fastest. For colour (H, W, C) the element
    // (y, x, c) is at y + H*x + H*W*c; treat it as an (H*W) x C column-major matrix
    // first, then each of the C planes as an H x W column-major matrix.
    if (channels === 1) buffer = columnMajorToRowMajor(buffer, height, width, dtype.size);
    else buffer = fortranColourToRows(new Uint8Array(buffer), height, width, channels);
    notes.push('Fortran-ordered (column-major) array reordered to rows.');
  }
  if (channels !== 1) {
    return rgbaToRelativeDepth(new Uint8Array(buffer), width, height, channels, 'npy', { notes });
  }
  const data = toSamples(buffer, dtype, count, notes);
  return makeDepthImage({ width, height, data, format: 'npy', notes });
}

function fortranColourToRows(src: Uint8Array, height: number, width: number, channels: number): ArrayBuffer {
  const out = new Uint8Array(height * width * channels);
  const plane = height * width;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) out[(y * width + x) * channels + c] = src[y + height * x + plane * c];
    }
  }
  return out.buffer;
}

function toSamples(buffer: ArrayBuffer, dtype: NpyDtype, count: number, notes: string[]): RawSamples {
  const { kind, size } = dtype;
  if (kind === 'u' && size === 1) return new Uint8Array(buffer);
  if (kind === 'u' && size === 2) return new Uint16Array(buffer);
  if (kind === 'u' && size === 4) return new Uint32Array(buffer);
  if (kind === 'f' && size === 4) return new Float32Array(buffer);
  if (kind === 'f' && size === 8) return new Float64Array(buffer);
  if (kind === 'f' && size === 2) {
    notes.push('float16 samples widened to float32 (exact).');
    return halfWordsToFloat32(new Uint16Array(buffer));
  }
  if (kind === 'i' && size === 1) {
    notes.push('Signed 8-bit integers read as float32 (exact; negative values kept).');
    return Float32Array.from(new Int8Array(buffer));
  }
  if (kind === 'i' && size === 2) {
    notes.push('Signed 16-bit integers read as float32 (exact; negative values kept).');
    return Float32Array.from(new Int16Array(buffer));
  }
  if (kind === 'i' && size === 4) {
    notes.push('Signed 32-bit integers read as float64 (exact; negative values kept).');
    return Float64Array.from(new Int32Array(buffer));
  }
  // 64-bit integers: exact as float64 only within +-2^53.
  const words = new Uint32Array(buffer);
  const out = new Float64Array(count);
  const lo = HOST_LO;
  for (let i = 0; i < count; i++) {
    const low = words[2 * i + lo];
    const high = words[2 * i + 1 - lo];
    const signedHigh = kind === 'i' ? high | 0 : high;
    if (signedHigh > 0x1fffff || signedHigh < -0x200000) {
      throw new DepthDecodeError(
        `NPY: ${kind === 'i' ? 'int64' : 'uint64'} value at index ${i} is beyond +-2^53 and cannot be represented exactly; store depth as uint16, uint32 or float.`,
      );
    }
    out[i] = signedHigh * 4294967296 + low;
  }
  notes.push(`${kind === 'i' ? 'int64' : 'uint64'} samples read as float64 (exact; all values are within +-2^53).`);
  return out;
}

/** Index of the low 32-bit word inside a host-order 64-bit item. */
const HOST_LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
