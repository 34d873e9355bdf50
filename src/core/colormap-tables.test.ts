import { describe, expect, it } from 'vitest';
import { COLORMAP_NAMES, colormapTable, type ColormapName } from './colormap-tables';

const rgb = (name: ColormapName, i: number) => Array.from(colormapTable(name).subarray(i * 3, i * 3 + 3));

/** CIELAB L* of an sRGB byte triple (D65): the lightness the perceptual maps are built to increase. */
function lightness([r, g, b]: number[]): number {
  const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  const y = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (y * 24389) / 27;
}

describe('colormapTable', () => {
  it('has 256 RGB entries for every name, and caches them', () => {
    for (const name of COLORMAP_NAMES) {
      expect(colormapTable(name)).toHaveLength(768);
      expect(colormapTable(name)).toBe(colormapTable(name));
    }
  });

  it('reproduces known entries of the published tables', () => {
    // Round(v * 255) of matplotlib's _cm_listed.py first/last rows.
    expect(rgb('viridis', 0)).toEqual([68, 1, 84]);
    expect(rgb('viridis', 255)).toEqual([253, 231, 37]);
    expect(rgb('viridis', 128)).toEqual([33, 145, 140]); // _viridis_data[128] = [0.127568, 0.566949, 0.550556]
    expect(rgb('turbo', 0)).toEqual([48, 18, 59]);
    expect(rgb('turbo', 255)).toEqual([122, 4, 3]);
    expect(rgb('inferno', 0)).toEqual([0, 0, 4]);
    expect(rgb('inferno', 255)).toEqual([252, 255, 164]);
    expect(rgb('magma', 0)).toEqual([0, 0, 4]);
    expect(rgb('magma', 255)).toEqual([252, 253, 191]);
    expect(rgb('plasma', 0)).toEqual([13, 8, 135]);
    expect(rgb('plasma', 255)).toEqual([240, 249, 33]);
  });

  it('gray is linear', () => {
    for (let i = 0; i < 256; i++) expect(rgb('gray', i)).toEqual([i, i, i]);
  });

  it('jet is matplotlib’s segment data at i / 255, rounded half-up in exact arithmetic', () => {
    expect(rgb('jet', 0)).toEqual([0, 0, 128]);
    expect(rgb('jet', 255)).toEqual([128, 0, 0]);
    // Breakpoints in thousandths and values in halves, so 255 * value is an exact
    // fraction: 255 * y(i/255) = (255*Y0*(X1-X0)/2 + 255*(Y1-Y0)/2*(1000*i/255 - X0)) / (X1-X0)
    // with X = 1000 x, Y = 2 y. Multiply through by 2 * 255 * (X1 - X0) to stay in integers.
    const segments: [number, number][][] = [
      [[0, 0], [350, 0], [660, 2], [890, 2], [1000, 1]],
      [[0, 0], [125, 0], [375, 2], [640, 2], [910, 0], [1000, 0]],
      [[0, 1], [110, 2], [340, 2], [650, 0], [1000, 0]],
    ];
    for (let i = 0; i < 256; i++) {
      const expected = segments.map((seg) => {
        const x = 1000 * i; // in units of 1/255000
        let k = 1;
        while (k < seg.length - 1 && seg[k][0] * 255 < x) k++;
        const [X0, Y0] = seg[k - 1];
        const [X1, Y1] = seg[k];
        // value * 255 = num / den exactly
        const num = Y0 * 255 * (X1 - X0) * 255 + Y1 * 255 * (x - X0 * 255) - Y0 * 255 * (x - X0 * 255);
        const den = 2 * (X1 - X0) * 255;
        return Math.floor((2 * num + den) / (2 * den)); // round half up
      });
      expect(rgb('jet', i), `jet[${i}]`).toEqual(expected);
    }
  });

  it('the perceptual maps and gray get lighter from index 0 to 255', () => {
    for (const name of ['viridis', 'inferno', 'magma', 'plasma', 'gray'] as const) {
      let prev = -Infinity;
      for (let i = 0; i < 256; i++) {
        const l = lightness(rgb(name, i));
        // Byte rounding can wobble L* by a few hundredths between neighbours.
        expect(l, `${name}[${i}]`).toBeGreaterThan(prev - 0.1);
        prev = l;
      }
      expect(lightness(rgb(name, 255)) - lightness(rgb(name, 0))).toBeGreaterThan(60);
    }
  });
});
