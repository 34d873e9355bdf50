/**
 * The depth decoders (through decodeDepth, as the load worker calls them) and
 * the PLY reader. Seeds: the real samples, the libtiff/ImageMagick fixtures,
 * the encoders' own output and small versions of the hostile files of issue 13
 * (the full-size ones are in src/io/hostile-input.test.ts): the mutations then
 * explore around structures that once hung or killed the tab.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DepthDecodeError } from '../../src/core/depth-image';
import { decodeDepth } from '../../src/io/decode-depth';
import { UnexpectedDecodeError } from '../../src/io/decode-errors';
import { assertDepthImage } from '../../src/io/depth-result';
import { encodeNpy } from '../../src/io/encode-npy';
import { encodePfm } from '../../src/io/encode-pfm';
import { encodePgm } from '../../src/io/encode-pgm';
import { encodePly } from '../../src/io/encode-ply';
import { encodePng16 } from '../../src/io/encode-png16';
import { encodeTiff } from '../../src/io/encode-tiff';
import * as hostile from '../../src/io/hostile-files';
import { PlyReadError, readPly } from '../../src/io/read-ply';
import { writeExr } from '../exr-writer';
import { mutateBytes } from './mutate';
import { mutatePngImageData, resealCrcs } from './png-aware';
import type { Rng } from './rng';
import { accepted, invariant, once, refusal, type FuzzInput, type FuzzTarget, type Verdict } from './target';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED = path.resolve(root, '../shared/samples');

function files(dir: string, pattern: RegExp): Uint8Array[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // a checkout without /work/shared still fuzzes the fixtures and generated files
  }
  return names.filter((n) => pattern.test(n)).sort().map((n) => new Uint8Array(readFileSync(path.join(dir, n))));
}

const fixtures = (pattern: RegExp) => files(path.join(root, 'src/io/__fixtures__'), pattern);
const publicSamples = (pattern: RegExp) => files(path.join(root, 'public/samples'), pattern);
const shared = (pattern: RegExp) => ['tum', 'nyu', 'redwood', 'sun'].flatMap((d) => files(path.join(SHARED, d), pattern));

const W = 13;
const H = 9;
const u16 = { width: W, height: H, data: Uint16Array.from({ length: W * H }, (_, i) => (i * 2654435761) >>> 16) };
const u8 = { width: W, height: H, data: Uint8Array.from({ length: W * H }, (_, i) => i % 256) };
const f32 = { width: W, height: H, data: Float32Array.from({ length: W * H }, (_, i) => (i % 7 === 0 ? NaN : i / 3)) };
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

const MAGICS: Record<string, number[]> = {
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  tiff: [0x49, 0x49, 42, 0],
  pgm: [0x50, 0x35, 0x0a],
  pfm: [0x50, 0x66, 0x0a],
  npy: [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59],
  exr: [0x76, 0x2f, 0x31, 0x01, 0x02, 0, 0, 0],
};

/** Decoding as the app does: a valid image (invariants and readable notes) or a DepthDecodeError that is not a caught crash. */
function decode(input: FuzzInput): Verdict {
  const bytes = input as Uint8Array;
  try {
    const image = decodeDepth(bytes, { page: 0 });
    assertDepthImage(image);
    return accepted([...image.notes], image);
  } catch (e) {
    // UnexpectedDecodeError is the decoders' own crash in a DepthDecodeError's clothes: an escape.
    if (e instanceof DepthDecodeError && !(e instanceof UnexpectedDecodeError)) return refusal(e.message);
    throw e;
  }
}

function decoderTarget(format: keyof typeof MAGICS, head: number, build: () => Uint8Array[]): FuzzTarget {
  return {
    name: `decode-${format}`,
    corpus: once(build),
    generate(rng, corpus) {
      const seeds = corpus as Uint8Array[];
      if (rng.chance(0.05)) return Uint8Array.from([...MAGICS[format], ...Array.from({ length: rng.below(300) }, () => rng.below(256))]);
      const seed = rng.pick(seeds);
      if (rng.chance(0.03)) return seed.slice();
      if (format === 'png') return pngInput(rng, seed, seeds);
      return mutateBytes(rng, seed, seeds, head);
    },
    run: decode,
  };
}

/** PNG: a third blind edits as they are, a third re-sealed, a third edits of the inflated image data (see png-aware.ts). */
function pngInput(rng: Rng, seed: Uint8Array, seeds: Uint8Array[]): Uint8Array {
  const roll = rng.next();
  if (roll < 0.33) return mutateBytes(rng, seed, seeds, 64);
  if (roll < 0.66) return resealCrcs(mutateBytes(rng, seed, seeds, 64));
  return mutatePngImageData(rng, seed) ?? resealCrcs(mutateBytes(rng, seed, seeds, 64));
}

