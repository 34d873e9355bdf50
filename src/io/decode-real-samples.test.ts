/**
 * The four real RGB-D frames of ../shared/samples: every probe of its README,
 * read exactly as stored (raw samples; metres are units.ts's job and tested there).
 */
import { describe, expect, it } from 'vitest';
import { decodeDepth, NeedsBrowserImageDecode } from './decode-depth';
import { DepthDecodeError } from '../core/depth-image';
import { readShared } from './test-fixtures';

const PROBES: Record<string, { file: string; format: string; raw: [number, number, number][] }> = {
  tum: { file: 'tum/depth.png', format: 'png', raw: [[320, 240, 10920], [100, 200, 12335], [500, 400, 11665], [10, 10, 0]] },
  redwood: { file: 'redwood/depth.png', format: 'png', raw: [[320, 240, 2195], [100, 200, 1377], [500, 400, 1331], [10, 10, 0]] },
  sun: { file: 'sun/depth.png', format: 'png', raw: [[320, 240, 0], [100, 200, 18408], [500, 400, 0], [10, 10, 0]] },
  nyu: { file: 'nyu/depth.pgm', format: 'pgm', raw: [[320, 240, 53507], [100, 200, 59139], [500, 400, 50947], [10, 10, 65287]] },
};

describe('real depth frames', () => {
  for (const [name, s] of Object.entries(PROBES)) {
    it(`${name}: 640x480 uint16 ${s.format}, README probes exact`, () => {
      const img = decodeDepth(readShared(s.file));
      expect([img.width, img.height, img.sampleType, img.format, img.pageCount, img.page]).toEqual([640, 480, 'uint16', s.format, 1, 0]);
      expect(img.data).toBeInstanceOf(Uint16Array);
      for (const [x, y, raw] of s.raw) expect(img.data[y * 640 + x], `(${x}, ${y})`).toBe(raw);
    });
  }

  it('nyu read little-endian gives the Kinect disparity directly (byte-order switch)', () => {
    const img = decodeDepth(readShared('nyu/depth.pgm'), { pgmByteOrder: 'little' });
    const swap = (v: number) => ((v & 0xff) << 8) | (v >> 8);
    for (const [x, y, raw] of PROBES.nyu.raw) expect(img.data[y * 640 + x]).toBe(swap(raw));
  });

  it('tum colour PNG (8-bit RGB) opens as relative depth: Rec. 601 luma, with a note', () => {
    const img = decodeDepth(readShared('tum/color.png'));
    expect([img.width, img.height, img.sampleType]).toEqual([640, 480, 'uint8']);
    expect(img.notes.join(' ')).toMatch(/601/);
    expect(img.data.some((v) => v > 0)).toBe(true);
  });

  it('a colour PPM (nyu/color.ppm) is refused as a colour image, not a depth map', () => {
    expect(() => decodeDepth(readShared('nyu/color.ppm'))).toThrow(DepthDecodeError);
    expect(() => decodeDepth(readShared('nyu/color.ppm'))).toThrow(/colour PPM/);
  });

  it('JPEG colour images are handed to the browser decoder', () => {
    expect(() => decodeDepth(readShared('redwood/color.jpg'))).toThrow(NeedsBrowserImageDecode);
  });
});
