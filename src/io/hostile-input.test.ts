/**
 * Inputs built to hurt: each must end in a DepthDecodeError with a message for
 * a person, before any large allocation and without hanging.
 */
import { describe, expect, it } from 'vitest';
import { crc32 } from 'node:zlib';
import { decodeDepth, MAX_FILE_BYTES } from './decode-depth';
import { DepthDecodeError } from '../core/depth-image';
import { encodeNpy } from './encode-npy';
import { encodePfm } from './encode-pfm';
import { encodePgm } from './encode-pgm';
import { encodePng16 } from './encode-png16';
import { encodeTiff } from './encode-tiff';
import { readShared } from './test-fixtures';
import { asciiBytes, concatBytes } from './encode-checks';

const ascii = asciiBytes;
const cat = (...parts: Uint8Array[]) => concatBytes(parts);

function refuses(bytes: Uint8Array, message: RegExp) {
  let error: unknown;
  try {
    decodeDepth(bytes);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DepthDecodeError);
  expect((error as Error).message).toMatch(message);
}

function npy(header: string, payload = new Uint8Array(16)): Uint8Array {
  const padded = header.padEnd(118, ' ') + '\n';
  return cat(new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, padded.length & 0xff, padded.length >> 8]), ascii(padded), payload);
}

const small = { width: 4, height: 3, data: new Uint16Array(12).fill(1000) };

describe('hostile and malformed inputs', () => {
  it('empty file, unknown magic', () => {
    refuses(new Uint8Array(0), /empty/);
    refuses(ascii('#!/bin/sh\necho not an image'), /not in a format/);
    refuses(ascii('hello world, not an image at all'), /PNG.*TIFF.*PGM/);
  });

  it('headers claiming 100000 x 100000 pixels are refused before allocating', () => {
    const png = new Uint8Array(encodePng16(small));
    const view = new DataView(png.buffer);
    view.setUint32(16, 100000);
    view.setUint32(20, 100000);
    view.setUint32(29, crc32(png.subarray(12, 29)));
    refuses(png, /16384/);
    refuses(cat(ascii('P5\n100000 100000\n65535\n'), new Uint8Array(64)), /16384|too large/);
    refuses(cat(ascii('Pf\n100000 100000\n-1.0\n'), new Uint8Array(64)), /16384|too large/);
    refuses(npy("{'descr': '<u2', 'fortran_order': False, 'shape': (100000, 100000), }"), /16384|too large/);
    const tiff = new Uint8Array(encodeTiff(small));
    // Patch ImageWidth/ImageLength in the first IFD (entries of tag 256/257, type SHORT or LONG).
    const tv = new DataView(tiff.buffer);
    const ifd = tv.getUint32(4, true);
    for (let i = 0; i < tv.getUint16(ifd, true); i++) {
      const e = ifd + 2 + 12 * i;
      const tag = tv.getUint16(e, true);
      if (tag === 256 || tag === 257) {
        tv.setUint16(e + 2, 4, true);
        tv.setUint32(e + 8, 100000, true);
      }
    }
    refuses(tiff, /16384|too large/);
  });

  it('16384 x 16384 fits the side limit but not the pixel budget', () => {
    refuses(cat(ascii('P5\n16384 16384\n65535\n'), new Uint8Array(64)), /M pixels|too large/);
  });

  it('zero sizes', () => {
    refuses(cat(ascii('P5\n0 10\n255\n'), new Uint8Array(10)), /empty|invalid|size/i);
    refuses(npy("{'descr': '<u2', 'fortran_order': False, 'shape': (0, 5), }"), /empty|invalid|size/i);
  });

  it('negative, NaN and huge numbers in headers', () => {
    refuses(cat(ascii('P5\n-4 3\n255\n'), new Uint8Array(12)), /PGM/);
    refuses(cat(ascii('Pf\n4 3\nnan\n'), new Uint8Array(48)), /PFM/);
    refuses(cat(ascii('P5\n4 3\n99999999999999999999\n'), new Uint8Array(12)), /PGM/);
  });

  it('truncated files at every offset: a clear error, or (when only trailing markers were cut) the exact samples', () => {
    const pfm = { width: 4, height: 3, data: Float32Array.from({ length: 12 }, (_, i) => i / 4) };
    const files = [encodePng16(small), encodePgm(small), encodePfm(pfm), encodeNpy(small), encodeTiff(small)];
    for (const f of files) {
      const whole = decodeDepth(f);
      for (let cut = 0; cut < f.length; cut++) {
        let read;
        try {
          read = decodeDepth(f.subarray(0, cut));
        } catch (e) {
          expect(e, `cut at ${cut}`).toBeInstanceOf(DepthDecodeError);
          continue;
        }
        expect(Array.from(read.data), `cut at ${cut} of ${f.length}`).toEqual(Array.from(whole.data));
      }
    }
  });

  it('NPY: object, structured, string dtypes and 3-D shapes', () => {
    refuses(npy("{'descr': '|O', 'fortran_order': False, 'shape': (2, 2), }"), /Python objects \(dtype "\|O"\)/);
    refuses(npy("{'descr': [('a', '<u2'), ('b', '<u2')], 'fortran_order': False, 'shape': (2, 2), }"), /NPY/);
    refuses(npy("{'descr': '<U8', 'fortran_order': False, 'shape': (2, 2), }"), /NPY/);
    refuses(npy("{'descr': '<u2', 'fortran_order': False, 'shape': (2, 2, 3), }", new Uint8Array(24)), /NPY/);
    refuses(npy("__import__('os').system('echo pwned')"), /NPY/);
  });

  it('3-channel 16-bit images offered as depth', () => {
    refuses(cat(ascii('P6\n4 3\n65535\n'), new Uint8Array(72)), /colour/);
  });

  it('files over the size limit are refused without reading them', () => {
    const huge = { length: MAX_FILE_BYTES + 1 } as Uint8Array;
    expect(() => decodeDepth(huge)).toThrow(/files up to 1024 MiB/);
  });

  it('a decompression bomb (tiny IDAT inflating far beyond the image) is refused', () => {
    const png = readShared('tum/depth.png');
    // Same header, but image data for a 1 x 1 image: the real IDAT is far too large.
    const p = new Uint8Array(png);
    const v = new DataView(p.buffer);
    v.setUint32(16, 1);
    v.setUint32(20, 1);
    v.setUint32(29, crc32(p.subarray(12, 29)));
    refuses(p, /more image data|damaged/);
  });
});
