/**
 * shaders/median-5x5.wgsl selects the median of 25 keys with a comparator network
 * (opt_med25). A comparator network puts the median on a wire for every input iff it
 * does for every 0/1 input (the 0-1 principle: comparators commute with monotone maps),
 * so this checks all 2^25 0/1 inputs, 32 at a time (one per bit of a word; min = AND,
 * max = OR), against "at least 13 ones". Also checks the window is read in reading order.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const wgsl = readFileSync(path.resolve(here, '../../../shaders/median-5x5.wgsl'), 'utf8');

const network = [...wgsl.matchAll(/t = min\(p(\d+), p(\d+)\); p(\d+) = max\(p(\d+), p(\d+)\); p(\d+) = t;/g)].map((m) => {
  const [a, b, b2, a2, b3, a3] = m.slice(1).map(Number);
  if (a !== a2 || a !== a3 || b !== b2 || b !== b3) throw new Error(`malformed compare-exchange ${m[0]}`);
  return [a, b] as const; // p[a] gets the min, p[b] the max
});

function popcount(v: number): number {
  let c = 0;
  for (let x = v; x !== 0; x &= x - 1) c++;
  return c;
}

describe('the 5 x 5 median network', () => {
  it('has opt_med25 size and leaves the median of any 25 values on p12', () => {
    expect(network.length).toBe(99);
    // Lane l of a word holds input bits 0..4 = l; bits 5..24 come from the word index.
    const LANE_BITS = [0xaaaaaaaa, 0xcccccccc, 0xf0f0f0f0, 0xff00ff00, 0xffff0000];
    const expected = Array.from({ length: 21 }, (_, high) => {
      let mask = 0;
      for (let l = 0; l < 32; l++) if (high + popcount(l) >= 13) mask |= 1 << l;
      return mask >>> 0;
    });
    const CHUNK = 1 << 14;
    const wires = Array.from({ length: 25 }, () => new Uint32Array(CHUNK));
    let wrong = 0;
    for (let start = 0; start < 1 << 20; start += CHUNK) {
      for (let j = 0; j < 25; j++) {
        const w = wires[j];
        for (let k = 0; k < CHUNK; k++) w[k] = j < 5 ? LANE_BITS[j] : ((start + k) >>> (j - 5)) & 1 ? 0xffffffff : 0;
      }
      for (const [a, b] of network) {
        const wa = wires[a];
        const wb = wires[b];
        for (let k = 0; k < CHUNK; k++) {
          const lo = wa[k] & wb[k];
          wb[k] = wa[k] | wb[k];
          wa[k] = lo;
        }
      }
      for (let k = 0; k < CHUNK; k++) if (wires[12][k] >>> 0 !== expected[popcount(start + k)]) wrong++;
    }
    expect(wrong).toBe(0);
  });

  it('reads the window row by row, as the reference scans it', () => {
    const reads = [...wgsl.matchAll(/p(\d+) = take\(&w, base \+ (\d+)u, (\d+)u\);/g)].map((m) => m.slice(1).map(Number));
    expect(reads).toEqual(Array.from({ length: 25 }, (_, j) => [j, 12 * Math.floor(j / 5) + (j % 5), j]));
  });
});
