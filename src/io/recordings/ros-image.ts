/**
 * sensor_msgs/Image and sensor_msgs/CompressedImage messages (ROS 1 or 2,
 * already deserialised) to depth samples or RGBA colour, exactly: raw images
 * are copied sample by sample honouring `step` and `is_bigendian`;
 * compressedDepth PNGs go through the project's PNG decoder, never a canvas.
 */
import type { RawDepthImage } from '../../core/depth-image';
import { checkDimensions, DepthDecodeError } from '../../core/depth-image';
import type { ColourImage } from '../../core/colour-image';
import { decodePng } from '../decode-png';
import { decodeColour } from '../decode-colour';
import { makeDepthImage } from '../depth-result';

export const IMAGE_TYPE = 'sensor_msgs/Image';
export const COMPRESSED_TYPE = 'sensor_msgs/CompressedImage';

const DEPTH_ENCODINGS: Record<string, { bytes: number; kind: 'u16' | 'f32' | 'u8' }> = {
  '16UC1': { bytes: 2, kind: 'u16' },
  mono16: { bytes: 2, kind: 'u16' },
  z16: { bytes: 2, kind: 'u16' },
  y16: { bytes: 2, kind: 'u16' },
  '32FC1': { bytes: 4, kind: 'f32' },
  mono8: { bytes: 1, kind: 'u8' },
  '8UC1': { bytes: 1, kind: 'u8' },
  y8: { bytes: 1, kind: 'u8' },
};

const COLOUR_ENCODINGS: Record<string, number> = { rgb8: 3, bgr8: 3, rgba8: 4, bgra8: 4, yuyv: 2, YUYV: 2, yuv422_yuy2: 2, yuv422: 2, uyvy: 2, UYVY: 2 };
/**
 * ROS's "yuv422" is UYVY (image_encodings; cv_bridge converts it with
 * COLOR_YUV2RGB_UYVY), and librealsense agrees: it writes UYVY as "yuv422"
 * and YUYV under its own name "YUYV". "yuv422_yuy2" is YUYV.
 */
const UYVY_ENCODINGS = new Set(['yuv422', 'uyvy', 'UYVY']);

export interface ImageShape {
  readonly encoding: string;
  readonly width: number;
  readonly height: number;
  readonly role: 'depth' | 'colour' | 'infrared' | null;
}

interface RawImage {
  width: number;
  height: number;
  encoding: string;
  is_bigendian: number;
  step: number;
  data: Uint8Array;
}

interface CompressedImage {
  format: string;
  data: Uint8Array;
}

/** What a message shows of itself: its encoding and size, and whether it looks like depth or colour. */
export function imageShape(type: string, msg: Record<string, unknown>): ImageShape {
  if (type === COMPRESSED_TYPE) {
    const { format } = msg as unknown as CompressedImage;
    const encoding = String(format);
    const role = /compressedDepth/i.test(encoding) ? 'depth' : /jpe?g|png/i.test(encoding) ? 'colour' : null;
    return { encoding, width: 0, height: 0, role };
  }
  const m = msg as unknown as RawImage;
  const encoding = String(m.encoding);
  const d = DEPTH_ENCODINGS[encoding];
  const role = d ? (d.kind === 'u8' ? 'infrared' : 'depth') : COLOUR_ENCODINGS[encoding] ? 'colour' : null;
  return { encoding, width: Number(m.width), height: Number(m.height), role };
}

/** Depth samples exactly as stored (16UC1 millimetres stay integers, 32FC1 metres stay floats). */
export function depthFromMessage(type: string, msg: Record<string, unknown>, what: string): RawDepthImage {
  if (type === COMPRESSED_TYPE) return depthFromCompressed(msg as unknown as CompressedImage, what);
  if (type !== IMAGE_TYPE) throw new DepthDecodeError(`${what}: ${type} messages are not images.`);
  const m = msg as unknown as RawImage;
  const enc = DEPTH_ENCODINGS[m.encoding];
  if (!enc) {
    throw new DepthDecodeError(
      `${what}: the image encoding “${m.encoding}” is not a depth encoding; depth is read from 16UC1, mono16, 32FC1 and 8-bit mono images.`,
    );
  }
  const rows = checkRows(m, enc.bytes, what);
  const n = m.width * m.height;
  const data = enc.kind === 'u16' ? new Uint16Array(n) : enc.kind === 'f32' ? new Float32Array(n) : new Uint8Array(n);
  const little = !m.is_bigendian;
  for (let y = 0; y < m.height; y++) {
    const row = new DataView(rows.buffer, rows.byteOffset + y * m.step, m.width * enc.bytes);
    for (let x = 0, i = y * m.width; x < m.width; x++, i++) {
      data[i] = enc.kind === 'u16' ? row.getUint16(2 * x, little) : enc.kind === 'f32' ? row.getFloat32(4 * x, little) : row.getUint8(x);
    }
  }
  return makeDepthImage({ width: m.width, height: m.height, data, format: 'npy' });
}

