/**
 * Downloads a depth file with progress and a size limit, and turns the ways a
 * download fails into messages that say what to do.
 */
import { MAX_FILE_BYTES } from './decode-depth';

export async function fetchWithProgress(
  url: string,
  onProgress: (fraction: number | null) => void,
  maxBytes = MAX_FILE_BYTES,
): Promise<{ bytes: ArrayBuffer; mime: string }> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'omit', mode: 'cors' });
  } catch (e) {
    const crossOrigin = new URL(url, location.href).origin !== location.origin;
    throw new Error(
      crossOrigin
        ? `Could not download ${url}: the server did not answer, or it does not allow other sites to read the file (CORS). The server must send "Access-Control-Allow-Origin"; or download the file and drop it here.`
        : `Could not download ${url}: ${e instanceof Error ? e.message : String(e)}.`,
      { cause: e },
    );
  }
  if (!response.ok) throw new Error(`Could not download ${url}: the server answered ${response.status} ${response.statusText}.`);
  const total = Number(response.headers.get('content-length')) || 0;
  if (total > maxBytes) throw new Error(`${url} is ${total} bytes; files up to ${maxBytes} bytes can be opened.`);
  const mime = response.headers.get('content-type') ?? '';
  if (mime.startsWith('text/html')) {
    throw new Error(`Could not open ${url}: the server answered with a web page, not a depth file. Check the address.`);
  }
  if (!response.body) return { bytes: await response.arrayBuffer(), mime };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw new Error(`${url} is larger than ${maxBytes} bytes, the most that can be opened.`);
    }
    chunks.push(value);
    onProgress(total > 0 ? received / total : null);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return { bytes: bytes.buffer, mime };
}
