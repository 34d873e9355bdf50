/**
 * PNG-aware mutations. The decoder checks every critical chunk's CRC, so blind
 * byte edits almost all stop there ("the file is damaged"): in a first run 80%
 * of PNG inputs never reached IHDR checks, inflation or unfiltering. These
 * helpers (1) re-seal the CRCs after a blind edit, and (2) edit the image data
 * itself: inflate the IDAT stream, mutate the filtered scanlines or the IHDR
 * fields, deflate again and split the stream into chunks of random sizes.
 */
import { concatBytes } from '../../src/io/encode-checks';
import { unzlibSync, zlibSync } from 'fflate';
import { crc32 } from '../../src/io/crc32';
import { mutateBytes } from './mutate';
import type { Rng } from './rng';

interface Chunk {
  name: string;
  data: Uint8Array;
}

/** The chunks after the signature, as far as their lengths stay inside the file. */
function chunks(png: Uint8Array): { list: Chunk[]; end: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const list: Chunk[] = [];
  let at = 8;
  while (at + 12 <= png.length) {
    const length = view.getUint32(at);
    if (at + 12 + length > png.length) break;
    list.push({ name: String.fromCharCode(...png.subarray(at + 4, at + 8)), data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return { list, end: at };
}

function chunk(name: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = name.charCodeAt(i) & 0xff;
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** Recomputes the CRC of every whole chunk, in place on a copy; the bytes after the last whole chunk stay as they are. */
export function resealCrcs(png: Uint8Array): Uint8Array {
  const out = png.slice();
  const view = new DataView(out.buffer);
  let at = 8;
  while (at + 12 <= out.length) {
    const length = view.getUint32(at);
    if (at + 12 + length > out.length) break;
    view.setUint32(at + 8 + length, crc32(out, at + 4, at + 8 + length));
    at += 12 + length;
  }
  return out;
}

/** Edits the inflated image data or IHDR of `seed`, then rebuilds a PNG with valid CRCs; null when the seed's IDAT does not inflate. */
export function mutatePngImageData(rng: Rng, seed: Uint8Array): Uint8Array | null {
  const { list } = chunks(seed);
  const ihdr = list.find((c) => c.name === 'IHDR');
  let raw: Uint8Array;
  try {
    raw = unzlibSync(concatBytes(list.filter((c) => c.name === 'IDAT').map((c) => c.data)));
  } catch {
    return null;
  }
  if (ihdr === undefined) return null;
  let header = ihdr.data;
  if (rng.chance(0.4)) header = mutateBytes(rng, header, [header], 13).subarray(0, 13);
  if (rng.chance(0.8)) raw = mutateBytes(rng, raw, [raw], 16);
  // Fast levels: the main thread draws the inputs, and level 6 on a 640 x 480 image costs tens of ms.
  const stream = zlibSync(raw, { level: rng.pick([0, 1]) as 0 | 1 });
  // 1-byte chunks (issue 13, class 3) for streams up to class 3's size; on a stored 600 KB stream they made 8 MB files.
  const size = rng.pick([stream.length <= 128 * 1024 ? 1 : 7, 7, 1024, stream.length]);
  const idat: Uint8Array[] = [];
  for (let at = 0; at < stream.length; at += size) idat.push(chunk('IDAT', stream.subarray(at, at + size)));
  const others = list.filter((c) => c.name !== 'IHDR' && c.name !== 'IDAT' && c.name !== 'IEND').map((c) => chunk(c.name, c.data));
  return concatBytes([seed.subarray(0, 8), chunk('IHDR', header), ...others, ...idat, chunk('IEND', new Uint8Array(0))]);
}
