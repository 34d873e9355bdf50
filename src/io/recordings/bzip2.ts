/**
 * A bzip2 decoder for bag chunks, bounded by the size the chunk claims.
 * Written here because the pure-JavaScript ones on npm either need Node's
 * Buffer (seek-bzip), resolve their modules through AMD at run time, which a
 * bundler cannot follow (compressjs), or write past fixed buffers; and the
 * wasm build needs its .wasm file located by the bundler. The format is
 * bzip2's (Seward; as described by micro-bunzip): per block, Huffman-coded
 * move-to-front symbols with run-length coding of zeros, then the inverse
 * Burrows-Wheeler transform and the initial run-length coding, checked by
 * CRC. Every count read from the stream is checked before it is used.
 */
import { DepthDecodeError } from '../../core/depth-image';

const MAX_CODE_BITS = 20;
const GROUP_SIZE = 50;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    table[i] = c >>> 0;
  }
  return table;
})();

class Bits {
  private at = 0;
  private current = 0;
  private left = 0;
  constructor(private readonly bytes: Uint8Array) {}

  /** The next `n` bits (n <= 24), most significant first. */
  read(n: number): number {
    let r = 0;
    while (n > 0) {
      if (this.left === 0) {
        if (this.at >= this.bytes.length) throw fail('the data ends early');
        this.current = this.bytes[this.at++];
        this.left = 8;
      }
      const take = Math.min(n, this.left);
      r = (r << take) | ((this.current >> (this.left - take)) & ((1 << take) - 1));
      this.left -= take;
      n -= take;
    }
    return r >>> 0;
  }

  read32(): number {
    return this.read(16) * 65536 + this.read(16);
  }

  /** Skips to the next whole byte and says whether any bytes remain (concatenated streams start on a byte). */
  nextByteRemains(): boolean {
    this.left = 0;
    return this.at < this.bytes.length;
  }
}

function fail(why: string): DepthDecodeError {
  return new DepthDecodeError(`bzip2: ${why}; the data is damaged.`);
}

interface Table {
  readonly minLen: number;
  readonly maxLen: number;
  /** Per code length: the first canonical code, where its symbols start in `perm`, how many there are. */
  readonly first: Int32Array;
  readonly start: Int32Array;
  readonly count: Int32Array;
  readonly perm: Uint16Array;
}

/** bzip2's canonical Huffman codes: by length, then by symbol. */
function makeTable(lengths: Uint8Array, alphaSize: number): Table {
  let minLen = 32;
  let maxLen = 0;
  for (let s = 0; s < alphaSize; s++) {
    minLen = Math.min(minLen, lengths[s]);
    maxLen = Math.max(maxLen, lengths[s]);
  }
  const first = new Int32Array(MAX_CODE_BITS + 1);
  const start = new Int32Array(MAX_CODE_BITS + 1);
  const count = new Int32Array(MAX_CODE_BITS + 1);
  const perm = new Uint16Array(alphaSize);
  let p = 0;
  let code = 0;
  for (let len = minLen; len <= maxLen; len++) {
    first[len] = code;
    start[len] = p;
    for (let s = 0; s < alphaSize; s++) if (lengths[s] === len) perm[p++] = s;
    count[len] = p - start[len];
    code = (code + count[len]) << 1;
  }
  return { minLen, maxLen, first, start, count, perm };
}

function decodeSymbol(bits: Bits, t: Table): number {
  let code = bits.read(t.minLen);
  for (let len = t.minLen; len <= t.maxLen; len++) {
    const k = code - t.first[len];
    if (k >= 0 && k < t.count[len]) return t.perm[t.start[len] + k];
    code = (code << 1) | bits.read(1);
  }
  throw fail('a Huffman code matches no symbol');
}

/** Decompresses `input` (one or more bzip2 streams) to exactly `size` bytes at most; more is refused. */
export function bunzip2(input: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let outPos = 0;
  const bits = new Bits(input);
  let streamStart = 0;
  for (;;) {
    if (bits.read(24) !== 0x425a68) throw fail(streamStart === 0 ? 'no “BZh” signature' : 'trailing data after the stream');
    const level = bits.read(8) - 0x30;
    if (level < 1 || level > 9) throw fail(`block size ${level} is not 1-9`);
    const blockMax = level * 100000;
    let streamCrc = 0;
    for (;;) {
      const magic1 = bits.read(24);
      const magic2 = bits.read(24);
      if (magic1 === 0x177245 && magic2 === 0x385090) {
        if (bits.read32() !== streamCrc >>> 0) throw fail('the stream checksum does not match');
        break;
      }
      if (magic1 !== 0x314159 || magic2 !== 0x265359) throw fail('a block does not start with its signature');
      const blockCrc = bits.read32();
      const start = outPos;
      outPos = decodeBlock(bits, blockMax, out, outPos);
      let crc = 0xffffffff;
      for (let i = start; i < outPos; i++) crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ out[i]) & 255];
      if ((~crc >>> 0) !== blockCrc) throw fail('a block checksum does not match');
      streamCrc = (((streamCrc << 1) | (streamCrc >>> 31)) ^ blockCrc) >>> 0;
    }
    // Concatenated streams (pbzip2) start on the next byte.
    if (!bits.nextByteRemains()) return out.subarray(0, outPos);
    streamStart++;
  }
}

