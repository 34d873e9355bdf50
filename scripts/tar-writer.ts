/** A minimal POSIX ustar writer for test fixtures: regular files, names up to 100 bytes (or a GNU 'L' long name). */
import { concatBytes } from '../src/io/encode-checks';

const BLOCK = 512;

function header(name: string, size: number, type: string): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const put = (at: number, text: string) => h.set(Array.from(text, (c) => c.charCodeAt(0)), at);
  put(0, name.slice(0, 100));
  put(100, '0000644\0');
  put(108, '0000000\0');
  put(116, '0000000\0');
  put(124, size.toString(8).padStart(11, '0') + '\0');
  put(136, '00000000000\0');
  put(156, type);
  put(257, 'ustar\0');
  put(263, '00');
  h.fill(0x20, 148, 156);
  const sum = h.reduce((a, b) => a + b, 0);
  put(148, sum.toString(8).padStart(6, '0') + '\0 ');
  return h;
}

function padded(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / BLOCK) * BLOCK);
  out.set(data);
  return out;
}

export function writeTar(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [name, data] of files) {
    if (name.length > 100) {
      const long = new TextEncoder().encode(name + '\0');
      parts.push(header('././@LongLink', long.length, 'L'), padded(long));
    }
    parts.push(header(name, data.length, '0'), padded(data));
  }
  parts.push(new Uint8Array(2 * BLOCK));
  return concatBytes(parts);
}
