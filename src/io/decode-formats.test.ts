/**
 * Format details that the round trips and fixtures do not reach: magic-byte
 * sniffing, NPY dtypes / shapes / orders / versions (expected values checked once
 * against NumPy 2.4 reading the same arrays), text PGM, PGM comments and byte order,
 * colour PFM, and how options apply.
 */
import { describe, expect, it } from 'vitest';
import { DepthDecodeError } from '../core/depth-image';
import { decodeDepth, NeedsBrowserImageDecode } from './decode-depth';
import { asciiBytes, concatBytes } from './encode-checks';
import { encodePng16 } from './encode-png16';
import { encodeTiff } from './encode-tiff';
import { sniffFormat } from './sniff-format';

const ascii = asciiBytes;

/** An .npy file as numpy.save writes it (header padded to 64 bytes, '\n' last). */
function npy(descr: string, shape: number[], payload: Uint8Array, opts: { fortran?: boolean; version?: 1 | 2 | 3 } = {}): Uint8Array {
  const version = opts.version ?? 1;
  const dict = `{'descr': '${descr}', 'fortran_order': ${opts.fortran ? 'True' : 'False'}, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const pre = version === 1 ? 10 : 12;
  const total = Math.ceil((pre + dict.length + 1) / 64) * 64;
  const header = dict.padEnd(total - pre - 1, ' ') + '\n';
  const len = header.length;
  const lenBytes = version === 1 ? [len & 0xff, len >> 8] : [len & 0xff, (len >> 8) & 0xff, 0, 0];
  return concatBytes([new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0, ...lenBytes]), ascii(header), payload]);
}

function le(Arr: { new (a: number[]): { buffer: ArrayBufferLike } }, values: number[]): Uint8Array {
  return new Uint8Array(new Arr(values).buffer);
}

function be(size: number, bytesLE: Uint8Array): Uint8Array {
  const out = bytesLE.slice();
  for (let i = 0; i < out.length; i += size) out.subarray(i, i + size).reverse();
  return out;
}

function refusal(bytes: Uint8Array): string {
  try {
    decodeDepth(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(DepthDecodeError);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('sniffFormat: magic bytes only', () => {
  const cases: Array<[string, number[], ReturnType<typeof sniffFormat>]> = [
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'png'],
    ['TIFF II', [0x49, 0x49, 0x2a, 0x00], 'tiff'],
    ['TIFF MM', [0x4d, 0x4d, 0x00, 0x2a], 'tiff'],
    ['BigTIFF', [0x49, 0x49, 0x2b, 0x00], 'tiff'],
    ['PGM P5', [...ascii('P5\n')], 'pgm'],
    ['PGM P2 + comment', [...ascii('P2#c\n')], 'pgm'],
    ['PPM P6', [...ascii('P6 ')], 'pgm'],
    ['PFM gray', [...ascii('Pf\n')], 'pfm'],
    ['PFM colour', [...ascii('PF\n')], 'pfm'],
    ['NPY', [0x93, ...ascii('NUMPY')], 'npy'],
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0], 'jpeg'],
    ['WebP', [...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBP')], 'webp'],
    ['GIF', [...ascii('GIF89a')], 'gif'],
    ['BMP', [...ascii('BM'), ...new Array<number>(12).fill(0), 40, 0, 0, 0], 'bmp'],
    ['"BM" text', [...ascii('BM is not a bitmap header')], 'unknown'],
    ['"P5" without separator', [...ascii('P5x')], 'unknown'],
    ['RIFF WAVE', [...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WAVE')], 'unknown'],
    ['empty', [], 'unknown'],
  ];
  for (const [name, bytes, format] of cases) {
    it(`${name} -> ${format}`, () => expect(sniffFormat(Uint8Array.from(bytes))).toBe(format));
  }
  it('the photo formats ask for the browser decoder, naming the format', () => {
    for (const [bytes, format] of [
      [[0xff, 0xd8, 0xff, 0xe0, 0, 0], 'jpeg'],
      [[...ascii('GIF87a'), 0, 0], 'gif'],
    ] as const) {
      let error: unknown;
      try {
        decodeDepth(Uint8Array.from(bytes));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(NeedsBrowserImageDecode);
      expect(error).toBeInstanceOf(DepthDecodeError);
      expect((error as NeedsBrowserImageDecode).format).toBe(format);
    }
  });
  it('ZIP (.npz) gets a hint', () => expect(refusal(Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0]))).toMatch(/npz/));
});

describe('NPY', () => {
  const a = [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000, 11000]; // 3 x 4, row-major

  it('fortran_order True is reordered to rows', () => {
    const colMajor = [0, 4000, 8000, 1000, 5000, 9000, 2000, 6000, 10000, 3000, 7000, 11000];
    const img = decodeDepth(npy('<u2', [3, 4], le(Uint16Array, colMajor), { fortran: true }));
    expect([img.width, img.height, img.sampleType]).toEqual([4, 3, 'uint16']);
    expect(Array.from(img.data)).toEqual(a);
    expect(img.notes.join(' ')).toMatch(/Fortran/);
  });

  it('versions 2.0 and 3.0, big-endian float64', () => {
    const v = a.map((x) => x / 7);
    const img2 = decodeDepth(npy('>f8', [3, 4], be(8, le(Float64Array, v)), { version: 2 }));
    expect(img2.sampleType).toBe('float64');
    expect(Array.from(img2.data)).toEqual(v);
    const img3 = decodeDepth(npy('<f4', [3, 4], le(Float32Array, a), { version: 3 }));
    expect(Array.from(img3.data)).toEqual(a);
  });

  it('leading axes of length 1 and one trailing one are dropped: (1, 3, 4, 1), (3, 1, 1), (1, 1, 4)', () => {
    const img = decodeDepth(npy('<f4', [1, 3, 4, 1], le(Float32Array, a)));
    expect([img.width, img.height]).toEqual([4, 3]);
    expect(Array.from(img.data)).toEqual(a);
    expect(img.notes.join(' ')).toMatch(/\(1, 3, 4, 1\) read as 3 x 4/);
    const column = decodeDepth(npy('<u2', [3, 1, 1], le(Uint16Array, [1, 2, 3])));
    expect([column.width, column.height, ...column.data]).toEqual([1, 3, 1, 2, 3]);
    const row = decodeDepth(npy('<u2', [1, 1, 4], le(Uint16Array, [1, 2, 3, 4]), { fortran: true }));
    expect([row.width, row.height, ...row.data]).toEqual([4, 1, 1, 2, 3, 4]);
    expect(refusal(npy('<u2', [2, 1, 2], new Uint8Array(8)))).toMatch(/shape \(2, 1, 2\)/);
  });

  it('signed integers become exact floats, negative values kept', () => {
    const v = a.map((x) => x - 5000);
    const i2 = decodeDepth(npy('<i2', [3, 4], le(Int16Array, v)));
    expect(i2.sampleType).toBe('float32');
    expect(Array.from(i2.data)).toEqual(v);
    const i4 = decodeDepth(npy('>i4', [3, 4], be(4, le(Int32Array, v.map((x) => x * 100000)))));
    expect(i4.sampleType).toBe('float64');
    expect(Array.from(i4.data)).toEqual(v.map((x) => x * 100000));
    const i1 = decodeDepth(npy('|i1', [1, 3], Uint8Array.from([0x80, 0xff, 0x7f])));
    expect(Array.from(i1.data)).toEqual([-128, -1, 127]);
  });

  it('64-bit integers: exact within 2^53, refused beyond', () => {
    const v = [-5e15, 0, 2 ** 53 - 1, -(2 ** 53)];
    const img = decodeDepth(npy('<i8', [2, 2], new Uint8Array(BigInt64Array.from(v.map(BigInt)).buffer)));
    expect(img.sampleType).toBe('float64');
    expect(Array.from(img.data)).toEqual(v);
    const u8 = decodeDepth(npy('>u8', [1, 2], be(8, new Uint8Array(BigUint64Array.from([7n, 2n ** 52n]).buffer))));
    expect(Array.from(u8.data)).toEqual([7, 2 ** 52]);
    expect(refusal(npy('<i8', [1, 2], new Uint8Array(BigInt64Array.from([2n ** 60n, 1n]).buffer)))).toMatch(/2\^53/);
  });

  it('float16 is widened bit-exactly (subnormal, max, Inf, NaN, -0)', () => {
    const half = [0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00, 0x7e00, 0x8000, 0x03ff];
    const img = decodeDepth(npy('<f2', [2, 4], le(Uint16Array, half)));
    expect(img.sampleType).toBe('float32');
    const got = Array.from(img.data);
    expect(got.slice(0, 5)).toEqual([1, -2, 65504, 2 ** -24, Infinity]);
    expect(got[5]).toBeNaN();
    expect(Object.is(got[6], -0)).toBe(true);
    expect(got[7]).toBe(1023 * 2 ** -24);
  });

  it('uint8 (H, W, 3) is a colour image -> relative depth; other 3-D shapes are refused', () => {
    const rgb = Uint8Array.from([10, 10, 10, 200, 100, 0]);
    const img = decodeDepth(npy('|u1', [1, 2, 3], rgb));
    expect(Array.from(img.data)).toEqual([10, Math.floor((299 * 200 + 587 * 100 + 500) / 1000)]);
    expect(refusal(npy('<u2', [2, 2, 3], new Uint8Array(24)))).toMatch(/shape \(2, 2, 3\).*2-D/);
    expect(refusal(npy('<u2', [6], new Uint8Array(12)))).toMatch(/one dimension/);
  });

  it('bool, complex and truncated data are refused with the reason', () => {
    expect(refusal(npy('|b1', [2, 2], new Uint8Array(4)))).toMatch(/boolean/);
    expect(refusal(npy('<c8', [2, 2], new Uint8Array(32)))).toMatch(/complex/);
    expect(refusal(npy('<u2', [3, 4], new Uint8Array(10)))).toMatch(/truncated.*24 bytes/);
  });
});

describe('PGM and PFM details', () => {
  it('P5 with comments anywhere in the header; maxval other than 255/65535 is noted, not applied', () => {
    const img = decodeDepth(concatBytes([ascii('P5 # made by hand\n3 # width\n2\n# maxval next\n4095\n'), be(2, le(Uint16Array, [0, 1, 4095, 300, 2, 3]))]));
    expect(Array.from(img.data)).toEqual([0, 1, 4095, 300, 2, 3]);
    expect(img.notes.join(' ')).toMatch(/maxval is 4095/);
  });

  it('P2 (text): 8- and 16-bit', () => {
    const img = decodeDepth(ascii('P2\n3 2\n65535\n0 65535 7\n# row 2\n1 2 3\n'));
    expect([img.sampleType, ...img.data]).toEqual(['uint16', 0, 65535, 7, 1, 2, 3]);
    expect(decodeDepth(ascii('P2 2 1 255 9 255')).sampleType).toBe('uint8');
    expect(refusal(ascii('P2\n2 1\n255\n9 256\n'))).toMatch(/larger than 255/);
    expect(refusal(ascii('P2\n2 1\n255\n9\n'))).toMatch(/truncated/);
  });

  it('the byte-order option only affects 16-bit binary PGM', () => {
    const file = concatBytes([ascii('P5\n2 1\n65535\n'), Uint8Array.from([0x12, 0x34, 0xff, 0x00])]);
    expect(Array.from(decodeDepth(file).data)).toEqual([0x1234, 0xff00]);
    expect(Array.from(decodeDepth(file, { pgmByteOrder: 'little' }).data)).toEqual([0x3412, 0x00ff]);
    const eight = concatBytes([ascii('P5\n2 1\n255\n'), Uint8Array.from([0x12, 0x34])]);
    expect(Array.from(decodeDepth(eight, { pgmByteOrder: 'little' }).data)).toEqual([0x12, 0x34]);
  });

  it('colour PFM: identical channels read as one, different channels refused', () => {
    const same = le(Float32Array, [1, 1, 1, NaN, NaN, NaN]);
    const img = decodeDepth(concatBytes([ascii('PF\n2 1\n-1\n'), same]));
    expect(img.sampleType).toBe('float32');
    expect(img.data[0]).toBe(1);
    expect(img.data[1]).toBeNaN();
    expect(refusal(concatBytes([ascii('PF\n2 1\n-1\n'), le(Float32Array, [1, 2, 3, 4, 5, 6])]))).toMatch(/colour PFM/);
  });

  it('PFM: scale magnitude is noted, not applied; rows flipped to top-down', () => {
    const img = decodeDepth(concatBytes([ascii('Pf\n1 2\n-0.5\n'), le(Float32Array, [10, 20])]));
    expect(Array.from(img.data)).toEqual([20, 10]);
    expect(img.notes.join(' ')).toMatch(/scale 0.5 is not applied/);
    expect(refusal(concatBytes([ascii('Pf\n1 1\n0\n'), new Uint8Array(4)]))).toMatch(/nonzero/);
  });
});

describe('options', () => {
  it('page applies to TIFF only; a single-image format ignores it', () => {
    const png = encodePng16({ width: 2, height: 1, data: Uint16Array.from([1, 2]) });
    const img = decodeDepth(png, { page: 3 });
    expect([img.page, img.pageCount]).toEqual([0, 1]);
    const tiff = encodeTiff({ width: 2, height: 1, data: Uint32Array.from([4e9, 7]) });
    const u32 = decodeDepth(tiff);
    expect([u32.sampleType, ...u32.data]).toEqual(["uint32", 4e9, 7]);
    expect(() => decodeDepth(tiff, { page: 1 })).toThrow(/page 1 does not exist; the file has 1 page/);
  });
});
