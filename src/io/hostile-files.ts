/**
 * Generators of the inputs that once hung or killed the load worker (issue 13),
 * shared by the unit tests (Node), the end-to-end tests (the browser) and the
 * fuzz harness. Each builds the attack at full size from a few parameters, and
 * says what a correct decoder must answer: the right values, or a refusal.
 *
 * Test support only: the app never imports this file.
 */
import { zlibSync } from 'fflate';
import { asciiBytes, concatBytes } from './encode-checks';
import { crc32 } from './crc32';
import { encodePng16 } from './encode-png16';

/** Builds a little-endian classic TIFF: header, then blocks placed by the caller. */
class TiffWriter {
  private readonly parts: Uint8Array[] = [];
  private size = 8;

  /** Appends bytes (word-aligned) and returns their offset. */
  place(bytes: Uint8Array): number {
    if (this.size % 2 === 1) this.append(new Uint8Array(1));
    const at = this.size;
    this.append(bytes);
    return at;
  }

  private append(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.size += bytes.length;
  }

  /** Writes one IFD of [tag, type, count, value-or-offset] entries; returns the file. */
  finish(entries: ReadonlyArray<readonly [number, number, number, number]>): Uint8Array {
    const ifd = new DataView(new ArrayBuffer(2 + 12 * entries.length + 4));
    ifd.setUint16(0, entries.length, true);
    entries.forEach(([tag, type, count, value], i) => {
      const e = 2 + 12 * i;
      ifd.setUint16(e, tag, true);
      ifd.setUint16(e + 2, type, true);
      ifd.setUint32(e + 4, count, true);
      if (type === SHORT && count === 1) ifd.setUint16(e + 8, value, true);
      else ifd.setUint32(e + 8, value, true);
    });
    const ifdAt = this.place(new Uint8Array(ifd.buffer));
    const header = new DataView(new ArrayBuffer(8));
    header.setUint16(0, 0x4949);
    header.setUint16(2, 42, true);
    header.setUint32(4, ifdAt, true);
    return concatBytes([new Uint8Array(header.buffer), ...this.parts]);
  }
}

const ASCII = 2;
const SHORT = 3;
const LONG = 4;

/** The pixels of the small image hidden among hostile tags: 4 x 3 uint16 ramp. */
export const TAG_FLOOD_PIXELS = Uint16Array.from({ length: 12 }, (_, i) => 1000 + 7 * i);

/**
 * Class 1: one IFD with `entries` ASCII tags of `count` characters each, all
 * pointing at one shared block, around a valid 4 x 3 uint16 image. A reader that
 * materialises every tag builds entries x count characters (32,000 x 16 KiB =
 * 512 M characters, 4 GB of heap) from a 400 KB file. Correct answer: the image.
 */
export function tiffTagFlood(entries = 32000, count = 16384): Uint8Array {
  const w = new TiffWriter();
  const pixelsAt = w.place(new Uint8Array(TAG_FLOOD_PIXELS.buffer.slice(0)));
  const text = w.place(new Uint8Array(count).fill(0x41));
  const image: Array<readonly [number, number, number, number]> = [
    [256, LONG, 1, 4],
    [257, LONG, 1, 3],
    [258, SHORT, 1, 16],
    [259, SHORT, 1, 1],
    [262, SHORT, 1, 1],
    [273, LONG, 1, pixelsAt],
    [277, SHORT, 1, 1],
    [278, LONG, 1, 3],
    [279, LONG, 1, 24],
  ];
  // Distinct private tags above the baseline ones, in ascending order after them.
  const flood = Array.from({ length: entries }, (_, i) => [340 + i, ASCII, count, text] as const);
  return w.finish([...image, ...flood]);
}

/**
 * Class 2: a 1 x `strips` 8-bit image, one row per strip, every strip pointing at
 * the same zlib stream of `inflatedBytes` zeros. Each strip needs 1 byte; a
 * reader that inflates each strip's whole stream does strips x inflatedBytes of
 * work (16 GiB for the defaults) from a 25 KB file. Correct answer: all zeros.
 */
