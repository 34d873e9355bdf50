import { describe, expect, it } from 'vitest';
import { bilinearTap, modelInputReference, type ModelInputParams } from './model-input';

const DA: Omit<ModelInputParams, 'width' | 'height'> = { rescale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

describe('bilinearTap', () => {
  it('splits (o + ½) · src / out − ½ exactly into a tap and a remainder', () => {
    for (const [src, out] of [[640, 518], [90, 294], [333, 70], [7, 7]]) {
      for (let o = 0; o < out; o++) {
        const { i0, rem, den } = bilinearTap(o, src, out);
        expect(rem).toBeGreaterThanOrEqual(0);
        expect(rem).toBeLessThan(den);
        expect(i0 + rem / den).toBeCloseTo(((o + 0.5) * src) / out - 0.5, 12);
      }
    }
  });
});

describe('modelInputReference', () => {
  it('at the same size is transformers.js’s rescale and normalise, planar', () => {
    const rgba = new Uint8Array([10, 20, 30, 255, 200, 100, 0, 7]);
    const out = modelInputReference(rgba, 2, 1, { width: 2, height: 1, ...DA });
    const want = (v: number, c: number) => Math.fround((v / 255 - DA.mean[c]) / DA.std[c]);
    expect(Array.from(out)).toEqual([want(10, 0), want(200, 0), want(20, 1), want(100, 1), want(30, 2), want(0, 2)]);
    // Alpha is ignored, as transformers.js's rgb() drops it.
  });

  it('keeps a linear ramp linear when resizing (pixel centres aligned)', () => {
    const w = 64;
    const rgba = new Uint8Array(w * 4);
    for (let x = 0; x < w; x++) rgba.set([x * 4, x * 4, x * 4, 255], x * 4);
    const out = modelInputReference(rgba, w, 1, { width: 40, height: 1, rescale: 1, mean: [0, 0, 0], std: [1, 1, 1] });
    for (let x = 0; x < 40; x++) {
      const sx = Math.min(Math.max(((x + 0.5) * w) / 40 - 0.5, 0), w - 1);
      expect(out[x]).toBeCloseTo(sx * 4, 4);
    }
  });
});
