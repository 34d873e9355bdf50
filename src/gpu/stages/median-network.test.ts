/**
 * shaders/median-3x3.wgsl and median-5x5.wgsl select the median of 9 and 25 keys with
 * comparator networks (opt_med9, opt_med25). A comparator network puts the median on a
 * wire for every input iff it does for every 0/1 input (the 0-1 principle: comparators
 * commute with monotone maps), so this checks all 2^9 and 2^25 0/1 inputs, 32 at a time
 * (one per bit of a word; min = AND, max = OR), against "more ones than zeros". Also
 * checks each window is passed to the network in reading order, as the reference scans it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const read = (name: string) => readFileSync(path.resolve(here, '../../../shaders', name), 'utf8');

function networkOf(wgsl: string) {
  return [...wgsl.matchAll(/t = min\(p(\d+), p(\d+)\); p(\d+) = max\(p(\d+), p(\d+)\); p(\d+) = t;/g)].map((m) => {
    const [a, b, b2, a2, b3, a3] = m.slice(1).map(Number);
    if (a !== a2 || a !== a3 || b !== b2 || b !== b3) throw new Error(`malformed compare-exchange ${m[0]}`);
    return [a, b] as const; // p[a] gets the min, p[b] the max
  });
}

function popcount(v: number): number {
  let c = 0;
  for (let x = v; x !== 0; x &= x - 1) c++;
  return c;
}

/** Inputs (of 2^n) on which wire `middle` does not end up holding the median. */
function failures(network: (readonly [number, number])[], n: number, middle: number): number {
  // Lane l of a word holds input bits 0..4 = l; bits 5..n-1 come from the word index.
  const LANE_BITS = [0xaaaaaaaa, 0xcccccccc, 0xf0f0f0f0, 0xff00ff00, 0xffff0000];
  const words = 2 ** (n - 5);
  const expected = Array.from({ length: n - 4 }, (_, high) => {
    let mask = 0;
    for (let l = 0; l < 32; l++) if (high + popcount(l) > middle) mask |= 1 << l;
    return mask >>> 0;
  });
  const CHUNK = Math.min(words, 1 << 14);
  const wires = Array.from({ length: n }, () => new Uint32Array(CHUNK));
  let wrong = 0;
  for (let start = 0; start < words; start += CHUNK) {
    for (let j = 0; j < n; j++) {
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
    for (let k = 0; k < CHUNK; k++) if (wires[middle][k] >>> 0 !== expected[popcount(start + k)]) wrong++;
  }
  return wrong;
}

for (const [file, side, size, middle] of [['median-3x3.wgsl', 3, 19, 4], ['median-5x5.wgsl', 5, 99, 12]] as const) {
  const wgsl = read(file);
  const n = side * side;
  describe(`the ${side} x ${side} median network (${file})`, () => {
    it(`has ${size} compare-exchanges and leaves the median of any ${n} values on p${middle}`, () => {
      const network = networkOf(wgsl);
      expect(network.length).toBe(size);
      expect(failures(network, n, middle)).toBe(0);
      expect(wgsl).toContain(`return median_bits(w, p${middle});`);
    });

    it('takes the window in reading order', () => {
      const takes = [...wgsl.matchAll(/var p(\d+) = take\(&w, k(\d+), (\d+)u\);/g)].map((m) => m.slice(1).map(Number));
      expect(takes).toEqual(Array.from({ length: n }, (_, j) => [j, j, j]));
      // The caller passes the keys row by row: k(side * r + c) is row r, column c of the window.
      const loads = [...wgsl.matchAll(/k(\d+) = key_at\(x, y \+ (\d+)u, (\d+)u\)/g)].map((m) => m.slice(1).map(Number));
      for (const [k, r, c] of loads) expect([r, c]).toEqual([Math.floor(k / side), k % side]);
      expect(new Set(loads.map(([k]) => k)).size).toBe(n);
    });
  });
}
