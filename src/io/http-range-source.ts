/**
 * A ByteSource over HTTP range requests (`?src=` naming a recording): the file
 * is never downloaded whole, each read asks for the bytes it needs. The size
 * comes from the first answer's Content-Range. A server that ignores Range
 * (answers 200 with the whole body) cannot serve a recording this way; the
 * sentence says so instead of downloading gigabytes.
 */
import type { ByteSource } from '../core/recording';

/** Reads are split so that one request never asks for more than this (a bag's chunk is ~1-8 MB). */
const MAX_REQUEST_BYTES = 64 * 1024 * 1024;

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

function totalFromContentRange(header: string | null): number | null {
  const m = header ? /^bytes\s+\d+-\d+\/(\d+)$/i.exec(header.trim()) : null;
  return m ? Number(m[1]) : null;
}

async function fetchRange(url: string, from: number, to: number, doFetch: Fetch): Promise<Response> {
  let response: Response;
  try {
    response = await doFetch(url, { headers: { Range: `bytes=${from}-${to}` }, credentials: 'omit', mode: 'cors' });
  } catch (e) {
    throw new Error(`Could not read ${url}: ${e instanceof Error ? e.message : String(e)} (a server on another site must allow it with CORS, including the Range header).`, {
      cause: e,
    });
  }
  if (response.status === 200) {
    await response.body?.cancel();
    throw new Error(`Could not stream ${url}: the server does not answer range requests, which a recording needs (it would have to be downloaded whole). Download it and drop it here.`);
  }
  if (response.status !== 206) throw new Error(`Could not read ${url}: the server answered ${response.status} ${response.statusText}.`);
  return response;
}

export async function httpRangeSource(url: string, name: string, doFetch: Fetch = (u, i) => fetch(u, i)): Promise<ByteSource> {
  const first = await fetchRange(url, 0, 0, doFetch);
  const size = totalFromContentRange(first.headers.get('content-range'));
  await first.arrayBuffer();
  if (size === null) throw new Error(`Could not stream ${url}: the server did not say how large the file is (Content-Range).`);
  return {
    name,
    size,
    async read(offset, length) {
      const end = Math.min(size, offset + length);
      if (offset >= end) return new Uint8Array(0);
      const out = new Uint8Array(end - offset);
      for (let at = offset; at < end; at += MAX_REQUEST_BYTES) {
        const stop = Math.min(end, at + MAX_REQUEST_BYTES);
        const bytes = new Uint8Array(await (await fetchRange(url, at, stop - 1, doFetch)).arrayBuffer());
        if (bytes.length !== stop - at) throw new Error(`Could not read ${url}: asked for ${stop - at} bytes at ${at}, the server sent ${bytes.length}.`);
        out.set(bytes, at - offset);
      }
      return out;
    },
  };
}
