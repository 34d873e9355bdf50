/** OpenEXR depth: generated files (half and float, none / ZIPS / ZIP) decode to exactly the values written. */
import { describe, expect, it } from 'vitest';
import { EXR_FLOAT, EXR_HALF, EXR_ZIP_SIZE, H, W } from '../../scripts/make-dataset-fixtures';
import { writeExr } from '../../scripts/exr-writer';
import { DepthDecodeError } from '../core/depth-image';
import { decodeDepth } from './decode-depth';
import { chooseDepthChannel } from './decode-exr';
import { parseExrHeader } from './exr-header';
import { sniffFormat } from './sniff-format';
import { fixtureBytes } from './datasets/test-support';

function grid(width: number, height: number, f: (x: number, y: number) => number): number[] {
  const out: number[] = [];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out.push(f(x, y));
  return out;
}

/** Sizes of the scanline blocks as stored (to show a fixture really is compressed). */
function blockSizes(bytes: Uint8Array): number[] {
  const header = parseExrHeader(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const lines = [1, 1, 1, 16][header.compression];
  let at = header.end + 8 * Math.ceil(header.height / lines);
  const sizes: number[] = [];
  while (at < bytes.length) {
    sizes.push(view.getUint32(at + 4, true));
    at += 8 + sizes[sizes.length - 1];
  }
  return sizes;
}

describe('OpenEXR depth', () => {
  it('is sniffed by its magic number', () => {
    expect(sniffFormat(fixtureBytes('exr/half-z-none.exr'))).toBe('exr');
    expect(sniffFormat(new Uint8Array([0x76, 0x2f, 0x31]))).toBe('unknown');
  });

  it('reads an uncompressed half Z channel exactly, top row first', () => {
    const depth = decodeDepth(fixtureBytes('exr/half-z-none.exr'));
    expect([depth.width, depth.height, depth.sampleType, depth.format]).toEqual([W, H, 'float32', 'exr']);
    expect(Array.from(depth.data)).toEqual(grid(W, H, EXR_HALF));
    expect(depth.notes[0]).toMatch(/half channel "Z"/);
  });

  it('reads a ZIP-compressed float depth channel exactly, infinity included', () => {
    const bytes = fixtureBytes('exr/float-depth-zip.exr');
    const raw = EXR_ZIP_SIZE.width * 4;
    expect(blockSizes(bytes).every((size, i) => size < raw * (i === 0 ? 16 : 4))).toBe(true);
    const depth = decodeDepth(bytes);
    expect([depth.width, depth.height]).toEqual([EXR_ZIP_SIZE.width, EXR_ZIP_SIZE.height]);
    expect(Array.from(depth.data)).toEqual(grid(EXR_ZIP_SIZE.width, EXR_ZIP_SIZE.height, EXR_FLOAT));
  });

  it('takes a layer’s Depth.Z beside colour channels (ZIPS, mixed half and float)', () => {
    const bytes = fixtureBytes('exr/layers-zips.exr');
    expect(blockSizes(bytes).some((size) => size < W * (3 * 2 + 4))).toBe(true);
    const depth = decodeDepth(bytes);
    expect(Array.from(depth.data)).toEqual(grid(W, H, EXR_FLOAT));
    expect(depth.notes[0]).toMatch(/float channel "ViewLayer.Depth.Z" \(ZIPS compression\)/);
  });

  it('takes R from an RGB image (depth saved as colour), ZIP, exactly', () => {
    const r = grid(W, H, EXR_FLOAT);
    const bytes = writeExr(W, H, [
      { name: 'R', type: 'float', values: r },
      { name: 'G', type: 'half', values: grid(W, H, EXR_HALF) },
      { name: 'B', type: 'float', values: grid(W, H, () => 7) },
    ], 'zip');
    const depth = decodeDepth(bytes);
    expect(Array.from(depth.data)).toEqual(r);
    expect(depth.notes[0]).toMatch(/float channel "R" \(ZIP compression\)/);
  });

  it('chooses Z, depth, a layer’s .Z, then R, then Y', () => {
    const ch = (...names: string[]) => chooseDepthChannel(names.map((name) => ({ name, pixelType: 2, pLinear: 0, xSampling: 1, ySampling: 1 })))?.name ?? null;
    expect(ch('B', 'G', 'R', 'Z')).toBe('Z');
    expect(ch('A', 'depth')).toBe('depth');
    expect(ch('B', 'G', 'R', 'depth.Z')).toBe('depth.Z');
    expect(ch('Normal.Z', 'View.Depth.Z')).toBe('View.Depth.Z');
    expect(ch('B', 'G', 'R')).toBe('R');
    expect(ch('Y')).toBe('Y');
    expect(ch('A', 'U')).toBeNull();
  });

  it('refuses with a sentence: no depth channel, integer channels, truncation, a block that inflates past its lines', () => {
    const values = grid(W, H, EXR_HALF);
    expect(() => decodeDepth(writeExr(W, H, [{ name: 'A', type: 'half', values }], 'none'))).toThrow(/no depth channel .* among "A"\./);
    const uint = writeExr(W, H, [{ name: 'Z', type: 'float', values }], 'none');
    const typeAt = parseExrHeader(uint).attributes.find((a) => a.name === 'channels')!.start + 'channels\0chlist\0'.length + 4 + 2;
    uint[typeAt] = 0;
    expect(() => decodeDepth(uint)).toThrow(/32-bit integer channels are not read/);
    const whole = fixtureBytes('exr/float-depth-zip.exr');
    expect(() => decodeDepth(whole.subarray(0, whole.length - 100))).toThrow(/truncated/);
    expect(() => decodeDepth(whole.subarray(0, 40))).toThrow(DepthDecodeError);
    // A ZIP block whose zlib data inflates to 1 MB, for 16 lines of 32 floats.
    const bomb = writeExr(32, 16, [{ name: 'Z', type: 'float', values: grid(32, 16, () => 1.5) }], 'zip');
    const header = parseExrHeader(bomb);
    const blockAt = header.end + 8;
    const inflated = new Uint8Array(1 << 20);
    return import('fflate').then(({ zlibSync }) => {
      const data = zlibSync(inflated);
      const forged = new Uint8Array(blockAt + 8 + data.length);
      forged.set(bomb.subarray(0, blockAt + 4));
      new DataView(forged.buffer).setUint32(blockAt + 4, data.length, true);
      forged.set(data, blockAt + 8);
      expect(data.length).toBeLessThan(32 * 16 * 4);
      expect(() => decodeDepth(forged)).toThrow(/expands beyond the size of its lines/);
    });
  });

  it('refuses an attribute whose stated size is not its type’s (the loader would read elsewhere and run past the end)', () => {
    // Found by the fuzzer: screenWindowCenter (v2f) stating 40 bytes hung three.js's string reader.
    const bytes = writeExr(W, H, [{ name: 'Z', type: 'half', values: grid(W, H, EXR_HALF) }], 'none');
    const attr = parseExrHeader(bytes).attributes.find((a) => a.name === 'screenWindowCenter')!;
    new DataView(bytes.buffer).setInt32(attr.start + 'screenWindowCenter\0v2f\0'.length, 40, true);
    expect(() => decodeDepth(bytes)).toThrow('EXR: the attribute "screenWindowCenter" states 40 bytes for a v2f, which has 8; the header is damaged.');
  });

  it('refuses a data window too large before anything is allocated', () => {
    const bytes = writeExr(W, H, [{ name: 'Z', type: 'half', values: grid(W, H, EXR_HALF) }], 'none');
    const attr = parseExrHeader(bytes).attributes.find((a) => a.name === 'dataWindow')!;
    const valueAt = attr.start + 'dataWindow\0box2i\0'.length + 4;
    new DataView(bytes.buffer).setInt32(valueAt + 8, 1 << 20, true);
    new DataView(bytes.buffer).setInt32(valueAt + 12, 1 << 20, true);
    expect(() => decodeDepth(bytes)).toThrow(/too large/);
  });
});
