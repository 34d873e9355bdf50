import { describe, expect, it } from 'vitest';
import { occlusionVisibility } from './occlusion';

describe('occlusionVisibility', () => {
  it('hides a virtual fragment behind a nearer real surface and shows it in front', () => {
    expect(occlusionVisibility(1.5, 2.0, 0)).toBe(0);
    expect(occlusionVisibility(2.5, 2.0, 0)).toBe(1);
  });

  it('fades over the band, half-seen where the surfaces meet', () => {
    expect(occlusionVisibility(2, 2, 0.1)).toBeCloseTo(0.5, 12);
    // Smoothstep at a quarter of the band: t = 0.25 -> 0.15625.
    expect(occlusionVisibility(2 - 0.025, 2, 0.1)).toBeCloseTo(0.15625, 12);
    expect(occlusionVisibility(2 - 0.05, 2, 0.1)).toBe(0);
    expect(occlusionVisibility(2 + 0.05, 2, 0.1)).toBe(1);
    const seq = [-0.04, -0.02, 0, 0.02, 0.04].map((d) => occlusionVisibility(2 + d, 2, 0.1));
    for (let i = 1; i < seq.length; i++) expect(seq[i]).toBeGreaterThan(seq[i - 1]);
  });

  it('lets holes in the real depth hide nothing', () => {
    for (const z of [0, NaN, -1, Infinity]) expect(occlusionVisibility(z, 2, 0.02)).toBe(1);
  });
});
