/**
 * A small OpenEXR writer for test fixtures: single-part scanline images with
 * half or float channels, uncompressed, ZIPS (one line per block) or ZIP (16
 * lines), following the OpenEXR file layout (magic, version 2, the required
 * attributes, an offset table, then blocks of `y, size, data`). ZIP blocks
 * are byte-split and delta-predicted before zlib, as OpenEXR's Zip compressor
 * does; a block that would not shrink is stored raw, as OpenEXR stores it.
 */
import { zlibSync } from 'fflate';

export interface ExrChannelData {
  name: string;
  type: 'half' | 'float';
  /** Row-major, top row first; half values must be exactly representable. */
  values: ArrayLike<number>;
}

export type ExrCompression = 'none' | 'zips' | 'zip';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Half bits of a value that a half holds exactly (normal values, zero, infinities); anything else is a fixture bug. */
export function toHalfBitsExact(v: number): number {
  if (v === 0) return Object.is(v, -0) ? 0x8000 : 0;
  if (v === Infinity) return 0x7c00;
  if (v === -Infinity) return 0xfc00;
  f32[0] = v;
  const bits = u32[0];
  const exp = ((bits >>> 23) & 0xff) - 127 + 15;
  if (f32[0] !== v || exp <= 0 || exp >= 31 || (bits & 0x1fff) !== 0) throw new Error(`${v} is not exactly a normal half`);
  return ((bits >>> 16) & 0x8000) | (exp << 10) | ((bits >>> 13) & 0x3ff);
}

class Bytes {
  private parts: number[] = [];
  u8(...v: number[]) {
    this.parts.push(...v);
    return this;
  }
  text(s: string) {
    return this.u8(...Array.from(s, (c) => c.charCodeAt(0)), 0);
  }
  i32(v: number) {
    const b = new DataView(new ArrayBuffer(4));
    b.setInt32(0, v, true);
    return this.u8(...new Uint8Array(b.buffer));
  }
  f32(v: number) {
    const b = new DataView(new ArrayBuffer(4));
    b.setFloat32(0, v, true);
    return this.u8(...new Uint8Array(b.buffer));
  }
  u64(v: number) {
    return this.i32(v % 2 ** 32).i32(Math.floor(v / 2 ** 32));
  }
  attr(name: string, type: string, value: Bytes) {
    return this.text(name).text(type).i32(value.length).u8(...value.parts);
  }
  get length() {
    return this.parts.length;
  }
  done(): Uint8Array {
    return new Uint8Array(this.parts);
  }
}

/** OpenEXR's Zip compressor: even bytes then odd bytes, then each byte as the difference from the previous (+128). */
function zipBlock(raw: Uint8Array): Uint8Array {
  const t = new Uint8Array(raw.length);
  const half = (raw.length + 1) >> 1;
  for (let i = 0; i < raw.length; i++) t[(i & 1) === 0 ? i >> 1 : half + (i >> 1)] = raw[i];
  let prev = t[0];
  for (let i = 1; i < t.length; i++) {
    const d = (t[i] - prev + 128 + 256) & 0xff;
    prev = t[i];
    t[i] = d;
  }
  return zlibSync(t, { level: 9 });
}

export function writeExr(width: number, height: number, channels: ExrChannelData[], compression: ExrCompression): Uint8Array {
  const sorted = [...channels].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const chlist = new Bytes();
  for (const c of sorted) chlist.text(c.name).i32(c.type === 'half' ? 1 : 2).u8(0, 0, 0, 0).i32(1).i32(1);
  chlist.u8(0);
  const box = new Bytes().i32(0).i32(0).i32(width - 1).i32(height - 1);
  const header = new Bytes()
    .u8(0x76, 0x2f, 0x31, 0x01)
    .i32(2)
    .attr('channels', 'chlist', chlist)
    .attr('compression', 'compression', new Bytes().u8({ none: 0, zips: 2, zip: 3 }[compression]))
    .attr('dataWindow', 'box2i', box)
    .attr('displayWindow', 'box2i', box)
    .attr('lineOrder', 'lineOrder', new Bytes().u8(0))
    .attr('pixelAspectRatio', 'float', new Bytes().f32(1))
    .attr('screenWindowCenter', 'v2f', new Bytes().f32(0).f32(0))
    .attr('screenWindowWidth', 'float', new Bytes().f32(1))
    .u8(0);
  const linesPerBlock = compression === 'zip' ? 16 : 1;
  const blocks: Uint8Array[] = [];
  for (let y0 = 0; y0 < height; y0 += linesPerBlock) {
    const raw = new Bytes();
    for (let y = y0; y < Math.min(height, y0 + linesPerBlock); y++) {
      for (const c of sorted) {
        for (let x = 0; x < width; x++) {
          const v = c.values[y * width + x];
          if (c.type === 'float') raw.f32(v);
          else {
            const h = toHalfBitsExact(v);
            raw.u8(h & 0xff, h >> 8);
          }
        }
      }
    }
    const plain = raw.done();
    const packed = compression === 'none' ? plain : zipBlock(plain);
    const data = packed.length < plain.length ? packed : plain;
    blocks.push(new Bytes().i32(y0).i32(data.length).u8(...data).done());
  }
  const table = new Bytes();
  let offset = header.length + 8 * blocks.length;
  for (const b of blocks) {
    table.u64(offset);
    offset += b.length;
  }
  const head = header.done();
  const out = new Uint8Array(offset);
  out.set(head, 0);
  out.set(table.done(), head.length);
  let at = head.length + 8 * blocks.length;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}
