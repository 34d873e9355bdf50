/**
 * The download behind a link's `src` (src/io/fetch-with-progress.ts): progress
 * as the bytes arrive, the size limit (from the header, and while streaming
 * for servers that send none), and messages that say what to do. The
 * browser's side (a real cross-origin server) is e2e/link-safety.spec.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchWithProgress } from '../io/fetch-with-progress';

const PAGE = 'http://127.0.0.1:5173/';

function serve(pieces: number[], headers: Record<string, string> = {}): void {
  vi.stubGlobal('location', new URL(PAGE));
  vi.stubGlobal('fetch', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const n of pieces) controller.enqueue(new Uint8Array(n).fill(7));
        controller.close();
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'image/png', ...headers } });
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('fetchWithProgress', () => {
  it('reports progress per piece and returns every byte', async () => {
    serve([100, 300, 600], { 'content-length': '1000' });
    const seen: (number | null)[] = [];
    const { bytes, mime } = await fetchWithProgress('https://data.example/d.png', (f) => seen.push(f));
    expect(seen).toEqual([0.1, 0.4, 1]);
    expect(bytes.byteLength).toBe(1000);
    expect(mime).toBe('image/png');
  });

  it('reports progress as unknown when the server sends no length', async () => {
    serve([10, 10]);
    const seen: (number | null)[] = [];
    await fetchWithProgress('https://data.example/d.png', (f) => seen.push(f));
    expect(seen).toEqual([null, null]);
  });

  it('refuses a file over the limit from its header, before reading it', async () => {
    serve([10], { 'content-length': '5000' });
    await expect(fetchWithProgress('https://data.example/d.png', () => {}, 4096)).rejects.toThrow('is 5000 bytes; files up to 4096 bytes can be opened');
  });

  it('stops a download that grows over the limit without a header', async () => {
    serve([3000, 3000, 3000]);
    const seen: (number | null)[] = [];
    await expect(fetchWithProgress('https://data.example/d.png', (f) => seen.push(f), 4096)).rejects.toThrow('is larger than 4096 bytes');
    expect(seen).toHaveLength(1); // the second piece was over: nothing after it was read
  });

  it('names CORS, and the header that fixes it, when another site refuses', async () => {
    vi.stubGlobal('location', new URL(PAGE));
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(fetchWithProgress('https://data.example/d.png', () => {})).rejects.toThrow(
      /does not allow other sites to read the file \(CORS\)\. The server must send "Access-Control-Allow-Origin"/,
    );
  });

  it('says the status when the server answers with an error', async () => {
    vi.stubGlobal('location', new URL(PAGE));
    vi.stubGlobal('fetch', async () => new Response('gone', { status: 404, statusText: 'Not Found' }));
    await expect(fetchWithProgress('https://data.example/d.png', () => {})).rejects.toThrow('the server answered 404 Not Found');
  });
});