function decodeBlock(bits: Bits, blockMax: number, out: Uint8Array, outPos: number): number {
  if (bits.read(1)) throw fail('randomised blocks (bzip2 0.9.0) are not supported');
  const origPtr = bits.read(24);
  const used = bits.read(16);
  const symToByte: number[] = [];
  for (let i = 0; i < 16; i++) {
    if (!(used & (0x8000 >> i))) continue;
    const row = bits.read(16);
    for (let j = 0; j < 16; j++) if (row & (0x8000 >> j)) symToByte.push(16 * i + j);
  }
  if (symToByte.length === 0) throw fail('a block uses no byte values');
  const groups = bits.read(3);
  if (groups < 2 || groups > 6) throw fail(`${groups} Huffman groups (2-6 are valid)`);
  const nSelectors = bits.read(15);
  if (nSelectors === 0) throw fail('a block has no selectors');
  const order = Array.from({ length: groups }, (_, i) => i);
  const selectors = new Uint8Array(nSelectors);
  for (let i = 0; i < nSelectors; i++) {
    let j = 0;
    while (bits.read(1)) if (++j >= groups) throw fail('a selector is out of range');
    const v = order[j];
    order.splice(j, 1);
    order.unshift(v);
    selectors[i] = v;
  }
  const alphaSize = symToByte.length + 2;
  const tables: Table[] = [];
  for (let g = 0; g < groups; g++) {
    const lengths = new Uint8Array(alphaSize);
    let len = bits.read(5);
    for (let s = 0; s < alphaSize; s++) {
      for (;;) {
        if (len < 1 || len > MAX_CODE_BITS) throw fail(`a code length of ${len}`);
        if (!bits.read(1)) break;
        len += bits.read(1) ? -1 : 1;
      }
      lengths[s] = len;
    }
    tables.push(makeTable(lengths, alphaSize));
  }

  const tt = new Uint32Array(blockMax);
  const byteCount = new Uint32Array(256);
  const mtf = Array.from({ length: symToByte.length }, (_, i) => i);
  let count = 0;
  let group = -1;
  let groupLeft = 0;
  let runWeight = 0;
  let run = 0;
  for (;;) {
    if (groupLeft === 0) {
      if (++group >= nSelectors) throw fail('a block runs past its selectors');
      groupLeft = GROUP_SIZE;
    }
    groupLeft--;
    const sym = decodeSymbol(bits, tables[selectors[group]]);
    if (sym <= 1) {
      if (runWeight === 0) {
        runWeight = 1;
        run = 0;
      }
      run += (sym + 1) * runWeight;
      runWeight *= 2;
      if (run > blockMax) throw fail('a run is longer than the block');
      continue;
    }
    if (runWeight) {
      runWeight = 0;
      if (count + run > blockMax) throw fail('a block is longer than its size');
      const b = symToByte[mtf[0]];
      byteCount[b] += run;
      tt.fill(b, count, count + run);
      count += run;
    }
    if (sym === alphaSize - 1) break;
    const v = mtf[sym - 1];
    mtf.splice(sym - 1, 1);
    mtf.unshift(v);
    const b = symToByte[v];
    if (count >= blockMax) throw fail('a block is longer than its size');
    byteCount[b]++;
    tt[count++] = b;
  }
  if (origPtr >= count) throw fail('the block origin is past its end');

  // Inverse Burrows-Wheeler: link each position to the next in the original order.
  let sum = 0;
  for (let i = 0; i < 256; i++) {
    const c = byteCount[i];
    byteCount[i] = sum;
    sum += c;
  }
  for (let i = 0; i < count; i++) {
    const b = tt[i] & 0xff;
    tt[byteCount[b]++] |= i << 8;
  }

  // Undo the initial run-length coding: four equal bytes, then a count of more.
  let idx = tt[origPtr] >>> 8;
  let last = -1;
  let same = 0;
  for (let k = 0; k < count; k++) {
    const entry = tt[idx];
    const b = entry & 0xff;
    idx = entry >>> 8;
    if (same === 4) {
      if (outPos + b > out.length) throw tooLong(out.length);
      out.fill(last, outPos, outPos + b);
      outPos += b;
      same = 0;
      last = -1; // a new run starts after the count
      continue;
    }
    if (b === last) same++;
    else {
      last = b;
      same = 1;
    }
    if (outPos >= out.length) throw tooLong(out.length);
    out[outPos++] = b;
  }
  return outPos;
}

function tooLong(size: number): DepthDecodeError {
  return new DepthDecodeError(`bzip2: the data decompresses to more than the ${size} bytes its chunk claims; the file is damaged.`);
}