export const DEPTH_TARGETS: FuzzTarget[] = [
  decoderTarget('png', 64, () => [
    encodePng16(u16),
    ...fixtures(/\.png$/),
    ...publicSamples(/\.png$/),
    ...shared(/^depth\.png$/),
    hostile.pngManyIdats(24, 16, 1),
    hostile.pngManyIdats(64, 48, 7),
  ]),
  decoderTarget('tiff', 64, () => [
    encodeTiff([u16, f32]),
    encodeTiff([u8]),
    ...fixtures(/\.tif$/),
    hostile.tiffTagFlood(300, 256),
    hostile.tiffSharedDeflateBomb(64, 64 * 1024),
  ]),
  decoderTarget('pgm', 128, () => [
    encodePgm(u16),
    encodePgm(u8),
    encodePgm(u16, { byteOrder: 'little', maxval: 4095 }),
    ascii('P2\n# ascii\n4 3\n255\n1 2 3 4\n5 6 7 8\n9 10 11 12\n'),
    ...shared(/\.p[gp]m$/),
    hostile.pgmWithLineEnding('\r\n'),
    hostile.pgmWithLineEnding('\n\n'),
  ]),
  decoderTarget('pfm', 128, () => [encodePfm(f32), hostile.pfmWithExtraNewline()]),
  decoderTarget('npy', 160, () => [
    encodeNpy(f32),
    encodeNpy(u16, { byteOrder: 'big' }),
    encodeNpy(u8),
    ...publicSamples(/\.npy$/),
    hostile.npyManyUnitAxes(2000),
    hostile.npyColumn(),
  ]),
  // The header (attributes, channel list) is where the EXR reader's own code works; 400 bytes covers it.
  decoderTarget('exr', 400, () => [
    ...files(path.join(root, 'src/io/__fixtures__/datasets/exr'), /\.exr$/),
    writeExr(W, H, [{ name: 'Z', type: 'float', values: f32.data }], 'zip'),
    writeExr(W, H, [{ name: 'B', type: 'half', values: u8.data }, { name: 'depth.Z', type: 'float', values: f32.data }], 'zips'),
  ]),
];

/** The PLY reader on the writer's own files: a consistent parse or a PlyReadError. */
export const PLY_TARGET: FuzzTarget = {
  name: 'read-ply',
  corpus: once(() => {
    const positions = Float32Array.from({ length: 30 }, (_, i) => (i % 11 === 0 ? NaN : i / 7));
    const normals = Float32Array.from({ length: 30 }, (_, i) => Math.sin(i));
    const colors = Uint8Array.from({ length: 40 }, (_, i) => i * 6);
    return [
      encodePly({ positions }).bytes,
      encodePly({ positions, normals, colors }, { sourceName: 'depth.png', intrinsics: { fx: 525, fy: 525, cx: 319.5, cy: 239.5 } }).bytes,
      encodePly({ positions, colors: colors.subarray(0, 30) }, { comments: ['filters: median:5', 'end_header\nelement vertex 9'] }).bytes,
      encodePly({ positions: new Float32Array(0) }).bytes,
    ];
  }),
  generate(rng, corpus) {
    const seeds = corpus as Uint8Array[];
    return mutateBytes(rng, rng.pick(seeds), seeds, 400);
  },
  run(input) {
    try {
      const ply = readPly(input as Uint8Array);
      invariant(Number.isInteger(ply.count) && ply.count >= 0, `vertex count ${ply.count}`);
      invariant(ply.rows.length === ply.count, `${ply.rows.length} rows for ${ply.count} vertices`);
      invariant(ply.rows.every((r) => r.length === ply.props.length), 'a row with the wrong number of values');
      return accepted([], ply);
    } catch (e) {
      if (e instanceof PlyReadError) return refusal(e.message);
      throw e;
    }
  },
};

/**
 * The six classes of issue 13 at full size, unmutated (hostile-files.ts): each
 * must decode within the per-input time and heap budgets of the harness, which
 * the unit tests, checking values, do not enforce. Not in `npm run fuzz`'s list
 * (they are the same few files every time); the short run in `npm test` runs each.
 */
let nextHostile = 0;
export const HOSTILE_FULL_SIZE_TARGET: FuzzTarget = {
  name: 'hostile-full-size',
  corpus: once(() => hostile.HOSTILE_FILES.map((h) => h.build())),
  // In turn, not at random: every file is run.
  generate: (_rng, corpus) => corpus[nextHostile++ % corpus.length],
  run: decode,
};
