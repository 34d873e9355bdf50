/**
 * Plain mutators over real files: byte-level for the binary formats, token-level
 * for text (links, YAML, JSON). Each input gets one to four edits, half of them
 * in the first bytes where headers and sizes live, and the edits favour the
 * values that break parsers: size fields set to 0, -1 or 2^32 - 1, digit runs
 * replaced by huge numbers, ranges duplicated until a structure repeats.
 */
import type { Rng } from './rng';

const BYTES_8 = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x20, 0x0a, 0x0d, 0x2d, 0x30, 0x39, 0x2c, 0x28, 0x29];
const INTS_32 = [0, 1, 2, 3, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

/** Number texts for ASCII headers (PGM/PFM sizes, NPY shapes, link parameters). */
export const NUMBER_TEXTS = ['0', '-0', '-1', '1', '2', '65535', '65536', '16385', '4294967296', '1e309', '-1e309', '1.5', 'nan', 'inf', '0x10', '', '+1', '00000000001'];

/** A digit run long enough to hurt a parser that converts it naively (up to 50,000 digits). */
export function longDigits(rng: Rng): string {
  return rng.pick(['9', '1', '0']).repeat(rng.pick([20, 400, 5000, rng.between(1, 50_000)]));
}

function position(rng: Rng, length: number, head: number): number {
  if (length === 0) return 0;
  return rng.chance(0.5) ? rng.below(Math.min(head, length)) : rng.below(length);
}

function splice(b: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const end = Math.min(b.length, at + remove);
  const out = new Uint8Array(b.length - (end - at) + insert.length);
  out.set(b.subarray(0, at));
  out.set(insert, at);
  out.set(b.subarray(end), at + insert.length);
  return out;
}

function randomBytes(rng: Rng, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => (rng.chance(0.5) ? rng.pick(BYTES_8) : rng.below(256)));
}

/** The ASCII digit runs in the first `head` bytes, as [start, end) pairs. */
function digitRuns(b: Uint8Array, head: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  const end = Math.min(b.length, head);
  for (let i = 0; i < end; i++) {
    if (b[i] < 0x30 || b[i] > 0x39) continue;
    let j = i;
    while (j < b.length && b[j] >= 0x30 && b[j] <= 0x39) j++;
    runs.push([i, j]);
    i = j;
  }
  return runs;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

function mutateOnce(rng: Rng, b: Uint8Array, donors: readonly Uint8Array[], head: number): Uint8Array {
  const at = position(rng, b.length, head);
  switch (rng.below(9)) {
    case 0: {
      const out = b.slice();
      if (at < out.length) out[at] ^= 1 << rng.below(8);
      return out;
    }
    case 1: {
      const out = b.slice();
      if (at < out.length) out[at] = rng.pick(BYTES_8);
      return out;
    }
    case 2: {
      // A 16- or 32-bit size or offset field, either byte order.
      const out = b.slice();
      const width = rng.pick([2, 4]);
      if (at + width > out.length) return out;
      const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
      const v = rng.chance(0.8) ? rng.pick(INTS_32) : rng.below(2 ** 32);
      if (width === 2) view.setUint16(at, v & 0xffff, rng.chance(0.5));
      else view.setUint32(at, v, rng.chance(0.5));
      return out;
    }
    case 3:
      return b.subarray(0, at).slice();
    case 4:
      return splice(b, at, 0, randomBytes(rng, rng.between(1, 16)));
    case 5:
      return splice(b, at, rng.between(1, 64), new Uint8Array(0));
    case 6: {
      // Repeat a range: a chunk, an IFD entry, a header line appears many times.
      const from = rng.below(Math.max(1, b.length));
      const piece = b.subarray(from, from + rng.between(1, 256));
      const times = rng.pick([1, 2, 16, 200]);
      const rep = new Uint8Array(piece.length * times);
      for (let k = 0; k < times; k++) rep.set(piece, k * piece.length);
      return splice(b, at, 0, rep);
    }
    case 7: {
      const donor = rng.pick(donors);
      const from = rng.below(Math.max(1, donor.length));
      return splice(b, at, rng.between(0, 64), donor.subarray(from, from + rng.between(1, 512)));
    }
    default: {
      // A number in an ASCII header: sizes, maxval, scale, shape.
      const runs = digitRuns(b, 512);
      if (runs.length === 0) return splice(b, at, 0, ascii(rng.pick(NUMBER_TEXTS)));
      const [s, e] = rng.pick(runs);
      const text = rng.chance(0.2) ? longDigits(rng) : rng.pick(NUMBER_TEXTS);
      return splice(b, s, e - s, ascii(text));
    }
  }
}

/** One to four edits of `seed`; `head` is how far the headers go (biased positions fall below it). */
export function mutateBytes(rng: Rng, seed: Uint8Array, donors: readonly Uint8Array[], head = 64): Uint8Array {
  let b = seed;
  for (let n = rng.between(1, 4); n > 0; n--) b = mutateOnce(rng, b, donors, head);
  return b === seed ? seed.slice() : b;
}

const NUMBER = /[-+]?\d+(\.\d*)?([eE][-+]?\d+)?/g;

function mutateTextOnce(rng: Rng, s: string, tokens: readonly string[]): string {
  const at = rng.below(s.length + 1);
  switch (rng.below(8)) {
    case 0:
      return s.slice(0, at) + rng.pick(tokens) + s.slice(at);
    case 1:
      return s.slice(0, at) + s.slice(at + rng.between(1, 16));
    case 2:
      return s.slice(0, at) + String.fromCharCode(rng.chance(0.7) ? rng.below(128) : rng.below(0x10000)) + s.slice(at + 1);
    case 3:
      return s.slice(0, at);
    case 4: {
      // Repeat a piece: a line, a bracket, a parameter, many times.
      const piece = s.slice(at, at + rng.between(1, 40)) || rng.pick(tokens);
      return s.slice(0, at) + piece.repeat(rng.pick([2, 10, 300, 3000])) + s.slice(at);
    }
    case 5:
    case 6: {
      const numbers = [...s.matchAll(NUMBER)];
      if (numbers.length === 0) return s + rng.pick(NUMBER_TEXTS);
      const m = rng.pick(numbers);
      const text = rng.chance(0.3) ? longDigits(rng) : rng.pick(NUMBER_TEXTS);
      return s.slice(0, m.index) + text + s.slice((m.index ?? 0) + m[0].length);
    }
    default: {
      // Shift one line's indentation (YAML structure) or swap two lines.
      const lines = s.split('\n');
      const i = rng.below(lines.length);
      if (rng.chance(0.5)) lines[i] = ' '.repeat(rng.between(0, 6)) + lines[i].trimStart();
      else [lines[i], lines[0]] = [lines[0], lines[i]];
      return lines.join('\n');
    }
  }
}

/** One to four token-level edits of `seed`. */
export function mutateText(rng: Rng, seed: string, tokens: readonly string[]): string {
  let s = seed;
  for (let n = rng.between(1, 4); n > 0; n--) s = mutateTextOnce(rng, s, tokens);
  return s;
}
