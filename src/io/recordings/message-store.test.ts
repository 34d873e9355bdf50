/** The decompressed-chunk cache holds at most a few chunks and CACHE_BYTES, whatever is read. */
import { describe, expect, it } from 'vitest';
import { CACHE_BYTES, ChunkCache } from './message-store';

describe('ChunkCache', () => {
  it('keeps the most recently used chunks, at most 4 and CACHE_BYTES', async () => {
    const cache = new ChunkCache(4);
    let loads = 0;
    const load = (n: number) => () => {
      loads++;
      return Promise.resolve(new Uint8Array(n));
    };
    for (let k = 0; k < 6; k++) await cache.get(k, load(10));
    expect(loads).toBe(6);
    await cache.get(5, load(10));
    await cache.get(2, load(10));
    expect(loads).toBe(6); // 2..5 are kept
    await cache.get(0, load(10));
    expect(loads).toBe(7); // 0 was evicted
    // Two chunks over half the byte budget each: only the newest stays.
    await cache.get(10, load(CACHE_BYTES / 2 + 1));
    await cache.get(11, load(CACHE_BYTES / 2 + 1));
    await cache.get(11, load(1));
    expect(loads).toBe(9);
    await cache.get(10, load(1));
    expect(loads).toBe(10);
  });

  it('forgets a load that failed, so a later read tries again', async () => {
    const cache = new ChunkCache();
    await expect(cache.get(1, () => Promise.reject(new Error('damaged')))).rejects.toThrow('damaged');
    expect(await cache.get(1, () => Promise.resolve(Uint8Array.of(7)))).toEqual(Uint8Array.of(7));
  });
});
