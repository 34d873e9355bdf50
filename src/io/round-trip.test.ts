/**
 * Every encoder's output decodes to the same samples, bit for bit, including
 * the float values a depth map may hold: NaN, ±Inf, -0, subnormals.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeDepth } from './decode-depth';
import { encodePng16 } from './encode-png16';
import { encodePgm } from './encode-pgm';
import { encodePfm } from './encode-pfm';
import { encodeNpy } from './encode-npy';
import { encodeTiff } from './encode-tiff';

const dims = fc.record({ width: fc.integer({ min: 1, max: 40 }), height: fc.integer({ min: 1, max: 30 }) });
const SPECIAL_FLOATS = [NaN, Infinity, -Infinity, -0, 0, 1e-45, -1e-45, 1.17e-38, 3.4e38, 0.001, 1.5];

function bits(a: ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number; byteLength: number }): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

const u16 = dims.chain(({ width, height }) =>
  fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: width * height, maxLength: width * height }).map((v) => ({ width, height, data: Uint16Array.from(v) })),
);
const f32 = dims.chain(({ width, height }) =>
  fc
    .array(fc.oneof(fc.constantFrom(...SPECIAL_FLOATS), fc.float({ noNaN: false })), { minLength: width * height, maxLength: width * height })
    .map((v) => ({ width, height, data: Float32Array.from(v) })),
);
const f64 = dims.chain(({ width, height }) =>
  fc.array(fc.oneof(fc.constantFrom(...SPECIAL_FLOATS, 5e-324), fc.double()), { minLength: width * height, maxLength: width * height }).map((v) => ({ width, height, data: Float64Array.from(v) })),
);
const u8 = dims.chain(({ width, height }) => fc.uint8Array({ minLength: width * height, maxLength: width * height }).map((data) => ({ width, height, data })));

function roundTrips<T extends { width: number; height: number; data: Uint8Array | Uint16Array | Float32Array | Float64Array }>(
  arb: fc.Arbitrary<T>,
  encode: (g: T) => Uint8Array,
  sampleType: string,
) {
  fc.assert(
    fc.property(arb, (g) => {
      const img = decodeDepth(encode(g));
      expect([img.width, img.height, img.sampleType]).toEqual([g.width, g.height, sampleType]);
      expect(bits(img.data)).toEqual(bits(g.data));
    }),
    { numRuns: 150 },
  );
}

describe('encode -> decode is exact', () => {
  it('PNG 16-bit', () => roundTrips(u16, encodePng16, 'uint16'));
  it('PGM 16-bit big-endian', () => roundTrips(u16, (g) => encodePgm(g), 'uint16'));
  it('PGM 8-bit', () => roundTrips(u8, (g) => encodePgm(g), 'uint8'));
  it('PGM 16-bit little-endian, read with the byte-order switch', () =>
    fc.assert(
      fc.property(u16, (g) => {
        const img = decodeDepth(encodePgm(g, { byteOrder: 'little' }), { pgmByteOrder: 'little' });
        expect(bits(img.data)).toEqual(bits(g.data));
      }),
      { numRuns: 50 },
    ));
  it('PFM, both byte orders', () => {
    roundTrips(f32, (g) => encodePfm(g, { byteOrder: 'little' }), 'float32');
    roundTrips(f32, (g) => encodePfm(g, { byteOrder: 'big' }), 'float32');
  });
  it('NPY <u2, >u2, <f4, <f8, |u1', () => {
    roundTrips(u16, (g) => encodeNpy(g), 'uint16');
    roundTrips(u16, (g) => encodeNpy(g, { byteOrder: 'big' }), 'uint16');
    roundTrips(f32, (g) => encodeNpy(g), 'float32');
    roundTrips(f64, (g) => encodeNpy(g), 'float64');
    roundTrips(u8, (g) => encodeNpy(g), 'uint8');
  });
  it('TIFF uint16, float32, float64, both byte orders, several pages', () => {
    roundTrips(u16, (g) => encodeTiff(g), 'uint16');
    roundTrips(f32, (g) => encodeTiff(g, { byteOrder: 'big' }), 'float32');
    roundTrips(f64, (g) => encodeTiff(g), 'float64');
    fc.assert(
      fc.property(u16, f32, (a, b) => {
        const bytes = encodeTiff([a, b]);
        expect(bits(decodeDepth(bytes, { page: 0 }).data)).toEqual(bits(a.data));
        expect(bits(decodeDepth(bytes, { page: 1 }).data)).toEqual(bits(b.data));
        expect(decodeDepth(bytes).pageCount).toBe(2);
      }),
      { numRuns: 40 },
    );
  });
  it('keeps the extreme sizes of one row and one column', () => {
    for (const [width, height] of [[1, 1], [1, 300], [300, 1]]) {
      const data = Uint16Array.from({ length: width * height }, (_, i) => i * 7);
      expect(bits(decodeDepth(encodePng16({ width, height, data })).data)).toEqual(bits(data));
    }
  });
});