function checkRows(m: RawImage, bytesPerPixel: number, what: string): Uint8Array {
  checkDimensions(m.width, m.height, what);
  if (m.step < m.width * bytesPerPixel) throw new DepthDecodeError(`${what}: the image's row step ${m.step} is shorter than its ${m.width} pixels of ${m.encoding}; the message is damaged.`);
  if (m.data.length < m.step * m.height) {
    throw new DepthDecodeError(`${what}: the image holds ${m.data.length} bytes but ${m.width} x ${m.height} ${m.encoding} needs ${m.step * m.height}; the message is damaged.`);
  }
  return m.data;
}

/**
 * compressed_depth_image_transport: `format` like "16UC1; compressedDepth png",
 * then a 12-byte header (format enum int32, two float32 quantisation
 * parameters) and a PNG. 16UC1 keeps millimetres; for 32FC1 the PNG holds
 * quantised inverse depth, d = A / (q - B) in float32, 0 meaning no depth (NaN).
 */
function depthFromCompressed(m: CompressedImage, what: string): RawDepthImage {
  const format = String(m.format);
  if (!/compressedDepth/i.test(format)) throw new DepthDecodeError(`${what}: “${format}” is a compressed colour image, not compressedDepth.`);
  if (/rvl/i.test(format)) throw new DepthDecodeError(`${what}: compressedDepth with RVL coding is not supported; PNG coding is.`);
  const bytes = m.data;
  if (bytes.length < 12 + 8) throw new DepthDecodeError(`${what}: the compressedDepth message is too short for its header and PNG.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, 12);
  const png = decodePng(bytes.subarray(12));
  if (png.sampleType !== 'uint16') throw new DepthDecodeError(`${what}: the compressedDepth PNG is ${png.sampleType}, not 16-bit gray.`);
  const source = format.split(';')[0].trim();
  if (source === '16UC1' || source === 'mono16') return { ...png, notes: [] };
  if (source !== '32FC1') throw new DepthDecodeError(`${what}: compressedDepth of “${source}” images is not supported (16UC1 and 32FC1 are).`);
  const a = view.getFloat32(4, true);
  const b = view.getFloat32(8, true);
  const q = png.data as Uint16Array;
  const out = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) out[i] = q[i] ? Math.fround(a / Math.fround(q[i] - b)) : NaN;
  return makeDepthImage({ width: png.width, height: png.height, data: out, format: 'png' });
}

/** RGBA from a colour image; compressed JPEG/PNG colour goes to the browser's decoder. */
export async function colourFromMessage(type: string, msg: Record<string, unknown>, name: string, what: string): Promise<ColourImage> {
  if (type === COMPRESSED_TYPE) {
    const m = msg as unknown as CompressedImage;
    return decodeColour(m.data, name, /png/i.test(m.format) ? 'image/png' : 'image/jpeg');
  }
  const m = msg as unknown as RawImage;
  const channels = COLOUR_ENCODINGS[m.encoding];
  const mono = DEPTH_ENCODINGS[m.encoding]?.kind === 'u8';
  if (!channels && !mono) {
    throw new DepthDecodeError(`${what}: the colour encoding “${m.encoding}” is not supported (rgb8, bgr8, rgba8, bgra8, yuyv, yuv422 (UYVY), mono8).`);
  }
  const rows = checkRows(m, mono ? 1 : channels, what);
  const { width, height } = m;
  if (channels === 2 && width % 2 !== 0) throw new DepthDecodeError(`${what}: a ${m.encoding} image needs an even width, not ${width}.`);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = rows.subarray(y * m.step);
    for (let x = 0; x < width; x++) {
      const o = 4 * (y * width + x);
      if (mono) rgba.set([row[x], row[x], row[x], 255], o);
      else if (channels === 2) rgba.set(yuvPixel(row, x, m.encoding), o);
      else {
        const p = x * channels;
        const bgr = m.encoding.startsWith('bgr');
        rgba[o] = row[bgr ? p + 2 : p];
        rgba[o + 1] = row[p + 1];
        rgba[o + 2] = row[bgr ? p : p + 2];
        rgba[o + 3] = channels === 4 ? row[p + 3] : 255;
      }
    }
  }
  return { name, width, height, rgba };
}

/** YUYV (Y0 U Y1 V) or UYVY (U Y0 V Y1), BT.601 limited range: r = 1.164(y-16) + 1.596(v-128), and so on, clamped. */
function yuvPixel(row: Uint8Array, x: number, encoding: string): number[] {
  const p = (x >> 1) * 4;
  const uyvy = UYVY_ENCODINGS.has(encoding);
  const y = uyvy ? row[p + 1 + 2 * (x & 1)] : row[p + 2 * (x & 1)];
  const u = uyvy ? row[p] : row[p + 1];
  const v = uyvy ? row[p + 2] : row[p + 3];
  const c = 1.164 * (y - 16);
  return [c + 1.596 * (v - 128), c - 0.813 * (v - 128) - 0.391 * (u - 128), c + 2.018 * (u - 128), 255];
}
