import { describe, expect, it } from 'vitest';
import { evalSettingsOn, referenceOnGrid, regionBetween, resampleNote } from './compare-grid';
import { DEFAULT_COMPARE_SETTINGS, signedErrorHalfRange } from './compare-store';
import type { RawDepthImage } from '../core/depth-image';

const raw = (width: number, height: number) => ({ width, height }) as RawDepthImage;

describe('the reference on the map grid', () => {
  it('is the same array when the sizes match, and a nearest-neighbour copy (cached) when not', () => {
    // 2x2 reference with distinct values: a 4x4 grid repeats each as a 2x2 block.
    const ref = { depth: Float32Array.from([1, 2, 3, 4]), raw: raw(2, 2) };
    expect(referenceOnGrid(ref, 2, 2)).toBe(ref.depth);
    const up = referenceOnGrid(ref, 4, 4);
    expect([...up]).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
    expect(referenceOnGrid(ref, 4, 4)).toBe(up);
    // Halving picks each block's bottom-right sample (pixel centres aligned), never a blend.
    const big = { depth: Float32Array.from({ length: 16 }, (_, i) => i), raw: raw(4, 4) };
    expect([...referenceOnGrid(big, 2, 2)]).toEqual([5, 7, 13, 15]);
  });

  it('says when it resampled, and warns when the aspect ratios differ', () => {
    expect(resampleNote(640, 480, 640, 480)).toBeNull();
    expect(resampleNote(320, 240, 640, 480)).toMatch(/320×240.*640×480.*nearest neighbour/);
    expect(resampleNote(320, 240, 640, 480)).not.toMatch(/aspect/);
    expect(resampleNote(1242, 375, 640, 480)).toMatch(/aspect ratios differ/);
  });
});

describe('evaluation settings on a grid', () => {
  it('refuses the Eigen crop off 640x480 with a message naming the size, and passes crop and cap through', () => {
    const eigen = { ...DEFAULT_COMPARE_SETTINGS, crop: 'eigen-nyu' as const, cap: { min: 0.001, max: 10 } };
    expect(evalSettingsOn(eigen, 640, 480)).toEqual({ ok: true, settings: { crop: 'eigen-nyu', cap: { min: 0.001, max: 10 }, region: null } });
    const refused = evalSettingsOn(eigen, 320, 240);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toMatch(/Eigen crop.*320×240/);
    expect(evalSettingsOn({ ...eigen, crop: 'garg-kitti' }, 320, 240).ok).toBe(true);
  });
});

describe('the signed error scale', () => {
  it("is the user's, else twice the last RMSE, else 10 cm", () => {
    const result = { metrics: { rmse: 0.04 } } as never;
    expect(signedErrorHalfRange({ signedRangeM: 0.5, result })).toBe(0.5);
    expect(signedErrorHalfRange({ signedRangeM: null, result })).toBe(0.08);
    expect(signedErrorHalfRange({ signedRangeM: null, result: null })).toBe(0.1);
  });
});

describe('the drawn region', () => {
  it('spans the pixels under both ends of the drag, whichever way it went, inside the image', () => {
    expect(regionBetween({ x: 300, y: 260 }, { x: 100, y: 120 }, 640, 480)).toEqual({ x0: 100, y0: 120, x1: 301, y1: 261 });
    expect(regionBetween({ x: 639, y: 479 }, { x: 639, y: 479 }, 640, 480)).toEqual({ x0: 639, y0: 479, x1: 640, y1: 480 });
  });

  it('covers every decimated cell any of its pixels falls in', () => {
    const settings = { ...DEFAULT_COMPARE_SETTINGS, region: { x0: 101, y0: 120, x1: 301, y1: 261 } };
    const on = evalSettingsOn(settings, 320, 240, 2);
    expect(on.ok && on.settings.region).toEqual({ x0: 50, y0: 60, x1: 151, y1: 131 });
  });
});
