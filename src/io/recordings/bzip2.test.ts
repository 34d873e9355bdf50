/** Our bzip2 decoder against compressjs's encoder: several blocks, long runs, joined streams, and refusals. */
import { describe, expect, it } from 'vitest';
import Bzip2 from 'compressjs/lib/Bzip2.js';
import { DepthDecodeError } from '../../core/depth-image';
import { bunzip2 } from './bzip2';
import { decompressChunk } from './bounded-decompress';

/** Runs (every length 1-300, which exercises the initial run-length coding), text and noise, 205 KB. */
function sample(): Uint8Array {
  const out: number[] = [];
  let seed = 12345;
  for (let run = 1; out.length < 205_000; run = (run % 300) + 1) {
    for (let k = 0; k < run; k++) out.push(run & 255);
    for (let k = 0; k < 50; k++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      out.push(seed >>> 24);
    }
  }
  return Uint8Array.from(out);
}

describe('bunzip2', () => {
  it('decodes several 100 KB blocks exactly', () => {
    const data = sample();
    const packed = Bzip2.compressFile(data, undefined, 1);
    expect(bunzip2(packed, data.length)).toEqual(data);
  });

  it('decodes concatenated streams (as pbzip2 writes)', () => {
    const a = Uint8Array.from({ length: 5000 }, (_, i) => i % 251);
    const b = new Uint8Array(7000).fill(9);
    const pa = Bzip2.compressFile(a);
    const pb = Bzip2.compressFile(b);
    const joined = new Uint8Array(pa.length + pb.length);
    joined.set(pa);
    joined.set(pb, pa.length);
    const out = bunzip2(joined, a.length + b.length);
    expect(out.subarray(0, a.length)).toEqual(a);
    expect(out.subarray(a.length)).toEqual(b);
  });

  it('stops at the size the chunk claims instead of growing', () => {
    const packed = Bzip2.compressFile(new Uint8Array(1_000_000));
    expect(() => bunzip2(packed, 1000)).toThrow(/decompresses to more than the 1000 bytes its chunk claims/);
    expect(() => decompressChunk('ROS bag', 'bz2', packed, 999_999)).toThrow(DepthDecodeError);
  });

  it('refuses damaged data with a sentence (checksums, signatures, truncation)', () => {
    const data = sample().subarray(0, 20_000);
    const packed = Bzip2.compressFile(data);
    const flipped = packed.slice();
    flipped[flipped.length >> 1] ^= 0x10;
    expect(() => bunzip2(flipped, data.length)).toThrow(DepthDecodeError);
    expect(() => bunzip2(packed.subarray(0, packed.length >> 1), data.length)).toThrow(/bzip2: .*; the data is damaged\./);
    expect(() => bunzip2(new TextEncoder().encode('not bzip2'), 10)).toThrow('bzip2: no “BZh” signature; the data is damaged.');
  });
});
