import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { discontinuityMask, normalsFromDepth, rejectEdges } from './normals';
import { arbField, list } from '../../io/filter-field-fixtures';

const INTR = { fx: 500, fy: 480, cx: 15.3, cy: 11.7 };
const W = 32;
const H = 24;

/** Depth of the plane dot(m, P) = d seen through the pixel rays of INTR. */
function planeDepth(m: [number, number, number], d: number): Float32Array {
  const out = new Float32Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const r = [(x - INTR.cx) / INTR.fx, (y - INTR.cy) / INTR.fy, 1];
      out[y * W + x] = d / (m[0] * r[0] + m[1] * r[1] + m[2] * r[2]);
    }
  }
  return out;
}

function normalAt(n: Float32Array, x: number, y: number): number[] {
  const i = 3 * (y * W + x);
  return [n[i] + 0, n[i + 1] + 0, n[i + 2] + 0]; // + 0 turns -0 into 0 for toEqual

}

describe('normalsFromDepth', () => {
  it('gives (0, 0, -1) on a fronto-parallel plane and NaN on the border', () => {
    const n = normalsFromDepth(new Float32Array(W * H).fill(2), W, H, INTR);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const v = normalAt(n, x, y);
        if (x === 0 || y === 0 || x === W - 1 || y === H - 1) expect(v).toEqual([NaN, NaN, NaN]);
        else expect(v).toEqual([0, 0, -1]);
      }
    }
  });

  it('gives the analytic normal of a tilted plane, facing the camera', () => {
    const len = Math.hypot(0.4, -0.3, -1);
    const m: [number, number, number] = [0.4 / len, -0.3 / len, -1 / len]; // faces the camera: dot(m, P) = d < 0
    for (const depth of [planeDepth(m, -2), planeDepth(m.map((c) => -c) as [number, number, number], 2)]) {
      const n = normalsFromDepth(depth, W, H, INTR);
      for (const [x, y] of [[1, 1], [5, 17], [16, 12], [30, 22]]) {
        const v = normalAt(n, x, y);
        for (let k = 0; k < 3; k++) expect(v[k]).toBeCloseTo(m[k], 3);
      }
    }
  });

  it('is NaN where the centre or one of its 4 neighbours is invalid, unit length elsewhere', () => {
    const depth = new Float32Array(W * H).fill(3);
    depth[10 * W + 10] = NaN;
    const n = normalsFromDepth(depth, W, H, INTR);
    for (const [x, y] of [[10, 10], [9, 10], [11, 10], [10, 9], [10, 11]]) expect(normalAt(n, x, y)).toEqual([NaN, NaN, NaN]);
    expect(normalAt(n, 9, 9)).toEqual([0, 0, -1]); // a diagonal neighbour is not used
    fc.assert(
      fc.property(arbField(10, 10, 0.2), ({ depth: d, width, height }) => {
        const out = normalsFromDepth(d, width, height, { fx: 50, fy: 50, cx: 4, cy: 4 });
        expect(out.length).toBe(3 * d.length);
        for (let i = 0; i < d.length; i++) {
          const v = [out[3 * i], out[3 * i + 1], out[3 * i + 2]];
          if (Number.isNaN(v[0])) {
            expect(v.every(Number.isNaN)).toBe(true);
            continue;
          }
          expect(Math.hypot(v[0], v[1], v[2])).toBeCloseTo(1, 5);
          const x = i % width;
          const y = (i - x) / width;
          const P = [((x - 4) * d[i]) / 50, ((y - 4) * d[i]) / 50, d[i]];
          expect(v[0] * P[0] + v[1] * P[1] + v[2] * P[2]).toBeLessThanOrEqual(1e-6);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('refuses unusable intrinsics', () => {
    expect(() => normalsFromDepth(new Float32Array(9), 3, 3, { ...INTR, fx: 0 })).toThrow(RangeError);
    expect(() => normalsFromDepth(new Float32Array(9), 3, 3, { ...INTR, cy: NaN })).toThrow(RangeError);
  });
});

describe('discontinuityMask', () => {
  it('marks both sides of a step and nothing else', () => {
    const w = 8;
    const h = 3;
    const d = new Float32Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) d[y * w + x] = x < 4 ? 1 : 1.5;
    const mask = discontinuityMask(d, w, h, 0.1);
    for (let y = 0; y < h; y++) expect(list(mask.subarray(y * w, y * w + w))).toEqual([0, 0, 0, 1, 1, 0, 0, 0]);
    // The threshold is relative to the nearer depth: 0.5 > 0.45 * 1, but not > 0.5 * 1.
    expect(list(discontinuityMask(d, w, h, 0.45)).some((v) => v === 1)).toBe(true);
    expect(list(discontinuityMask(d, w, h, 0.5)).some((v) => v === 1)).toBe(false);
  });

  it('is 0 on invalid pixels and ignores invalid neighbours; symmetric in every pair', () => {
    expect(list(discontinuityMask(Float32Array.of(1, NaN, 5), 3, 1, 0.1))).toEqual([0, 0, 0]);
    fc.assert(
      fc.property(arbField(10, 10, 0.3), fc.double({ min: 0, max: 2, noNaN: true }), ({ depth, width, height }, jump) => {
        const mask = discontinuityMask(depth, width, height, jump);
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) {
            const i = y * width + x;
            if (!Number.isFinite(depth[i])) {
              expect(mask[i]).toBe(0);
              continue;
            }
            const nbrs = [
              [x - 1, y],
              [x + 1, y],
              [x, y - 1],
              [x, y + 1],
            ].filter(([u, v]) => u >= 0 && v >= 0 && u < width && v < height);
            const expected = nbrs.some(([u, v]) => {
              const q = depth[v * width + u];
              return Number.isFinite(q) && Math.abs(q - depth[i]) > jump * Math.min(q, depth[i]);
            });
            expect(mask[i]).toBe(expected ? 1 : 0);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('rejectEdges (the edge-rejection stage)', () => {
  it('removes the flying pixel between a foreground and a background, on both sides of the jump, and keeps the rest exactly', () => {
    // A row: wall at 2 m, one flying pixel at 1.5 m (interpolated), a box at 1 m.
    const depth = Float32Array.from([2, 2, 1.5, 1, 1, NaN, 1]);
    const out = rejectEdges(depth, 7, 1, 0.05);
    // 2 -> 1.5 and 1.5 -> 1 jump by more than 5 %: the pixels on each side of a jump go.
    expect([...out].map((v) => (Number.isNaN(v) ? 'x' : v))).toEqual([2, 'x', 'x', 'x', 1, 'x', 1]);
    expect(Number.isNaN(out[5])).toBe(true); // was no depth, stays none
  });

  it('a jump just under the threshold is kept, and the threshold is relative: the same at 1 m and at 10 m', () => {
    expect([...rejectEdges(Float32Array.from([1, 1.04]), 2, 1, 0.05)]).toEqual([1, Math.fround(1.04)]);
    expect([...rejectEdges(Float32Array.from([10, 10.4]), 2, 1, 0.05)]).toEqual([10, Math.fround(10.4)]);
    expect(rejectEdges(Float32Array.from([10, 10.6]), 2, 1, 0.05).every(Number.isNaN)).toBe(true);
  });

  it('gives the same pixels in inverse depth as in depth (relative jumps are domain-free)', () => {
    fc.assert(
      fc.property(arbField(12, 12), (f) => {
        const inverse = f.depth.map((z) => 1 / z);
        const inDepth = Array.from(rejectEdges(f.depth, f.width, f.height, 0.05), Number.isNaN);
        const inInverse = Array.from(rejectEdges(inverse, f.width, f.height, 0.05), Number.isNaN);
        // Away from near-ties (float32 rounding of 1/z), the same pixels are rejected.
        let differ = 0;
        inDepth.forEach((v, i) => (differ += v !== inInverse[i] ? 1 : 0));
        expect(differ).toBeLessThanOrEqual(Math.ceil(f.depth.length / 50));
      }),
      { numRuns: 50 },
    );
  });
});
