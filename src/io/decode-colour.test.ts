import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodePpm } from './decode-colour';
import { isColourPicture } from './sniff-format';
import { asciiBytes, concatBytes } from './encode-checks';
import { encodePng16 } from './encode-png16';

const samples = new URL('../../../shared/samples/', import.meta.url);
const sample = (path: string) => new Uint8Array(readFileSync(new URL(path, samples)));

describe('isColourPicture', () => {
  it('takes the shared samples’ colour frames as colour and their depth maps as depth', () => {
    for (const path of ['tum/color.png', 'redwood/color.jpg', 'sun/color.jpg', 'nyu/color.ppm']) expect(isColourPicture(sample(path)), path).toBe(true);
    for (const path of ['tum/depth.png', 'redwood/depth.png', 'sun/depth.png', 'nyu/depth.pgm']) expect(isColourPicture(sample(path)), path).toBe(false);
  });

  it('does not take a 16-bit or a gray PNG for colour', () => {
    expect(isColourPicture(encodePng16({ data: new Uint16Array(4), width: 2, height: 2 }))).toBe(false);
    expect(isColourPicture(new Uint8Array(30))).toBe(false);
  });
});

describe('decodePpm', () => {
  it('reads NYU’s colour frame: size and the first pixels, checked against the raw bytes', () => {
    const bytes = sample('nyu/color.ppm');
    const img = decodePpm(bytes, 'color.ppm');
    expect([img.width, img.height]).toEqual([640, 480]);
    // Header "P6 640 480 255\n" is 15 bytes; pixel i is at 15 + 3i.
    for (const i of [0, 1, 640 * 240 + 320, 640 * 480 - 1]) {
      expect([...img.rgba.subarray(4 * i, 4 * i + 4)]).toEqual([bytes[15 + 3 * i], bytes[16 + 3 * i], bytes[17 + 3 * i], 255]);
    }
  });

  it('rejects truncated, 16-bit and absurd files with a reason', () => {
    const head = asciiBytes('P6 4 4 255\n');
    expect(() => decodePpm(concatBytes([head, new Uint8Array(47)]), 'a.ppm')).toThrow(/truncated/);
    expect(() => decodePpm(concatBytes([asciiBytes('P6 4 4 65535\n'), new Uint8Array(96)]), 'a.ppm')).toThrow(/8-bit/);
    expect(() => decodePpm(asciiBytes('P6 100000 100000 255\n'), 'a.ppm')).toThrow(/size/);
    expect(() => decodePpm(asciiBytes('P5 4 4 255\n'), 'a.ppm')).toThrow(/P6/);
  });
});
