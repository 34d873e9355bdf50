/**
 * The six classes of input that once made the load worker run for a minute or
 * exhaust its heap (issue 13), rebuilt at full size by their generators: each
 * must now give the right values or a sentence. The per-test timeout is a hang
 * guard, far above what they take (timings are in `npm run bench -- hostile`)
 * and far below what they took before (21 s to 60 s, or an abort).
 */
import { describe, expect, it } from 'vitest';
import { decodeDepth } from './decode-depth';
import {
  HOSTILE_FILES,
  MANY_AXES_PIXELS,
  npyColumn,
  npyManyUnitAxes,
  ODD_H,
  ODD_PIXELS,
  ODD_W,
  pfmWithExtraNewline,
  pgmWithLineEnding,
  pngManyIdats,
  idatSplitPixel,
  TAG_FLOOD_PIXELS,
  tiffSharedDeflateBomb,
  tiffTagFlood,
} from './hostile-files';
import { neededTagsTiff, readTiffStructure } from './tiff-structure';
import { inflateStream } from '../core/bounded-inflate';
import { zlibSync } from 'fflate';

const HANG_GUARD_MS = 15_000;

describe('bounded work on hostile files', () => {
  it.each(HOSTILE_FILES.map((h) => [h.name, h] as const))('%s decodes to the right samples', { timeout: HANG_GUARD_MS }, (_, h) => {
    const image = decodeDepth(h.build());
    expect([image.width, image.height]).toEqual([h.width, h.height]);
    expect(Array.from(image.data)).toEqual(Array.from(h.samples()));
    expect(image.notes.length > 0).toBe(h.noted);
  });

  it('TIFF with 32,000 ASCII tags of 16 KiB: the image, the tags never materialised', { timeout: HANG_GUARD_MS }, () => {
    const file = tiffTagFlood();
    expect(file.length).toBeGreaterThan(380_000);
    const structure = readTiffStructure(file);
    // What the tiff package is shown: the nine tags of the image, not 32,009.
    expect(neededTagsTiff(file, structure, structure.ifdOffsets[0]).length).toBeLessThan(200);
    const image = decodeDepth(file);
    expect([image.width, image.height]).toEqual([4, 3]);
    expect(Array.from(image.data)).toEqual(Array.from(TAG_FLOOD_PIXELS));
  });

  it('TIFF whose 1024 strips share one 16 MiB deflate bomb: all zeros', { timeout: HANG_GUARD_MS }, () => {
    const file = tiffSharedDeflateBomb();
    expect(file.length).toBeLessThan(40_000);
    const image = decodeDepth(file);
    expect([image.width, image.height]).toEqual([1, 1024]);
    expect(image.data.every((v) => v === 0)).toBe(true);
  });

  it('inflating a bomb for a few bytes inflates about what was wanted, not the stream', () => {
    const bomb = zlibSync(new Uint8Array(16 * 2 ** 20), { level: 9 });
    let produced = 0;
    const { consumed } = inflateStream(bomb, (piece) => ((produced += piece.length), produced < 1024), 'test', 1024);
    // Pieces of 16 compressed bytes (the first ones carry the zlib header and the
    // block's code tables): each expands to at most ~16.5 KB, and the first piece
    // that gives 1 KiB ends it. The stream holds 16 MiB.
    expect(consumed).toBeLessThanOrEqual(64);
    expect(produced).toBeLessThan(2 * 16_512);
  });

  it('PNG in 49,000 one-byte IDAT chunks: the image, exactly', { timeout: HANG_GUARD_MS }, () => {
    const file = pngManyIdats();
    expect(file.length).toBeGreaterThan(600_000); // ~49,000 chunks of 13 bytes
    const image = decodeDepth(file);
    expect([image.width, image.height]).toEqual([640, 480]);
    for (const [x, y] of [[0, 0], [639, 0], [17, 301], [639, 479]]) {
      expect(image.data[y * 640 + x]).toBe(idatSplitPixel(x, y));
    }
    let wrong = 0;
    for (let i = 0; i < image.data.length; i++) if (image.data[i] !== idatSplitPixel(i % 640, Math.floor(i / 640))) wrong++;
    expect(wrong).toBe(0);
  });

  it('NPY of shape (1, 1, ... half a million ones ..., 2, 2): the 2 x 2 image, short notes', { timeout: HANG_GUARD_MS }, () => {
    const file = npyManyUnitAxes();
    expect(file.length).toBeGreaterThan(1_000_000);
    const image = decodeDepth(file);
    expect([image.width, image.height]).toEqual([2, 2]);
    expect(Array.from(image.data)).toEqual(Array.from(MANY_AXES_PIXELS));
    for (const note of image.notes) expect(note.length).toBeLessThan(200);
    expect(image.notes.join(' ')).toMatch(/\(1, 1, 1, 1, … 499996 more axes …, 2, 2\)/);
  });

  it('NPY messages quote long shapes cut to a readable length', () => {
    // A shape that is refused (three axes of length 2 after the ones).
    const file = npyManyUnitAxes(100_000);
    const text = new TextDecoder('latin1').decode(file).replace('2,2)', '2,2,2)');
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    expect(() => decodeDepth(bytes)).toThrow(/^NPY: the array has shape \(1, 1, 1, 1, … 99997 more axes …, 2, 2\);.{0,200}$/);
  });
});

describe('odd but real headers', () => {
  const expected = Array.from(ODD_PIXELS);

  it('16-bit PGM whose header ends in \\r\\n: the right values and a note', () => {
    const image = decodeDepth(pgmWithLineEnding('\r\n'));
    expect([image.width, image.height]).toEqual([ODD_W, ODD_H]);
    expect(Array.from(image.data)).toEqual(expected);
    expect(image.notes.join(' ')).toMatch(/\\r\\n.*skipped/);
  });

  it('16-bit PGM with a blank line after the header: the right values and a note', () => {
    const image = decodeDepth(pgmWithLineEnding('\n\n'));
    expect(Array.from(image.data)).toEqual(expected);
    expect(image.notes.join(' ')).toMatch(/blank line.*skipped/);
  });

  it('a PGM with a single whitespace and one byte too many is not shifted: the length is said to be wrong', () => {
    const file = pgmWithLineEnding('\n');
    const longer = new Uint8Array(file.length + 1);
    longer.set(file);
    const image = decodeDepth(longer);
    expect(Array.from(image.data)).toEqual(expected);
    expect(image.notes.join(' ')).toMatch(/1 byte\(s\) longer than 4 x 3 pixels need/);
  });

  it('PFM with an extra newline after the scale: the right floats, top row first', () => {
    const image = decodeDepth(pfmWithExtraNewline());
    expect(image.data).toBeInstanceOf(Float32Array);
    expect(Array.from(image.data)).toEqual(expected);
    expect(image.notes.join(' ')).toMatch(/blank line.*skipped/);
  });

  it('NPY of shape (1, H, 1) is a column H high, as (H, 1) is', () => {
    const image = decodeDepth(npyColumn());
    expect([image.width, image.height]).toEqual([1, ODD_PIXELS.length]);
    expect(Array.from(image.data)).toEqual(expected);
  });
});
