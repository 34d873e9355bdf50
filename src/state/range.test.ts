import { describe, expect, it } from 'vitest';
import { widenRange } from './range';

describe('widenRange', () => {
  it('leaves a proper range alone', () => expect(widenRange(1, 3, false)).toEqual([1, 3]));
  it('orders a reversed range', () => expect(widenRange(3, 1, false)).toEqual([1, 3]));
  it('opens a flat range around its value', () => {
    const [a, b] = widenRange(2, 2, false);
    expect(a).toBeLessThan(2);
    expect(b).toBeGreaterThan(2);
  });
  it('keeps log ranges positive, from the smallest positive value', () => {
    expect(widenRange(-1, 5, true, new Float32Array([-1, 0, 0.25, 5]))).toEqual([0.25, 5]);
    const [a] = widenRange(0, 0, true);
    expect(a).toBeGreaterThan(0);
  });
});
