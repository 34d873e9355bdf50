/**
 * Decodes the colour frame of an RGB-D pair to 8-bit RGBA. The browser decodes
 * what it can (JPEG, PNG, WebP, GIF, BMP); binary PPM (P6, maxval <= 255),
 * which browsers do not read and NYU Depth V2 uses, is read here.
 */
import { DepthDecodeError } from '../core/depth-image';
import type { ColourImage } from '../core/colour-image';
import { parseWholeNumber, readHeaderFields } from './netpbm-header';
import { sniffFormat } from './sniff-format';

/** The largest colour image accepted: 8K x 8K, 256 MB of RGBA. */
const MAX_PIXELS = 8192 * 8192;

export function decodePpm(bytes: Uint8Array, name: string): ColourImage {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x36)) throw new DepthDecodeError('PPM: not a binary PPM (P6).');
  const { fields, dataOffset } = readHeaderFields(bytes, ['the image width', 'the image height', 'the maximum value'], 'PPM', true);
  const [width, height, maxval] = fields.map((f, i) => parseWholeNumber(f, ['the image width', 'the image height', 'the maximum value'][i], 'PPM'));
  if (width < 1 || height < 1 || width * height > MAX_PIXELS) throw new DepthDecodeError(`PPM: ${width}x${height} is not a size this viewer opens.`);
  if (maxval < 1 || maxval > 255) throw new DepthDecodeError(`PPM: only 8-bit colour is read as a colour frame (maximum value ${maxval}).`);
  const need = width * height * 3;
  if (bytes.length - dataOffset < need) throw new DepthDecodeError(`PPM: the file is truncated (${bytes.length - dataOffset} of ${need} pixel bytes).`);
  const rgba = new Uint8ClampedArray(width * height * 4);
  const scale = 255 / maxval;
  for (let i = 0, j = dataOffset; i < width * height; i++, j += 3) {
    rgba[4 * i] = bytes[j] * scale;
    rgba[4 * i + 1] = bytes[j + 1] * scale;
    rgba[4 * i + 2] = bytes[j + 2] * scale;
    rgba[4 * i + 3] = 255;
  }
  return { name, width, height, rgba };
}

/** Any colour picture; browser formats go through createImageBitmap (main thread or worker). */
export async function decodeColour(bytes: Uint8Array, name: string, mime: string): Promise<ColourImage> {
  if (sniffFormat(bytes) === 'pgm') return decodePpm(bytes, name);
  const bitmap = await createImageBitmap(new Blob([bytes as BlobPart], { type: mime || 'application/octet-stream' }), {
    colorSpaceConversion: 'none',
    premultiplyAlpha: 'none',
  }).catch(() => {
    throw new DepthDecodeError(`“${name}” is not a picture this browser can decode.`);
  });
  try {
    const { width, height } = bitmap;
    if (width * height > MAX_PIXELS) throw new DepthDecodeError(`${width}x${height} is too large for a colour frame.`);
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new DepthDecodeError('the browser gave no 2-D canvas to read the colours with');
    ctx.drawImage(bitmap, 0, 0);
    return { name, width, height, rgba: ctx.getImageData(0, 0, width, height).data };
  } finally {
    bitmap.close();
  }
}
