/**
 * Exports read back through the app's own decoders: what a user saves must open
 * again with the same depths (to the bit for float32, to the millimetre for PNG).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeDepth } from './decode-depth';
import { depthToFloatNpy, depthToFloatTiff, depthToMillimetrePng, exportFileName } from './export-depth';

const W = 7;
const H = 5;
/** Holes of every kind, the PNG range's edges, and ordinary depths. */
function sampleDepth(): Float32Array {
  const d = Float32Array.from({ length: W * H }, (_, i) => 0.3 + i * 0.123);
  d.set([NaN, Infinity, -Infinity, 0, -0.5, 0.0004, 0.0005, 65.535, 65.536, 100, 1.2344, 1.2346], 0);
  return d;
}

describe('depthToMillimetrePng', () => {
  it('writes round(z * 1000) mm, 0 for holes, and counts what it had to drop', () => {
    const depth = sampleDepth();
    const { bytes, tooFar, tooNear } = depthToMillimetrePng(depth, W, H);
    const img = decodeDepth(bytes);
    expect([img.format, img.sampleType, img.width, img.height]).toEqual(['png', 'uint16', W, H]);
    const mm = Array.from(img.data);
    expect(mm.slice(0, 12)).toEqual([0, 0, 0, 0, 0, 0, 1, 65535, 0, 0, 1234, 1235]);
    expect([tooFar, tooNear]).toEqual([2, 3]); // 65.536 and 100 m; 0, -0.5 and 0.0004 m
    for (let i = 12; i < depth.length; i++) {
      expect(mm[i]).toBe(Math.round(depth[i] * 1000));
      expect(Math.abs(mm[i] / 1000 - depth[i])).toBeLessThanOrEqual(0.0005);
    }
  });

  it('is within half a millimetre for any depth in range', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: Math.fround(0.001), max: 65.5, noNaN: true }), { minLength: 1, maxLength: 64 }), (values) => {
        const depth = Float32Array.from(values);
        const { bytes, tooFar, tooNear } = depthToMillimetrePng(depth, depth.length, 1);
        expect(tooFar + tooNear).toBe(0);
        decodeDepth(bytes).data.forEach((mm, i) => expect(Math.abs(mm / 1000 - depth[i])).toBeLessThanOrEqual(0.0005 + 1e-9));
      }),
      { numRuns: 100 },
    );
  });
});

describe('float32 exports', () => {
  for (const [name, encode, format] of [
    ['TIFF', depthToFloatTiff, 'tiff'],
    ['NPY', depthToFloatNpy, 'npy'],
  ] as const) {
    it(`${name}: finite depths come back bit for bit, every hole as NaN, input untouched`, () => {
      const depth = sampleDepth();
      const before = Float32Array.from(depth);
      const img = decodeDepth(encode(depth, W, H));
      expect([img.format, img.sampleType, img.width, img.height]).toEqual([format, 'float32', W, H]);
      const back = img.data as Float32Array;
      depth.forEach((z, i) => {
        if (Number.isFinite(z)) expect(Object.is(back[i], z)).toBe(true);
        else expect(back[i]).toBeNaN();
      });
      expect(depth).toEqual(before);
    });
  }
});

describe('exportFileName', () => {
  it('says what the file is', () => {
    expect(exportFileName('tum-depth.png', 'filtered_depth-mm', 'png')).toBe('tum-depth_filtered_depth-mm.png');
    expect(exportFileName('tum-depth.png', 'filtered_cloud', '.ply')).toBe('tum-depth_filtered_cloud.ply');
    expect(exportFileName('tum-depth.png', 'view', 'PNG')).toBe('tum-depth_view.png');
    expect(exportFileName('frame.000123.tiff', 'filtered_depth-m', 'npy')).toBe('frame.000123_filtered_depth-m.npy');
  });

  it('drops folders, URL parts and the extension', () => {
    expect(exportFileName('/samples/tum-depth.png', 'view', 'png')).toBe('tum-depth_view.png');
    expect(exportFileName('C:\\data\\scan 01.pfm', 'view', 'png')).toBe('scan_01_view.png');
    expect(exportFileName('https://host/a/my%20depth.tif?token=x#y', 'view', 'png')).toBe('my_depth_view.png');
    expect(exportFileName('.hidden', 'view', 'png')).toBe('hidden_view.png');
  });

  it('replaces unsafe characters, caps the length, and never gives an empty name', () => {
    expect(exportFileName('a<b>c:d"e|f?g*h\u0001.png', 'x/y', 'png')).toBe('a_b_c_d_e_f_g_h_x_y.png');
    expect(exportFileName('', 'view', 'png')).toBe('depth_view.png');
    expect(exportFileName('...', 'view', 'png')).toBe('depth_view.png');
    const long = exportFileName(`${'深'.repeat(59)}😀😀.png`, 'view', 'png');
    expect(long).toBe(`${'深'.repeat(59)}😀_view.png`); // 60 code points, no half surrogate
    expect(new TextEncoder().encode(long).length).toBeLessThan(255);
  });
});
