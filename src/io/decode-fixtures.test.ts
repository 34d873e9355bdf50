/**
 * TIFF and PNG variants written by libtiff and ImageMagick (not by our own
 * encoders): compressions, predictors, tiles, byte orders, pages, bit depths.
 * Values are checked against the formulas the fixtures were made from.
 */
import { describe, expect, it } from 'vitest';
import { decodeDepth } from './decode-depth';
import { DepthDecodeError } from '../core/depth-image';
import { expectedGrid, FIXTURE_H, FIXTURE_W, FORMULAS, readFixture } from './test-fixtures';

const same = (actual: ArrayLike<number>, expected: number[]) =>
  expect(Array.from(actual, (v) => (Object.is(v, -0) ? '-0' : v))).toEqual(expected.map((v) => (Object.is(v, -0) ? '-0' : v)));

/** What each formula's TIFFs decode to: a signed 16-bit TIFF is read as float32 (depth has no signed integer type). */
const SAMPLE_TYPES = { u8: 'uint8', u16: 'uint16', u32: 'uint32', i16: 'float32', f32: 'float32', f64: 'float64' } as const;

/** Named tiff-<formula>-<how it is stored>.tif: the formula their samples were written from. */
const TIFFS = [
  'tiff-u16-lzw-strips.tif', 'tiff-u16-deflate-pred2.tif', 'tiff-u16-lzw-pred2-tiles.tif', 'tiff-u16-bigendian-lzw-pred2.tif',
  'tiff-u8-packbits.tif', 'tiff-u8-packbits-tiles.tif', 'tiff-u32-lzw-pred2.tif', 'tiff-i16-deflate-pred2.tif',
  'tiff-f32-deflate-pred3.tif', 'tiff-f64-deflate-pred3-tiles.tif', 'tiff-f64-none.tif',
].map((file) => {
  const formula = file.split('-')[1] as keyof typeof SAMPLE_TYPES;
  return [file, SAMPLE_TYPES[formula], formula] as const;
});

describe('TIFF variants', () => {
  for (const [file, sampleType, formula] of TIFFS) {
    it(`${file}: ${sampleType}, every sample exact`, () => {
      const img = decodeDepth(readFixture(file));
      expect([img.width, img.height, img.format, img.sampleType]).toEqual([FIXTURE_W, FIXTURE_H, 'tiff', sampleType]);
      same(img.data, expectedGrid(FORMULAS[formula]));
    });
  }

  it('big-endian float tiles with the floating-point predictor read as libtiff reads them', () => {
    // libtiff 4.5's tiffcp -B byte-swaps float samples before the predictor on a
    // little-endian machine, so this file holds the formula's values with their four
    // bytes reversed; libtiff's own reader returns exactly those (checked with
    // `tiffcp -L -c none` and reading the uncompressed copy). We must agree with it.
    const swapped = expectedGrid(FORMULAS.f32).map((v) => {
      const b = new DataView(new ArrayBuffer(4));
      b.setFloat32(0, v, true);
      return b.getFloat32(0, false);
    });
    const img = decodeDepth(readFixture('tiff-f32-bigendian-lzw-pred3-tiles.tif'));
    expect(img.sampleType).toBe('float32');
    expect(Array.from(img.data)).toEqual(swapped);
  });

  it('multi-page: first page by default, each page on request, a clear error past the last', () => {
    const bytes = readFixture('tiff-multipage.tif');
    const pages = [0, 1, 2].map((page) => decodeDepth(bytes, { page }));
    expect(pages.map((p) => [p.page, p.pageCount, p.sampleType])).toEqual([
      [0, 3, 'uint16'],
      [1, 3, 'float32'],
      [2, 3, 'uint16'],
    ]);
    same(decodeDepth(bytes).data, expectedGrid(FORMULAS.u16));
    same(pages[1].data, expectedGrid(FORMULAS.f32));
    same(pages[2].data, expectedGrid(FORMULAS.u16b));
    expect(() => decodeDepth(bytes, { page: 3 })).toThrow(/3 pages/);
  });

  it('8-bit colour and planar colour TIFFs open as relative depth', () => {
    for (const file of ['tiff-rgb8-lzw.tif', 'tiff-rgb8-planar.tif']) {
      const img = decodeDepth(readFixture(file));
      expect([img.sampleType, img.width, img.height], file).toEqual(['uint8', FIXTURE_W, FIXTURE_H]);
      expect(img.notes.length, file).toBeGreaterThan(0);
    }
    // Chunky and planar colour hold the same pixels.
    expect(decodeDepth(readFixture('tiff-rgb8-planar.tif')).data).toEqual(decodeDepth(readFixture('tiff-rgb8-lzw.tif')).data);
  });

  it('a 4-bit palette TIFF (what ImageMagick writes for 6 colours) is refused, naming what is supported', () => {
    expect(() => decodeDepth(readFixture('tiff-palette4.tif'))).toThrow(/4-bit palette images are not supported; only 8-bit/);
  });

  it('16-bit gray + alpha TIFF: the gray channel, exactly', () => {
    same(decodeDepth(readFixture('tiff-u16-gray-alpha.tif')).data, expectedGrid(FORMULAS.u16));
  });
});

describe('PNG variants written by ImageMagick', () => {
  it('16-bit gray, Adam7-interlaced', () => same(decodeDepth(readFixture('png-u16-adam7.png')).data, expectedGrid(FORMULAS.u16)));
  it('16-bit gray + alpha: gray taken, with a note', () => {
    const img = decodeDepth(readFixture('png-u16-gray-alpha.png'));
    same(img.data, expectedGrid(FORMULAS.u16));
    expect(img.notes.join(' ')).toMatch(/alpha/i);
  });
  it('4-bit gray: samples kept as stored', () => same(decodeDepth(readFixture('png-gray4.png')).data, expectedGrid(FORMULAS.gray4)));
  it('palette and 8-bit RGB: relative depth', () => {
    for (const f of ['png-palette.png', 'png-rgb8.png']) expect(decodeDepth(readFixture(f)).sampleType).toBe('uint8');
  });
  it('16-bit RGB is refused with an explanation', () => {
    expect(() => decodeDepth(readFixture('png-rgb16.png'))).toThrow(DepthDecodeError);
    expect(() => decodeDepth(readFixture('png-rgb16.png'))).toThrow(/16-bit colour/);
  });
});
