/**
 * The header of a NumPy .npy file: magic "\x93NUMPY", version, header length, then a
 * Python dict literal such as {'descr': '<f4', 'fortran_order': False, 'shape': (480, 640), }.
 * Parsed with a small recursive-descent reader of the literal subset NumPy writes
 * (dicts, tuples, lists, strings, ints, True/False/None) -- never evaluated.
 */

import { quoteText } from '../core/quoted-text';
import { DepthDecodeError } from '../core/depth-image';

export type PyValue = string | number | boolean | null | PyValue[] | { readonly [key: string]: PyValue };

export interface NpyHeader {
  version: 1 | 2 | 3;
  descr: PyValue;
  fortranOrder: boolean;
  shape: number[];
  dataOffset: number;
}

/** NumPy itself refuses headers over 10000 bytes by default; we allow more, but not gigabytes. */
const MAX_HEADER_BYTES = 1 << 20;
const MAX_DEPTH = 16;

function bad(detail: string): DepthDecodeError {
  return new DepthDecodeError(`NPY: the header is malformed (${detail}).`);
}

class LiteralReader {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseAll(): PyValue {
    const value = this.value(0);
    this.skipSpace();
    if (this.pos !== this.text.length) throw bad(`unexpected ${quoteText(this.text.slice(this.pos, this.pos + 10))}`);
    return value;
  }

  private skipSpace(): void {
    // Python's whitespace in a literal: space, tab, newline, CR, form feed, vertical tab.
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c !== 0x20 && (c < 0x09 || c > 0x0d)) break;
      this.pos++;
    }
  }

  private value(depth: number): PyValue {
    if (depth > MAX_DEPTH) throw bad('nested too deeply');
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') return this.dict(depth);
    if (c === '(') return this.sequence(')', depth);
    if (c === '[') return this.sequence(']', depth);
    if (c === "'" || c === '"') return this.string();
    if (c === '-' || c === '+' || (c !== undefined && c >= '0' && c <= '9')) return this.integer();
    for (const [word, v] of [
      ['True', true],
      ['False', false],
      ['None', null],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return v;
      }
    }
    throw bad(c === undefined ? 'it ends too early' : `unexpected ${quoteText(this.text.slice(this.pos, this.pos + 10))}`);
  }

  private dict(depth: number): { [key: string]: PyValue } {
    this.pos++; // {
    const out: { [key: string]: PyValue } = Object.create(null) as { [key: string]: PyValue };
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === '}') {
        this.pos++;
        return out;
      }
      const key = this.value(depth + 1);
      if (typeof key !== 'string') throw bad('a dictionary key is not a string');
      this.skipSpace();
      if (this.text[this.pos] !== ':') throw bad('missing ":"');
      this.pos++;
      out[key] = this.value(depth + 1);
      this.skipSpace();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== '}') throw bad('missing "," or "}"');
    }
  }

  private sequence(close: string, depth: number): PyValue[] {
    this.pos++; // ( or [
    const out: PyValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === close) {
        this.pos++;
        return out;
      }
      out.push(this.value(depth + 1));
      this.skipSpace();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== close) throw bad(`missing "," or "${close}"`);
    }
  }

  private string(): string {
    const quote = this.text[this.pos++];
    let out = '';
    while (this.pos < this.text.length) {
      const c = this.text[this.pos++];
      if (c === quote) return out;
      if (c === '\\') {
        if (this.pos >= this.text.length) break;
        out += this.text[this.pos++]; // dtype strings never need real escapes
      } else out += c;
    }
    throw bad('a string is not closed');
  }

  /** A decimal integer (an optional sign, digits, Python 2's "L"), read in one pass. */
  private integer(): number {
    const start = this.pos;
    const t = this.text;
    let i = start;
    if (t[i] === '-' || t[i] === '+') i++;
    const digits = i;
    while (i < t.length && i - digits < 40 && t.charCodeAt(i) >= 0x30 && t.charCodeAt(i) <= 0x39) i++;
    if (i === digits) throw bad('a number is malformed');
    const value = Number(t.slice(start, i));
    this.pos = t[i] === 'L' ? i + 1 : i;
    return value;
  }
}

export function readNpyHeader(bytes: Uint8Array): NpyHeader {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((m, i) => bytes[i] !== m)) {
    throw new DepthDecodeError(
      bytes.length < 10 ? 'NPY: the file is truncated (no header).' : 'NPY: the file does not start with "\\x93NUMPY".',
    );
  }
  const major = bytes[6];
  if (major !== 1 && major !== 2 && major !== 3) {
    throw new DepthDecodeError(`NPY: format version ${major}.${bytes[7]} is not supported; versions 1.0, 2.0 and 3.0 are.`);
  }
  let headerLength: number;
  let start: number;
  if (major === 1) {
    headerLength = bytes[8] | (bytes[9] << 8);
    start = 10;
  } else {
    if (bytes.length < 12) throw new DepthDecodeError('NPY: the file is truncated (no header).');
    headerLength = (bytes[8] | (bytes[9] << 8) | (bytes[10] << 16) | (bytes[11] << 24)) >>> 0;
    start = 12;
  }
  if (headerLength > MAX_HEADER_BYTES) {
    throw new DepthDecodeError(`NPY: the header claims ${headerLength} bytes, which is not a plausible header; the file is damaged.`);
  }
  if (start + headerLength > bytes.length) throw new DepthDecodeError('NPY: the file is truncated (inside the header).');
  const raw = bytes.subarray(start, start + headerLength);
  // v1/v2 headers are latin-1, v3 UTF-8; the parts we use are ASCII either way.
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(raw);
  const parsed = new LiteralReader(text).parseAll();
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw bad('it is not a dictionary');
  const { descr, fortran_order: fortranOrder, shape } = parsed;
  if (descr === undefined || fortranOrder === undefined || shape === undefined) {
    throw bad("it lacks 'descr', 'fortran_order' or 'shape'");
  }
  if (typeof fortranOrder !== 'boolean') throw bad("'fortran_order' is not True or False");
  if (!Array.isArray(shape) || !shape.every((d): d is number => typeof d === 'number')) {
    throw bad("'shape' is not a tuple of whole numbers");
  }
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) throw bad(`the shape contains ${d}`);
  }
  return { version: major, descr, fortranOrder, shape, dataOffset: start + headerLength };
}
