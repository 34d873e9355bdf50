import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EDGE_FACTOR, pushPullFill, withinJump } from './push-pull';
import { arbField, f32, list } from '../../io/filter-field-fixtures';

const blend = { fill: 'blend', inverse: false } as const;
const edge = { fill: 'edge', inverse: false } as const;
const f = Math.fround;

describe('pushPullFill: push by weighted means, pull by bilinear interpolation', () => {
  it('matches hand computations', () => {
    // 4 x 1, one level: level 1 = [1 (weight 1), none]. x = 1 and x = 2 reach the first
    // coarse pixel through a bilinear tap; x = 3's taps are the empty one and none.
    expect(list(pushPullFill(f32(1, NaN, NaN, NaN), 4, 1, 1))).toEqual([1, 1, 1, NaN]);
    // 8 x 1, a hole between 2 and 6. Level 1 = [2 (w 2), -, -, 6 (w 2)]; level 2 = [2, 6] (w 2
    // each). Pull to level 1: x = 1 has taps 0 (3/4) and 1 (1/4): (1.5 * 2 + 0.5 * 6) / 2 = 3,
    // weight 2 / 4; x = 2 likewise 5. Pull to level 0: x = 2 from level 1's 2 (1/4 x w 2) and
    // 3 (3/4 x w 0.5): (0.5 * 2 + 0.375 * 3) / 0.875; x = 3 from 3 and 5 (3/4, 1/4 x w 0.5): 3.5.
    const ramp = pushPullFill(f32(2, 2, NaN, NaN, NaN, NaN, 6, 6), 8, 1, 2);
    expect(list(ramp)).toEqual([2, 2, f(2.125 / 0.875), 3.5, 4.5, f(4.875 / 0.875), 6, 6]);
  });

  it('weights children by the valid input they hold: a coarse value is the mean of its block', () => {
    // 4 x 1 = [1, 3, 5, -] and one hole after: level 1 = [2 (w 2), 5 (w 1)], level 2 = [(2*2 + 5) / 3 = 3].
    const out = pushPullFill(f32(1, 3, 5, NaN, NaN, NaN, NaN, NaN), 8, 1, 3);
    // x = 7 is reached only through level 2's mean 3 and level 1's empty pixel 3: exactly 3.
    expect(out[7]).toBe(3);
  });

  it('fills without blocks: across a hole between two levels the fill rises at every pixel', () => {
    const w = 64;
    const d = new Float32Array(w * 8);
    for (let y = 0; y < 8; y++) for (let x = 0; x < w; x++) d[y * w + x] = x < 16 ? 1 : x >= 48 ? 3 : NaN;
    const out = pushPullFill(d, w, 8, 5);
    for (let y = 0; y < 8; y++) {
      for (let x = 16; x < 48; x++) expect(out[y * w + x], `(${x}, ${y})`).toBeGreaterThan(out[y * w + x - 1]);
    }
  });

  it('fills a constant field with holes with that constant', () => {
    const d = new Float32Array(40 * 30).fill(1.7);
    d.fill(NaN, 100, 300);
    expect(list(pushPullFill(d, 40, 30, 4)).every((v) => v === f(1.7))).toBe(true);
    expect(list(pushPullFill(d, 40, 30, 4, edge)).every((v) => v === f(1.7))).toBe(true);
  });

  it('closes any square hole narrower than 2^levels px, anywhere', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (levels, x0, y0) => {
        const w = 64;
        const d = new Float32Array(w * w);
        for (let i = 0; i < d.length; i++) d[i] = 1 + (i % 7) * 0.1;
        const side = 2 ** levels - 1;
        for (let y = y0; y < y0 + side; y++) d.fill(NaN, y * w + x0, y * w + x0 + side);
        expect(list(pushPullFill(d, w, w, levels)).some(Number.isNaN)).toBe(false);
        expect(list(pushPullFill(d, w, w, levels, edge)).some(Number.isNaN)).toBe(false);
      }),
    );
  });

  it('leaves a pixel NaN only where its aligned 2^levels block has no valid input, and closes everything once the coarsest level is 1 x 1', () => {
    fc.assert(
      fc.property(arbField(20, 20, 0.85), fc.integer({ min: 1, max: 5 }), ({ depth, width, height }, levels) => {
        const out = pushPullFill(depth, width, height, levels);
        const blockHasData = new Set<string>();
        depth.forEach((v, i) => Number.isFinite(v) && blockHasData.add(`${(i % width) >> levels},${Math.floor(i / width) >> levels}`));
        out.forEach((v, i) => {
          if (Number.isNaN(v)) expect(blockHasData.has(`${(i % width) >> levels},${Math.floor(i / width) >> levels}`)).toBe(false);
        });
        if (levels === 5 && blockHasData.size > 0) expect(list(out).some(Number.isNaN)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});

describe('pushPullFill, edge-aware', () => {
  it('fills a hole between a near and a far surface from the far side', () => {
    const d = f32(1, 1, NaN, NaN, NaN, NaN, 4, 4);
    expect(list(pushPullFill(d, 8, 1, 2, edge))).toEqual([1, 1, 4, 4, 4, 4, 4, 4]);
    // Blending crosses the edge: values between the two surfaces.
    const mixed = list(pushPullFill(d, 8, 1, 2, blend)).slice(2, 6);
    expect(mixed.every((v) => v > 1 && v < 4)).toBe(true);
    // In inverse depth far is the small value: the same fill, in 1/m.
    const inv = f32(1, 1, NaN, NaN, NaN, NaN, 0.25, 0.25);
    expect(list(pushPullFill(inv, 8, 1, 2, { fill: 'edge', inverse: true }))).toEqual([1, 1, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25]);
  });

  it('blends as usual where the sides differ by less than the jump (10 %)', () => {
    const d = f32(2, 2, NaN, NaN, NaN, NaN, 2.1, 2.1);
    expect(list(pushPullFill(d, 8, 1, 2, edge))).toEqual(list(pushPullFill(d, 8, 1, 2, blend)));
  });

  it('keeps a candidate exactly at the jump, and not the f32 below it', () => {
    const far = 2.2;
    const atJump = far / EDGE_FACTOR;
    // The f32 candidate whose product with the factor reaches the far key (f32 products, as the kernel).
    let k = f(atJump);
    while (f(k * EDGE_FACTOR) < f(far)) k = f(k + 2 ** -22);
    while (f(f(k - 2 ** -22) * EDGE_FACTOR) >= f(far)) k = f(k - 2 ** -22);
    expect(withinJump(k, f(far), false)).toBe(true);
    expect(withinJump(f(k - 2 ** -22), f(far), false)).toBe(false);
    expect(withinJump(f(far * EDGE_FACTOR), f(far), true)).toBe(true);
  });

  it('never changes a valid pixel and fills with one surface or the other, never a mix', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), fc.integer({ min: 1, max: 6 }), (hole, levels) => {
        const w = 64;
        const d = new Float32Array(w * 4);
        for (let i = 0; i < d.length; i++) d[i] = i % w < 32 ? 1.5 : 3;
        for (let y = 0; y < 4; y++) d.fill(NaN, y * w + 32 - (hole >> 1), y * w + 32 + hole - (hole >> 1));
        const out = pushPullFill(d, w, 4, levels, edge);
        out.forEach((v, i) => {
          if (Number.isFinite(d[i])) expect(v).toBe(d[i]);
          else if (!Number.isNaN(v)) expect([1.5, 3]).toContain(v);
        });
        // Blending, where the pyramid bridges the hole (it closes it), mixes the two sides.
        const blended = list(pushPullFill(d, w, 4, levels, blend));
        if (hole >= 4 && !blended.some(Number.isNaN)) expect(blended.some((v) => v > 1.5 && v < 3)).toBe(true);
      }),
    );
  });

  it('refuses bad arguments', () => {
    expect(() => pushPullFill(new Float32Array(4), 2, 2, 0)).toThrow(RangeError);
    expect(() => pushPullFill(new Float32Array(4), 2, 2, 13)).toThrow(RangeError);
    expect(() => pushPullFill(new Float32Array(4), 2, 2, 1, { fill: 'smear' as 'edge', inverse: false })).toThrow(RangeError);
  });
});
