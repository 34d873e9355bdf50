import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { zlibSync } from 'fflate';
import { embedDepth, MAX_DEPTH_CHARS, readEmbeddedDepth } from './embedded-depth';
import { bytesToBase64Url } from './base64url';
import { packBytes } from './packed-bytes';
import { mulberry32 as seededRandom } from '../core/seeded-random';

const allValid = () => true;

/** A smooth surface with noise and holes, like a real sensor frame. */
function sensorLike(width: number, height: number, seed: number, noise: number): Float64Array {
  const rand = seededRandom(seed);
  const out = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) out[y * width + x] = 1.5 + 0.002 * x + 0.001 * y + noise * (rand() - 0.5);
  }
  return out;
}

function roundTrip(data: Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array, width: number, height: number) {
  const embedding = embedDepth({ width, height, data }, 'frame.png', allValid);
  if (!embedding.fits) throw new Error(embedding.reason);
  const read = readEmbeddedDepth(embedding.text);
  if ('problem' in read) throw new Error(read.problem);
  return { embedding, depth: read.depth };
}

describe('embedded depth', () => {
  it('reproduces every uint16 sample exactly, holes included', () => {
    const rand = seededRandom(7);
    const data = new Uint16Array(96 * 72).map((_, i) => (i % 11 === 0 ? 0 : 1200 + Math.floor(rand() * 40) + (i % 96) * 3));
    const { embedding, depth } = roundTrip(data, 96, 72);
    expect(embedding.maxError).toBeNull();
    expect(depth.data).toBeInstanceOf(Uint16Array);
    expect(depth.data).toEqual(data);
    expect([depth.width, depth.height, depth.name]).toEqual([96, 72, 'frame.png']);
  });

  it('reproduces every float32 bit pattern exactly: NaN, -0, infinities, subnormals', () => {
    const data = new Float32Array(sensorLike(64, 48, 3, 0.001));
    data.set([Number.NaN, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-45, 3.4e38], 0);
    const { embedding, depth } = roundTrip(data, 64, 48);
    expect(embedding.maxError).toBeNull();
    expect(depth.data).toBeInstanceOf(Float32Array);
    expect(new Uint32Array(depth.data.buffer)).toEqual(new Uint32Array(data.buffer));
  });

  it('round-trips random maps of every sample type exactly', () => {
    const types = [Uint8Array, Uint16Array, Uint32Array, Float32Array, Float64Array] as const;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.constantFrom(...types), fc.integer(), (w, h, Type, seed) => {
        const rand = seededRandom(seed);
        const bytes = new Uint8Array(w * h * Type.BYTES_PER_ELEMENT).map(() => Math.floor(rand() * 256));
        const data = new Type(bytes.buffer);
        const { depth } = roundTrip(data, w, h);
        expect(depth.data).toBeInstanceOf(Type);
        expect(new Uint8Array(depth.data.buffer)).toEqual(bytes);
      }),
      { numRuns: 200 },
    );
  });

  it('quantizes a float map too big to be exact, within the stated error', () => {
    // 192 × 144 float32 with 4 mm of sensor noise: over 100 KB exact, too much for a link.
    const original = new Float32Array(sensorLike(192, 144, 11, 0.004));
    const valid = (i: number) => i % 17 !== 0;
    const embedding = embedDepth({ width: 192, height: 144, data: original }, 'noisy.npy', valid);
    if (!embedding.fits) throw new Error(embedding.reason);
    expect(embedding.text.length).toBeLessThanOrEqual(MAX_DEPTH_CHARS);
    expect(embedding.maxError).not.toBeNull();
    const read = readEmbeddedDepth(embedding.text);
    if ('problem' in read) throw new Error(read.problem);
    expect(read.depth.maxError).toBe(embedding.maxError);
    let worst = 0;
    let holes = 0;
    for (let i = 0; i < original.length; i++) {
      if (!valid(i)) holes += Number.isNaN(read.depth.data[i]) ? 1 : 0;
      else worst = Math.max(worst, Math.abs(read.depth.data[i] - original[i]));
    }
    expect(holes).toBe(Math.ceil(original.length / 17));
    expect(worst).toBeLessThanOrEqual(embedding.maxError!);
    // A tight bound, not a loose promise: half of one step of the ~0.53 m span in 65534 steps.
    expect(embedding.maxError!).toBeLessThan(0.54 / 65534 / 2 + 1e-6);
    expect(worst).toBeGreaterThan(embedding.maxError! / 2);
  });

  it('stays within the stated error for any span of values', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-9, max: 1e6, noNaN: true }), fc.integer(), (lo, span, seed) => {
        // White noise never compresses enough to be exact: this takes the quantized path.
        const rand = seededRandom(seed);
        const data = new Float64Array(128 * 96).map(() => lo + span * rand());
        const embedding = embedDepth({ width: 128, height: 96, data }, 'noise.npy', allValid);
        if (!embedding.fits) throw new Error(embedding.reason);
        const read = readEmbeddedDepth(embedding.text);
        if ('problem' in read) throw new Error(read.problem);
        // A span too narrow to need quantizing comes back exact: its stated error is none.
        let worst = 0;
        for (let i = 0; i < data.length; i++) worst = Math.max(worst, Math.abs(read.depth.data[i] - data[i]));
        expect(worst).toBeLessThanOrEqual(embedding.maxError ?? 0);
      }),
      { numRuns: 15 },
    );
  });

  it('refuses a 16-bit map that is too big, saying how big and what the limit is', () => {
    const rand = seededRandom(5);
    const data = new Uint16Array(400 * 300).map(() => Math.floor(rand() * 65536));
    const embedding = embedDepth({ width: 400, height: 300, data }, 'big.png', allValid);
    expect(embedding.fits).toBe(false);
    if (!embedding.fits) expect(embedding.reason).toMatch(/needs [\d.]+ KB of link text and a link carries at most 64\.0 KB/);
  });

  it('rejects damaged or hostile fragments with a reason, never a throw', () => {
    const container = (header: object, samples: Uint8Array) => {
      const json = new TextEncoder().encode(JSON.stringify(header));
      return packBytes(new Uint8Array([json.length & 0xff, json.length >> 8, ...json, ...samples]));
    };
    const good = { v: 1, name: 'a', width: 2, height: 1, type: 'uint16', coding: 'exact' };
    const cases: [string, RegExp][] = [
      ['not base64!', /not base64url/],
      ['A'.repeat(MAX_DEPTH_CHARS + 1), /at most 65536 are read/],
      [bytesToBase64Url(zlibSync(new Uint8Array(20 * 1024 * 1024))), /more than \d+ bytes/],
      [bytesToBase64Url(new Uint8Array([1, 2, 3, 4, 5])), /not compressed data/],
      [packBytes(new Uint8Array([0xff, 0xff, 1])), /no readable header/],
      [container({ ...good, v: 2 }, new Uint8Array(4)), /version 2, made by a newer Depthscope/],
      [container({ ...good, type: 'int64' }, new Uint8Array(4)), /does not describe a depth map/],
      [container({ ...good, width: 1e9 }, new Uint8Array(4)), /does not describe a depth map/],
      [container(good, new Uint8Array(3)), /holds 3 bytes of samples where 2 × 1 uint16 need 4/],
      [container({ ...good, coding: 'q16' }, new Uint8Array(4)), /does not describe/],
    ];
    for (const [text, reason] of cases) {
      const read = readEmbeddedDepth(text);
      expect('problem' in read && read.problem).toMatch(reason);
    }
    expect(readEmbeddedDepth(container(good, new Uint8Array([1, 0, 2, 0])))).toMatchObject({ depth: { width: 2, height: 1 } });
  });
});
