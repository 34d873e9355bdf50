/**
 * What the recording fixtures hold, as functions: the generator writes these
 * values and the tests compare what the readers decode against them exactly.
 */
import { encodePng16 } from '../../src/io/encode-png16';
import type { RosTime } from './bag-writer';

export const W = 16;
export const H = 12;

/** Depth at 10 Hz from t = 100 s; colour 12 ms after, 5 ms before, 12 ms after, then 80 ms after (too far to pair). */
export const DEPTH_TIMES: RosTime[] = [0, 1, 2, 3].map((i) => ({ sec: 100, nsec: i * 100_000_000 }));
export const COLOUR_TIMES: RosTime[] = [12, 95, 212, 380].map((ms) => ({ sec: 100, nsec: ms * 1_000_000 }));
/** The colour frame each depth frame pairs with (nearest, within half the 0.1 s frame interval). */
export const EXPECTED_PAIRS = [0, 1, 2, -1];

export function seconds(t: RosTime): number {
  return t.sec + t.nsec / 1e9;
}

/** Millimetres, with a diagonal pattern of zeros (no depth). */
export function depthMm(frame: number): Uint16Array {
  const out = new Uint16Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) out[y * W + x] = (x + y) % 7 === 0 ? 0 : 400 + 50 * frame + 13 * x + 7 * y;
  return out;
}

/** The same scene in float32 metres, NaN where there is no depth. */
export function depthM(frame: number): Float32Array {
  return Float32Array.from(depthMm(frame), (mm) => (mm === 0 ? NaN : mm / 1000));
}

export function colourRgb(frame: number): Uint8Array {
  return colourRgbSized(frame, W, H);
}

/** The same pattern on a width x height grid (a colour stream of another size than depth). */
export function colourRgbSized(frame: number, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const x = i % width;
    const y = Math.floor(i / width);
    out.set([(x * 16 + frame * 5) & 255, (y * 20 + frame * 3) & 255, (x * y + 40 * frame) & 255], 3 * i);
  }
  return out;
}

/** The colour frame as RGBA, which is what readColour returns. */
export function colourRgba(frame: number): Uint8ClampedArray {
  const rgb = colourRgb(frame);
  const out = new Uint8ClampedArray(W * H * 4);
  for (let i = 0; i < W * H; i++) out.set([rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2], 255], 4 * i);
  return out;
}

/** Re-orders RGB to another layout of the same pixels (bgr8, rgba8, bgra8). */
export function colourAs(frame: number, encoding: 'rgb8' | 'bgr8' | 'rgba8' | 'bgra8'): Uint8Array {
  const rgb = colourRgb(frame);
  const n = encoding.endsWith('a8') ? 4 : 3;
  const out = new Uint8Array(W * H * n);
  for (let i = 0; i < W * H; i++) {
    const [r, g, b] = [rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]];
    out.set(encoding.startsWith('bgr') ? [b, g, r] : [r, g, b], n * i);
    if (n === 4) out[n * i + 3] = 200;
  }
  return out;
}

export function infraredY8(frame: number): Uint8Array {
  return Uint8Array.from({ length: W * H }, (_, i) => (i * 3 + frame) & 255);
}

export interface Calibration {
  fx: number;
  fy: number;
  cx: number;
  cy: number;
  model: string;
  d: number[];
}

export const DEPTH_CAL: Calibration = { fx: 20.5, fy: 20.25, cx: 7.75, cy: 5.5, model: 'plumb_bob', d: [0.1, -0.05, 0.001, 0.002, 0.01] };
export const COLOUR_CAL: Calibration = { fx: 21, fy: 21.5, cx: 8, cy: 6, model: 'plumb_bob', d: [0, 0, 0, 0, 0] };

/** compressed_depth_image_transport's 32FC1 quantisation with depth_max 10 m, depth_quantization 100. */
export const QUANT_A = Math.fround(100 * 101);
export const QUANT_B = Math.fround(1 - QUANT_A / 10);

/** compressedDepth message data: the 12-byte config header (format 0 = PNG, A, B), then a 16-bit PNG. */
export function compressedDepthData(frame: number, kind: '16UC1' | '32FC1'): Uint8Array {
  const mm = depthMm(frame);
  const samples = kind === '16UC1' ? mm : Uint16Array.from(mm, (v) => (v === 0 ? 0 : Math.round(QUANT_A / (v / 1000) + QUANT_B)));
  const png = encodePng16({ width: W, height: H, data: samples });
  const out = new Uint8Array(12 + png.length);
  const view = new DataView(out.buffer);
  view.setInt32(0, 0, true);
  view.setFloat32(4, kind === '32FC1' ? QUANT_A : 0, true);
  view.setFloat32(8, kind === '32FC1' ? QUANT_B : 0, true);
  out.set(png, 12);
  return out;
}

/** What the reader must make of the 32FC1 compressedDepth frame: A / (q - B) in float32. */
export function compressed32Expected(frame: number): Float32Array {
  const mm = depthMm(frame);
  return Float32Array.from(mm, (v) => {
    if (v === 0) return NaN;
    const q = Math.round(QUANT_A / (v / 1000) + QUANT_B);
    return Math.fround(QUANT_A / Math.fround(q - QUANT_B));
  });
}
