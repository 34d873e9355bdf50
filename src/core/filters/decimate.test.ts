import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decimate, decimatedIntrinsics } from './decimate';
import { arbField, f32, list } from './test-support';

/** Independent lower median: the value v of the block with #(< v) <= m < #(<= v), m = floor((n-1)/2). */
function lowerMedianBrute(values: number[]): number {
  const valid = values.filter(Number.isFinite);
  if (valid.length === 0) return Number.NaN;
  const m = Math.floor((valid.length - 1) / 2);
  for (const v of valid) {
    const below = valid.filter((u) => u < v).length;
    const atMost = valid.filter((u) => u <= v).length;
    if (below <= m && m < atMost) return v;
  }
  throw new Error('unreachable');
}

describe('decimate', () => {
  it('takes the lower median of the valid samples of each block', () => {
    // 4 x 2, factor 2: blocks [1 4 / 2 3] -> 1,2,3,4 -> 2 ; [NaN 5 / 3 9] -> 3,5,9 -> 5
    const d = f32(1, 4, NaN, 5, 2, 3, 3, 9);
    const r = decimate(d, 4, 2, 2);
    expect(r).toEqual({ depth: f32(2, 5), width: 2, height: 1 });
  });

  it('gives NaN for a block without valid samples and ignores Infinity', () => {
    const d = f32(NaN, Infinity, 7, NaN, -Infinity, NaN, NaN, NaN);
    expect(list(decimate(d, 4, 2, 2).depth)).toEqual([NaN, 7]);
  });

  it('drops the partial blocks at the right and bottom edges', () => {
    const w = 7;
    const h = 5;
    const d = new Float32Array(w * h).fill(1);
    // Garbage in the dropped column (x = 6) and rows (y = 3, 4) must not matter.
    for (let y = 0; y < h; y++) d[y * w + 6] = 100;
    for (let x = 0; x < w; x++) d[3 * w + x] = d[4 * w + x] = 100;
    const r = decimate(d, w, h, 3);
    expect(r.width).toBe(2);
    expect(r.height).toBe(1);
    expect(list(r.depth)).toEqual([1, 1]);
    expect(decimate(new Float32Array(3), 3, 1, 4)).toEqual({ depth: new Float32Array(0), width: 0, height: 0 });
  });

  it('agrees with an independent lower median and outputs only samples of the block', () => {
    fc.assert(
      fc.property(arbField(20, 20, 0.4), fc.integer({ min: 2, max: 8 }), ({ depth, width, height }, f) => {
        const copy = depth.slice();
        const r = decimate(depth, width, height, f);
        expect(list(depth)).toEqual(list(copy)); // pure
        expect(r.width).toBe(Math.floor(width / f));
        expect(r.height).toBe(Math.floor(height / f));
        for (let oy = 0; oy < r.height; oy++) {
          for (let ox = 0; ox < r.width; ox++) {
            const block: number[] = [];
            for (let y = oy * f; y < oy * f + f; y++) for (let x = ox * f; x < ox * f + f; x++) block.push(depth[y * width + x]);
            const got = r.depth[oy * r.width + ox];
            expect(got).toEqual(lowerMedianBrute(block));
            if (!Number.isNaN(got)) expect(block).toContain(got);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuses factors outside 2..8 and mismatched sizes', () => {
    expect(() => decimate(new Float32Array(16), 4, 4, 1)).toThrow(RangeError);
    expect(() => decimate(new Float32Array(16), 4, 4, 9)).toThrow(RangeError);
    expect(() => decimate(new Float32Array(16), 4, 4, 2.5)).toThrow(RangeError);
    expect(() => decimate(new Float32Array(15), 4, 4, 2)).toThrow(RangeError);
  });
});

describe('decimatedIntrinsics', () => {
  it('applies f / factor and the pixel-centre shift', () => {
    expect(decimatedIntrinsics({ fx: 500, fy: 400, cx: 319.5, cy: 239.5 }, 2)).toEqual({ fx: 250, fy: 200, cx: 159.5, cy: 119.5 });
    const i4 = decimatedIntrinsics({ fx: 100, fy: 100, cx: 0, cy: 10 }, 4);
    expect(i4.cx).toBeCloseTo(-0.375, 12);
    expect(i4.cy).toBeCloseTo(2.125, 12);
  });

  it('projects a 3D point onto the output pixel whose block centre it hits at full resolution', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: 0.5, max: 10, noNaN: true }),
        fc.integer({ min: 2, max: 8 }),
        (X, Y, Z, f) => {
          const intr = { fx: 525, fy: 520, cx: 319.5, cy: 241.2 };
          const d = decimatedIntrinsics(intr, f);
          const u = (intr.fx * X) / Z + intr.cx;
          const v = (intr.fy * Y) / Z + intr.cy;
          // Output pixel U's block centre is input x = U*f + (f-1)/2.
          const U = (d.fx * X) / Z + d.cx;
          const V = (d.fy * Y) / Z + d.cy;
          expect(U * f + (f - 1) / 2).toBeCloseTo(u, 9);
          expect(V * f + (f - 1) / 2).toBeCloseTo(v, 9);
        },
      ),
    );
  });
});
