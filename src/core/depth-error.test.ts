import { describe, expect, it } from 'vitest';
import { scoreDepth } from './depth-error';

const N = Number.NaN;
const f32 = (...v: number[]) => Float32Array.from(v);

describe('scoreDepth', () => {
  it('scores where output and truth both have a depth, and splits kept from filled pixels', () => {
    const truth = f32(1, 2, 4, 4, N);
    const input = f32(1.5, N, 4, N, 3);
    const output = f32(1.5, 1, N, 3.5, 3);
    //          kept(0.5) filled(1) dropped filled(0.5) no truth
    const s = scoreDepth(output, truth, input, Uint8Array.from([0, 1, 0, 2, 0]));
    expect(s.scored).toBe(3);
    expect(s.rmse).toBeCloseTo(Math.sqrt((0.25 + 1 + 0.25) / 3), 12);
    expect(s.mae).toBeCloseTo(2 / 3, 12);
    expect(s.relMae).toBeCloseTo((0.5 / 1 + 1 / 2 + 0.5 / 4) / 3, 12);
    expect(s.rmseKept).toBeCloseTo(0.5, 12);
    expect(s.validFraction).toBe(4 / 5);
    expect(s.holesClosed).toBe(1); // both holes with a true depth got one
    expect(s.filledMae).toBeCloseTo(0.75, 12);
    expect(s.closedByLabel).toEqual([N, 1, 1]);
    expect(s.filledMaeByLabel).toEqual([N, 1, 0.5]);
  });

  it('refuses maps of different sizes', () => {
    expect(() => scoreDepth(f32(1), f32(1, 2), f32(1, 2))).toThrow(RangeError);
  });
});
