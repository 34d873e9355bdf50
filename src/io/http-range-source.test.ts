import { describe, expect, it } from 'vitest';
import { httpRangeSource } from './http-range-source';

/** A server holding `file` that answers Range requests as HTTP says (or ignores them), counting what it sends. */
function server(file: Uint8Array, honoursRange = true) {
  const sent: string[] = [];
  const doFetch = (_url: string, init: RequestInit) => {
    const range = new Headers(init.headers).get('range') ?? '';
    sent.push(range);
    const m = /^bytes=(\d+)-(\d+)$/.exec(range);
    if (!honoursRange || !m) return Promise.resolve(new Response(file.slice(), { status: 200 }));
    const from = Number(m[1]);
    const to = Math.min(file.length - 1, Number(m[2]));
    return Promise.resolve(
      new Response(file.slice(from, to + 1), { status: 206, headers: { 'content-range': `bytes ${from}-${to}/${file.length}` } }),
    );
  };
  return { doFetch, sent };
}

describe('httpRangeSource', () => {
  const file = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) & 255);

  it('learns the size from one byte and reads exactly the ranges asked for', async () => {
    const { doFetch, sent } = server(file);
    const source = await httpRangeSource('http://x/a.bag', 'a.bag', doFetch);
    expect(source.size).toBe(1000);
    expect(await source.read(100, 5)).toEqual(file.slice(100, 105));
    expect(await source.read(990, 50)).toEqual(file.slice(990));
    expect(await source.read(1000, 5)).toEqual(new Uint8Array(0));
    expect(sent).toEqual(['bytes=0-0', 'bytes=100-104', 'bytes=990-999']);
  });

  it('refuses a server that ignores Range instead of downloading the whole file', async () => {
    const { doFetch } = server(file, false);
    await expect(httpRangeSource('http://x/a.bag', 'a.bag', doFetch)).rejects.toThrow(/does not answer range requests/);
  });

  it('says what the server answered when it refuses', async () => {
    const doFetch = () => Promise.resolve(new Response('no', { status: 404, statusText: 'Not Found' }));
    await expect(httpRangeSource('http://x/a.bag', 'a.bag', doFetch)).rejects.toThrow(/404 Not Found/);
  });
});
