import { describe, expect, it } from 'vitest';
import { CHECKER_DARK, CHECKER_LIGHT, colorize, colormapIndex, colormapPosition } from './colorize';

// A table whose entry k is (k, 255 - k, k ^ 0x55): every index readable from the colour.
const table = new Uint8Array(768);
for (let k = 0; k < 256; k++) table.set([k, 255 - k, k ^ 0x55], k * 3);
const base = { lo: 1, hi: 3, logScale: false, reverse: false, checkerPx: 2 };

describe('colorize (reference of colormap.wgsl)', () => {
  it('maps lo to the first entry, hi to the last, and clamps outside', () => {
    const out = colorize(new Float32Array([1, 3, 0.5, 9, 2]), 5, 1, table, base);
    expect([...out.subarray(0, 4)]).toEqual([0, 255, 0x55, 255]);
    expect([...out.subarray(4, 8)]).toEqual([255, 0, 255 ^ 0x55, 255]);
    expect(out[8]).toBe(0);
    expect(out[12]).toBe(255);
    expect(out[16]).toBe(128); // t = 0.5 -> round(127.5) = 128
  });

  it('reverses', () => {
    const out = colorize(new Float32Array([1]), 1, 1, table, { ...base, reverse: true });
    expect(out[0]).toBe(255);
  });

  it('maps the geometric middle to the middle in log scale', () => {
    expect(colormapPosition(Math.sqrt(3), { ...base, logScale: true })).toBeCloseTo(0.5, 6);
  });

  it('draws no-depth pixels as a checkerboard, and non-positive values in log scale too', () => {
    const d = new Float32Array([NaN, Infinity, -Infinity, 0, NaN, 2, 2, 2]);
    const out = colorize(d, 4, 2, table, { ...base, logScale: true, checkerPx: 1 });
    expect(out[0]).toBe(CHECKER_LIGHT); // (0,0)
    expect(out[4]).toBe(CHECKER_DARK); // (1,0)
    expect(out[8]).toBe(CHECKER_LIGHT); // (2,0)
    expect(out[12]).toBe(CHECKER_DARK); // (3,0): 0 has no log
    expect(out[16]).toBe(CHECKER_DARK); // (0,1)
    expect(out[23]).toBe(255);
  });

  it('rounds to the nearest of 256 entries', () => {
    expect(colormapIndex(0)).toBe(0);
    expect(colormapIndex(1)).toBe(255);
    expect(colormapIndex(0.5 / 255 - 1e-6)).toBe(0);
    expect(colormapIndex(0.5 / 255 + 1e-6)).toBe(1);
  });
});