export function tiffSharedDeflateBomb(strips = 1024, inflatedBytes = 16 * 2 ** 20): Uint8Array {
  const w = new TiffWriter();
  const stream = zlibSync(new Uint8Array(inflatedBytes), { level: 9 });
  const streamAt = w.place(stream);
  const offsets = new Uint32Array(strips).fill(streamAt);
  const counts = new Uint32Array(strips).fill(stream.length);
  const offsetsAt = w.place(new Uint8Array(offsets.buffer));
  const countsAt = w.place(new Uint8Array(counts.buffer));
  return w.finish([
    [256, LONG, 1, 1],
    [257, LONG, 1, strips],
    [258, SHORT, 1, 8],
    [259, SHORT, 1, 8],
    [262, SHORT, 1, 1],
    [273, LONG, strips, offsetsAt],
    [277, SHORT, 1, 1],
    [278, LONG, 1, 1],
    [279, LONG, strips, countsAt],
  ]);
}

/** The samples of the many-IDAT PNG (any pattern whose every value is checkable). */
export function idatSplitPixel(x: number, y: number): number {
  return 1000 + 3 * x + 5 * y + ((x * y) % 7);
}

/**
 * Class 3: a valid 16-bit gray PNG whose image data is split into IDAT chunks of
 * `chunkBytes` bytes (640 x 480 at 1 byte: ~49,000 chunks, 640 KB). Correct
 * answer: the image, exactly.
 */
export function pngManyIdats(width = 640, height = 480, chunkBytes = 1): Uint8Array {
  const data = new Uint16Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = idatSplitPixel(x, y);
  const png = encodePng16({ width, height, data });
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const idat: Uint8Array[] = [];
  const other: Uint8Array[] = [];
  for (let pos = 8; pos < png.length; ) {
    const length = view.getUint32(pos);
    const name = String.fromCharCode(...png.subarray(pos + 4, pos + 8));
    if (name === 'IDAT') idat.push(png.subarray(pos + 8, pos + 8 + length));
    else if (name !== 'IEND') other.push(png.subarray(pos, pos + 12 + length));
    pos += 12 + length;
  }
  const stream = concatBytes(idat);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < stream.length; at += chunkBytes) chunks.push(pngChunk('IDAT', stream.subarray(at, at + chunkBytes)));
  return concatBytes([png.subarray(0, 8), ...other, ...chunks, pngChunk('IEND', new Uint8Array(0))]);
}

function pngChunk(name: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(asciiBytes(name), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** The four samples of the many-axes NPY, row-major 2 x 2. */
export const MANY_AXES_PIXELS = Uint16Array.of(11, 22, 33, 44);

/**
 * Class 4: an NPY (format 2.0) of shape (1, 1, ..., 1, 2, 2) with `ones` leading
 * axes of length 1 in a header just under 1 MiB. Correct answer: the 2 x 2 image,
 * with no message or note quoting the whole shape.
 */
export function npyManyUnitAxes(ones = 500_000): Uint8Array {
  const dict = `{'descr': '<u2', 'fortran_order': False, 'shape': (${'1,'.repeat(ones)}2,2), }`;
  return npyV2(dict, new Uint8Array(MANY_AXES_PIXELS.buffer.slice(0)));
}

function npyV2(dict: string, payload: Uint8Array): Uint8Array {
  const unpadded = 12 + dict.length + 1;
  const headerText = dict + ' '.repeat(Math.ceil(unpadded / 64) * 64 - unpadded) + '\n';
  const preamble = new Uint8Array(12);
  preamble.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0]);
  new DataView(preamble.buffer).setUint32(8, headerText.length, true);
  return concatBytes([preamble, asciiBytes(headerText), payload]);
}

/** Class 5: a link whose number parameter holds `digits` digits and then a letter. */
export function longDigitQuery(parameter = 'diff', digits = 40_000): string {
  return `?${parameter}=${'9'.repeat(digits)}a`;
}

