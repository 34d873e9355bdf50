/**
 * Error maps and evaluation histograms against per-pixel computations written here
 * (float64, from the definitions), on real frames with perturbed copies.
 */
import { describe, expect, it } from 'vitest';
import { errorMap } from './depth-metrics-maps';
import { binOf, errorByDepth, logBinEdges, predictionReferenceHistogram, ERROR_CLAMP } from './depth-metrics-histograms';
import { loadFrame, normals, perturbed, SAMPLE_FRAMES } from '../io/metrics-frame-fixtures';
import type { Alignment } from './depth-alignment';

const [tum, nyu] = SAMPLE_FRAMES.map(([name, file, scale]) => loadFrame(name, file, scale));
const noise = normals(640 * 480, 21);
const noisy = perturbed(nyu, (g, i) => g * Math.exp(0.3 * noise[i]));

describe('error maps', () => {
  it('signed, abs-rel and δ-failure maps equal the definitions at every pixel, NaN where not evaluated', () => {
    const signed = errorMap({ pred: noisy, ref: nyu.depth, width: 640, height: 480 }, 'signed');
    const absRel = errorMap({ pred: noisy, ref: nyu.depth, width: 640, height: 480 }, 'abs-rel');
    const delta = errorMap({ pred: noisy, ref: nyu.depth, width: 640, height: 480 }, 'delta');
    let evaluated = 0;
    const failures = [0, 0, 0, 0];
    // Mismatching pixels are collected (one expect per pixel would take seconds).
    const wrong: string[] = [];
    for (let i = 0; i < nyu.depth.length; i++) {
      const g = nyu.depth[i];
      const p = noisy[i];
      if (!(g > 0 && p > 0 && Number.isFinite(g) && Number.isFinite(p))) {
        if (!(Number.isNaN(signed[i]) && Number.isNaN(absRel[i]) && Number.isNaN(delta[i]))) wrong.push(`${i}: not evaluated`);
        continue;
      }
      evaluated++;
      // Stored as float32: Math.fround of the float64 value.
      if (signed[i] !== Math.fround(p - g)) wrong.push(`${i}: signed ${signed[i]}`);
      if (absRel[i] !== Math.fround(Math.abs(p - g) / g)) wrong.push(`${i}: abs-rel ${absRel[i]}`);
      const ratio = Math.max(p / g, g / p);
      const failed = (ratio >= 1.25 ? 1 : 0) + (ratio >= 1.5625 ? 1 : 0) + (ratio >= 1.953125 ? 1 : 0);
      if (delta[i] !== failed) wrong.push(`${i}: delta ${delta[i]} not ${failed}`);
      failures[failed]++;
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(evaluated).toBeGreaterThan(100_000);
    // The noise (σ = 0.3 in ln) puts pixels in every class, so each branch above was taken.
    expect(failures.every((c) => c > 1000)).toBe(true);
  });

  it('follows the crop, the cap (with clamping) and the alignment', () => {
    const a: Alignment = { method: 'lsq-scale', space: 'depth', scale: 0.5, shift: 0, prediction: 'depth' };
    const cap = { min: 0.5, max: 2.5 };
    const m = errorMap({ pred: noisy, ref: nyu.depth, width: 640, height: 480, settings: { crop: 'eigen-nyu', cap }, alignment: a }, 'signed');
    let outsideCrop = 0;
    const wrong: number[] = [];
    for (let i = 0; i < m.length; i++) {
      const x = i % 640;
      const y = Math.floor(i / 640);
      const g = nyu.depth[i];
      const inCrop = x >= 41 && x < 601 && y >= 45 && y < 471;
      if (!inCrop) outsideCrop++;
      if (!inCrop || !(g > 0.5 && g < 2.5) || !(noisy[i] > 0)) {
        if (!Number.isNaN(m[i])) wrong.push(i);
        continue;
      }
      const p = Math.min(2.5, Math.max(0.5, 0.5 * noisy[i]));
      if (m[i] !== Math.fround(p - g)) wrong.push(i);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(outsideCrop).toBe(640 * 480 - 560 * 426);
  });
});

describe('histograms', () => {
  it('log-spaced edges: lo and hi exact, ratio constant within float32 rounding', () => {
    const e = logBinEdges(0.1, 10, 40);
    expect(e.length).toBe(41);
    expect([e[0], e[40]]).toEqual([Math.fround(0.1), 10]);
    for (let k = 1; k < 40; k++) expect(Math.abs(e[k] / (0.1 * 100 ** (k / 40)) - 1)).toBeLessThanOrEqual(2 ** -24);
    expect(() => logBinEdges(0, 1, 4)).toThrow(RangeError);
    expect(() => logBinEdges(1, 1 + 1e-9, 4)).toThrow(/too narrow/);
  });

  it('binOf is the k with edges[k] <= v < edges[k + 1], by a linear scan written here', () => {
    const e = logBinEdges(0.2, 12, 33);
    const linear = (v: number) => {
      for (let k = 0; k < 33; k++) if (e[k] <= v && v < e[k + 1]) return k;
      return -1;
    };
    const values = [...e, 0.1, 0.2, 11.999, 12, 50, NaN, -1, ...Array.from(tum.depth.subarray(100_000, 101_000))];
    for (const v of values) expect(binOf(v, e), String(v)).toBe(linear(v));
  });

  it('prediction vs reference: counts per (reference bin, prediction bin), gathered here pixel by pixel', () => {
    const e = logBinEdges(0.3, 8, 24);
    const h = predictionReferenceHistogram({ pred: noisy, ref: nyu.depth, width: 640, height: 480 }, e);
    const expected = new Uint32Array(24 * 24);
    let outside = 0;
    for (let i = 0; i < noisy.length; i++) {
      const g = nyu.depth[i];
      const p = noisy[i];
      if (!(g > 0 && p > 0 && g < Infinity && p < Infinity)) continue;
      const gb = e.findIndex((lo, k) => k < 24 && lo <= g && g < e[k + 1]);
      const pb = e.findIndex((lo, k) => k < 24 && lo <= p && p < e[k + 1]);
      if (gb < 0 || pb < 0) outside++;
      else expected[gb * 24 + pb]++;
    }
    expect(Array.from(h)).toEqual(Array.from(expected));
    // Pixels outside the range on either axis are dropped, not piled into the edge bins.
    expect(outside).toBeGreaterThan(0);
    // The noise spreads rows: an exact prediction would put everything on the diagonal.
    const exact = predictionReferenceHistogram({ pred: nyu.depth, ref: nyu.depth, width: 640, height: 480 }, e);
    const offDiagonal = Array.from(exact).reduce((s, c, k) => s + (Math.floor(k / 24) !== k % 24 ? c : 0), 0);
    expect(offDiagonal).toBe(0);
    expect(Array.from(h).reduce((s, c, k) => s + (Math.floor(k / 24) !== k % 24 ? c : 0), 0)).toBeGreaterThan(10_000);
  });

  it('error by reference depth: per bin count, Σ|p - g| / g and Σ(p - g), each term clamped to ±ERROR_CLAMP', () => {
    const e = logBinEdges(0.3, 8, 16);
    const far = perturbed(tum, (g, i) => (i % 1000 === 0 ? 1e5 * g : 1.2 * g));
    const r = errorByDepth({ pred: far, ref: tum.depth, width: 640, height: 480 }, e);
    const count = new Array<number>(16).fill(0);
    const absRel = new Array<number>(16).fill(0);
    const signed = new Array<number>(16).fill(0);
    const unclamped = new Array<number>(16).fill(0);
    for (let i = 0; i < far.length; i++) {
      const g = tum.depth[i];
      const p = far[i];
      if (!(g > 0 && g < Infinity && p > 0 && p < Infinity)) continue;
      const b = e.findIndex((lo, k) => k < 16 && lo <= g && g < e[k + 1]);
      if (b < 0) continue;
      count[b]++;
      absRel[b] += Math.min(8192, Math.abs(p - g) / g);
      unclamped[b] += Math.abs(p - g) / g;
      signed[b] += Math.max(-8192, Math.min(8192, p - g));
    }
    expect(ERROR_CLAMP).toBe(8192);
    expect(Array.from(r.count)).toEqual(count);
    for (let b = 0; b < 16; b++) {
      // The same float64 terms added in the same pixel order: equal to the last bit.
      expect(r.absRelSum[b]).toBe(absRel[b]);
      expect(r.signedSum[b]).toBe(signed[b]);
    }
    // 1e5 g has an AbsRel of ~1e5: the clamp was exercised (without it the sums differ).
    expect(unclamped.filter((u, b) => u > r.absRelSum[b] + 1000).length).toBeGreaterThan(0);
  });
});
