import { describe, expect, it } from 'vitest';
import { FrameCache } from './frame-cache';

describe('FrameCache', () => {
  const cache = () => new FrameCache<Uint8Array>(100, (v) => v.length);

  it('keeps frames until the byte budget is spent, dropping the least recently used first', () => {
    const c = cache();
    c.set(0, new Uint8Array(40));
    c.set(1, new Uint8Array(40));
    expect(c.get(0)?.length).toBe(40); // 0 is now the most recent
    c.set(2, new Uint8Array(40));
    expect(c.get(1)).toBeUndefined();
    expect(c.get(0)).toBeDefined();
    expect(c.get(2)).toBeDefined();
    expect(c.bytes).toBe(80);
  });

  it('never holds more than its budget, and skips a frame larger than all of it', () => {
    const c = cache();
    c.set(0, new Uint8Array(101));
    expect(c.size).toBe(0);
    for (let i = 0; i < 50; i++) c.set(i, new Uint8Array(7 + (i % 5)));
    expect(c.bytes).toBeLessThanOrEqual(100);
  });

  it('replaces a key without counting it twice', () => {
    const c = cache();
    c.set(3, new Uint8Array(60));
    c.set(3, new Uint8Array(30));
    expect(c.bytes).toBe(30);
    expect(c.size).toBe(1);
  });
});
