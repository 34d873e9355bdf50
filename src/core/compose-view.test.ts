import { describe, expect, it } from 'vitest';
import { composeView, filteredAt, type ComposeInput } from './compose-view';

// 5x3 raw field; the filtered one decimated by 2 (2x1: the last column and row dropped).
const raw = Float32Array.from([1, 2, 3, 4, 5, 6, NaN, 8, 9, 10, 11, 12, 13, 14, 15]);
const input: ComposeInput = { raw, width: 5, height: 3, filtered: Float32Array.from([1.5, NaN]), filteredWidth: 2, filteredHeight: 1, factor: 2 };

describe('composeView', () => {
  it('shows filtered pixels in blocks of the decimation factor, and nothing where decimation dropped pixels', () => {
    const out = composeView(input, 'filtered', 0);
    expect(Array.from(out.subarray(0, 5))).toEqual([1.5, 1.5, NaN, NaN, NaN]);
    expect(Array.from(out.subarray(5, 10))).toEqual([1.5, 1.5, NaN, NaN, NaN]);
    expect(Array.from(out.subarray(10))).toEqual([NaN, NaN, NaN, NaN, NaN]);
    expect(filteredAt(input, 4, 0)).toBeNaN();
  });

  it('shows raw depth as it is', () => {
    expect(Array.from(composeView(input, 'raw', 0))).toEqual(Array.from(raw));
  });

  it('splits at a column: raw left of it, filtered from it on', () => {
    const out = composeView(input, 'split', 1);
    expect(Array.from(out.subarray(0, 5))).toEqual([1, 1.5, NaN, NaN, NaN]);
    expect(out[5]).toBe(6);
  });

  it('differences filtered - raw in float32, no depth where either has none', () => {
    const same: ComposeInput = { ...input, filtered: Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.4, 1.5]), filteredWidth: 5, filteredHeight: 3, factor: 1 };
    const out = composeView(same, 'difference', 0);
    expect(out[0]).toBe(Math.fround(Math.fround(0.1) - 1));
    expect(out[6]).toBeNaN();
  });
});