/** The samples of the odd-but-real Netpbm, PFM and NPY files below: 4 x 3. */
export const ODD_W = 4;
export const ODD_H = 3;
export const ODD_PIXELS = Uint16Array.from({ length: ODD_W * ODD_H }, (_, i) => 1000 + 250 * i);

/**
 * Class 6a: a 16-bit P5 PGM whose header lines end in `ending` ("\r\n" as text-mode
 * tools write it, or "\n\n"). Correct answer: ODD_PIXELS, with a note.
 */
export function pgmWithLineEnding(ending = '\r\n'): Uint8Array {
  const data = new Uint8Array(ODD_PIXELS.length * 2);
  ODD_PIXELS.forEach((v, i) => {
    data[2 * i] = v >> 8; // PGM is big-endian
    data[2 * i + 1] = v & 0xff;
  });
  return concatBytes([asciiBytes(`P5${ending}${ODD_W} ${ODD_H}${ending}65535${ending}`), data]);
}

/**
 * Class 6b: a little-endian PFM with an extra newline after the scale line.
 * Rows are stored bottom-up; correct answer: ODD_PIXELS as floats, top row first.
 */
export function pfmWithExtraNewline(): Uint8Array {
  const rows = new Float32Array(ODD_PIXELS.length);
  for (let y = 0; y < ODD_H; y++) {
    for (let x = 0; x < ODD_W; x++) rows[(ODD_H - 1 - y) * ODD_W + x] = ODD_PIXELS[y * ODD_W + x];
  }
  return concatBytes([asciiBytes(`Pf\n${ODD_W} ${ODD_H}\n-1.0\n\n`), new Uint8Array(rows.buffer)]);
}

/** Class 6c: an NPY of shape (1, H, 1): a one-pixel-wide column of ODD_PIXELS. */
export function npyColumn(): Uint8Array {
  const dict = `{'descr': '<u2', 'fortran_order': False, 'shape': (1, ${ODD_PIXELS.length}, 1), }`;
  return npyV2(dict, new Uint8Array(ODD_PIXELS.buffer.slice(0)));
}

/** One hostile file of the six classes, with what a correct decoder answers. */
export interface HostileFile {
  /** A file name as a user would have it (the extension says the format). */
  name: string;
  build: () => Uint8Array;
  width: number;
  height: number;
  /** The raw samples a correct decoder gives, row-major, top row first. */
  samples: () => ArrayLike<number>;
  /** Whether a note must say what was odd (the headers of real writers). */
  noted: boolean;
}

const oddFile = (name: string, build: () => Uint8Array, noted: boolean, width = ODD_W): HostileFile => ({
  name,
  build,
  width,
  height: ODD_PIXELS.length / width,
  samples: () => ODD_PIXELS,
  noted,
});

/** Every file class above at full size: the unit, end-to-end and benchmark cases. */
export const HOSTILE_FILES: readonly HostileFile[] = [
  { name: 'tag-flood.tif', build: () => tiffTagFlood(), width: 4, height: 3, samples: () => TAG_FLOOD_PIXELS, noted: false },
  { name: 'shared-deflate-bomb.tif', build: () => tiffSharedDeflateBomb(), width: 1, height: 1024, samples: () => new Uint8Array(1024), noted: false },
  {
    name: 'many-idats.png',
    build: () => pngManyIdats(),
    width: 640,
    height: 480,
    samples: () => Uint16Array.from({ length: 640 * 480 }, (_, i) => idatSplitPixel(i % 640, Math.floor(i / 640))),
    noted: false,
  },
  { name: 'many-unit-axes.npy', build: () => npyManyUnitAxes(), width: 2, height: 2, samples: () => MANY_AXES_PIXELS, noted: true },
  oddFile('crlf.pgm', () => pgmWithLineEnding('\r\n'), true),
  oddFile('blank-line.pgm', () => pgmWithLineEnding('\n\n'), true),
  oddFile('extra-newline.pfm', () => pfmWithExtraNewline(), true),
  oddFile('column.npy', () => npyColumn(), true, 1),
];
