/**
 * Fuzzing every decoder with mutated files (byte flips, truncations, insertions,
 * overwrites of header bytes with extreme values): the only acceptable outcomes
 * are a RawDepthImage that keeps its invariants, or a DepthDecodeError. Any other
 * exception (a TypeError, a RangeError from an allocation) is a bug.
 * FUZZ_SEED=<n> replays a run; the seed of each run is printed.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeDepth } from './decode-depth';
import { assertDepthImage } from './depth-result';
import { UnexpectedDecodeError } from './decode-errors';
import { DepthDecodeError } from '../core/depth-image';
import { encodeNpy } from './encode-npy';
import { encodePfm } from './encode-pfm';
import { encodePgm } from './encode-pgm';
import { encodePng16 } from './encode-png16';
import { encodeTiff } from './encode-tiff';
import { readFixture, readShared } from './test-fixtures';

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; count: number };

/** Positions: half in the first 64 bytes (headers), half anywhere. */
const position = fc.oneof(fc.integer({ min: 0, max: 63 }), fc.double({ min: 0, max: 1, noNaN: true }).map((f) => -f));
const extreme = fc.constantFrom(0x00, 0xff, 0x7f, 0x80, 0x01, 0x30, 0x39, 0x2d, 0x20, 0x0a);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: position, value: fc.oneof(extreme, fc.integer({ min: 0, max: 255 })) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('insert' as const), at: position, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: position, count: fc.integer({ min: 1, max: 16 }) }),
);

function place(at: number, length: number): number {
  return at >= 0 ? Math.min(at, Math.max(0, length - 1)) : Math.floor(-at * length);
}

function mutate(file: Uint8Array, mutations: Mutation[]): Uint8Array {
  let b = Array.from(file);
  for (const m of mutations) {
    const i = place(m.at, b.length);
    if (m.kind === 'flip' && i < b.length) b[i] ^= 1 << m.bit;
    else if (m.kind === 'set' && i < b.length) b[i] = m.value;
    else if (m.kind === 'truncate') b = b.slice(0, i);
    else if (m.kind === 'insert') b.splice(i, 0, ...m.bytes);
    else if (m.kind === 'delete') b.splice(i, m.count);
  }
  return Uint8Array.from(b);
}

/**
 * Passes when the bytes decode to a valid image or are refused as bad input.
 * Throws for anything else, including UnexpectedDecodeError: the decoders turn
 * their own crashes into that (so the user still gets a message), and here it
 * must count as the bug it is.
 */
function decodesOrRefuses(bytes: Uint8Array, decode = decodeDepth): void {
  try {
    const img = decode(bytes, { page: 0 });
    assertDepthImage(img);
  } catch (e) {
    if (!(e instanceof DepthDecodeError) || e instanceof UnexpectedDecodeError) throw e;
  }
}

function fuzz(name: string, file: Uint8Array, numRuns: number) {
  it(`${name}: ${numRuns} mutated copies (seed ${seed})`, () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => decodesOrRefuses(mutate(file, ms))),
      { seed, numRuns },
    );
  });
}

const W = 13;
const H = 9;
const u16 = { width: W, height: H, data: Uint16Array.from({ length: W * H }, (_, i) => (i * 2654435761) >>> 16) };
const f32 = { width: W, height: H, data: Float32Array.from({ length: W * H }, (_, i) => (i % 7 === 0 ? NaN : i / 3)) };

describe('fuzzing the decoders', () => {
  fuzz('PNG 16-bit (generated)', encodePng16(u16), 1500);
  fuzz('PGM (generated)', encodePgm(u16), 1500);
  fuzz('PFM (generated)', encodePfm(f32), 1500);
  fuzz('NPY (generated)', encodeNpy(f32), 1500);
  fuzz('TIFF 2 pages (generated)', encodeTiff([u16, f32]), 1500);
  fuzz('TIFF LZW tiles with predictor (libtiff)', readFixture('tiff-u16-lzw-pred2-tiles.tif'), 1000);
  fuzz('TIFF deflate float predictor (libtiff)', readFixture('tiff-f32-deflate-pred3.tif'), 1000);
  fuzz('TIFF PackBits (libtiff)', readFixture('tiff-u8-packbits.tif'), 600);
  fuzz('PNG Adam7 (ImageMagick)', readFixture('png-u16-adam7.png'), 600);
  fuzz('TUM depth PNG (real, 640x480)', readShared('tum/depth.png'), 120);
  fuzz('NYU depth PGM (real, 640x480)', readShared('nyu/depth.pgm'), 40);

  it('random bytes after each format magic', () => {
    const magics = [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0x49, 0x49, 42, 0], [0x4d, 0x4d, 0, 42], [0x50, 0x35, 0x0a], [0x50, 0x66, 0x0a], [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]];
    fc.assert(
      fc.property(fc.constantFrom(...magics), fc.uint8Array({ maxLength: 300 }), (magic, rest) => decodesOrRefuses(Uint8Array.from([...magic, ...rest]))),
      { seed, numRuns: 3000 },
    );
  });
});

describe('the fuzzer itself', () => {
  it('fails on crashes, on crashes the decoder caught, and on broken images', () => {
    const crash = () => {
      throw new TypeError('x is undefined');
    };
    const caught = () => {
      throw new UnexpectedDecodeError('PNG: unexpected');
    };
    const broken = () => ({ ...decodeDepth(encodePgm(u16)), width: W + 1 });
    expect(() => decodesOrRefuses(new Uint8Array(1), crash)).toThrow(TypeError);
    expect(() => decodesOrRefuses(new Uint8Array(1), caught)).toThrow(UnexpectedDecodeError);
    expect(() => decodesOrRefuses(new Uint8Array(1), broken)).toThrow(/internal/);
    expect(() => decodesOrRefuses(new Uint8Array(1), () => decodeDepth(new Uint8Array(0)))).not.toThrow();
  });
});
