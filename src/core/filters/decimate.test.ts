import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decimate, decimatedIntrinsics, decimatedSize } from './decimate';
import { arbField, f32, list } from '../../io/filter-field-fixtures';

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

describe('decimate (librealsense decimation-filter.cpp:376-505)', () => {
  /** The real (unpadded) block grid of an output, row by row. */
  const real = (r: { depth: Float32Array; width: number }, w: number, h: number) =>
    Array.from({ length: h }, (_, y) => list(r.depth.subarray(y * r.width, y * r.width + w)));

  it('takes the lower median of the valid samples of each block for factors 2 and 3 (cpp:409-444)', () => {
    // 4 x 2, factor 2: blocks [1 4 / 2 3] -> 1,2,3,4 -> 2 ; [NaN 5 / 3 9] -> 3,5,9 -> 5
    const d = f32(1, 4, NaN, 5, 2, 3, 3, 9);
    const r = decimate(d, 4, 2, 2);
    expect(real(r, 2, 1)).toEqual([[2, 5]]);
  });

  it('pads the output to a multiple of 4 each way with no depth (cpp:338-345, 450-452, 499-504)', () => {
    const r = decimate(new Float32Array(4 * 2).fill(1), 4, 2, 2);
    expect([r.width, r.height]).toEqual([4, 4]);
    expect(list(r.depth)).toEqual([1, 1, NaN, NaN, ...Array<number>(12).fill(NaN)]);
    expect(decimatedSize(640, 480, 3)).toEqual({ width: 216, height: 160, realWidth: 213, realHeight: 160 });
    expect(decimatedSize(3, 1, 4)).toEqual({ width: 0, height: 0, realWidth: 0, realHeight: 0 });
  });

  it('takes the mean of the valid samples above factor 3, truncated to a whole unit on integer sources (cpp:467-486)', () => {
    // 4 x 4 block of mm: 1, 2, 2 and 13 holes: sum 5 / 3 = 1.67 -> 1 mm.
    const d = new Float32Array(16).fill(NaN);
    d[0] = 0.001;
    d[5] = 0.002;
    d[15] = 0.002;
    const units = decimate(d, 4, 4, 4, { kind: 'units', unitM: 0.001 });
    expect(units.depth[0]).toBe(Math.fround(1 * Math.fround(0.001)));
    expect(decimate(d, 4, 4, 4).depth[0]).toBe(Math.fround((d[0] + d[5] + d[15]) / 3));
    expect(decimate(new Float32Array(16).fill(NaN), 4, 4, 4).depth[0]).toBeNaN();
  });

  it('gives NaN for a block without valid samples and ignores Infinity', () => {
    const d = f32(NaN, Infinity, 7, NaN, -Infinity, NaN, NaN, NaN);
    expect(real(decimate(d, 4, 2, 2), 2, 1)).toEqual([[NaN, 7]]);
  });

  it('drops the partial blocks at the right and bottom edges', () => {
    const w = 7;
    const h = 5;
    const d = new Float32Array(w * h).fill(1);
    // Garbage in the dropped column (x = 6) and rows (y = 3, 4) must not matter.
    for (let y = 0; y < h; y++) d[y * w + 6] = 100;
    for (let x = 0; x < w; x++) d[3 * w + x] = d[4 * w + x] = 100;
    expect(real(decimate(d, w, h, 3), 2, 1)).toEqual([[1, 1]]);
  });

  it('agrees with an independent lower median (2, 3) or mean (above) and pads with NaN', () => {
    fc.assert(
      fc.property(arbField(20, 20, 0.4), fc.integer({ min: 2, max: 8 }), ({ depth, width, height }, f) => {
        const copy = depth.slice();
        const r = decimate(depth, width, height, f);
        expect(list(depth)).toEqual(list(copy)); // pure
        expect(r.width).toBe(Math.ceil(Math.floor(width / f) / 4) * 4);
        expect(r.height).toBe(Math.ceil(Math.floor(height / f) / 4) * 4);
        for (let oy = 0; oy < r.height; oy++) {
          for (let ox = 0; ox < r.width; ox++) {
            const got = r.depth[oy * r.width + ox];
            if (ox >= Math.floor(width / f) || oy >= Math.floor(height / f)) {
              expect(got).toBeNaN();
              continue;
            }
            const block: number[] = [];
            for (let y = oy * f; y < oy * f + f; y++) for (let x = ox * f; x < ox * f + f; x++) block.push(depth[y * width + x]);
            const valid = block.filter(Number.isFinite);
            if (f <= 3) {
              expect(got).toEqual(lowerMedianBrute(block));
              if (!Number.isNaN(got)) expect(block).toContain(got);
            } else if (valid.length === 0) expect(got).toBeNaN();
            else expect(got).toBe(Math.fround(valid.reduce((a, b) => a + b, 0) / valid.length));
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
