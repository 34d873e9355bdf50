import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from './seeded-random';

describe('mulberry32', () => {
  it('repeats its sequence for a seed, and differs between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const sa = Array.from({ length: 20 }, a);
    expect(Array.from({ length: 20 }, b)).toEqual(sa);
    expect(Array.from({ length: 20 }, c)).not.toEqual(sa);
  });

  it('is uniform on [0, 1)', () => {
    const r = mulberry32(7);
    const bins = new Array<number>(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = r();
      if (!(u >= 0 && u < 1)) throw new Error(`out of range: ${u}`);
      bins[Math.floor(u * 10)]++;
    }
    // Each bin expects 10 000 with a standard deviation of ~95.
    for (const count of bins) expect(Math.abs(count - n / 10)).toBeLessThan(500);
  });
});

describe('gaussian', () => {
  it('has mean 0 and standard deviation 1', () => {
    const g = gaussian(mulberry32(3));
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const x = g();
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.sqrt(sumSq / n - mean * mean)).toBeCloseTo(1, 2);
  });
});
