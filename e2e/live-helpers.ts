/**
 * Shared by the live-depth end-to-end tests: Depth Anything's resize rule
 * written out independently of transformers.js, and the video the fake camera
 * plays (a Y4M file Chromium reads with --use-file-for-fake-video-capture).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PREPROCESSOR_CONFIG, TINY_MODEL_OFFSET, TINY_MODEL_SCALE } from '../scripts/make-tiny-depth-model';

const { image_mean: MEAN, image_std: STD } = PREPROCESSOR_CONFIG;

/**
 * The tiny model's depth for one RGB pixel (8-bit values, fractional allowed for
 * interpolated ones), from first principles: Depth Anything's normalisation, then
 * SCALE · channel mean + OFFSET (scripts/make-tiny-depth-model.ts).
 */
export function tinyModelDepth(r: number, g: number, b: number): number {
  const n = [r, g, b].map((v, c) => (v / 255 - MEAN[c]) / STD[c]);
  return TINY_MODEL_SCALE * ((n[0] + n[1] + n[2]) / 3) + TINY_MODEL_OFFSET;
}

/** How much one 8-bit grey level moves the tiny model's depth: SCALE · mean(1/std) / 255 ≈ 0.035. */
export const TINY_DEPTH_PER_GREY_LEVEL = (TINY_MODEL_SCALE * (1 / STD[0] + 1 / STD[1] + 1 / STD[2])) / 3 / 255;

/** Depth Anything's resize rule (DPT, keep_aspect_ratio, ensure_multiple_of 14, 518 px). */
export function modelSize(width: number, height: number): [number, number] {
  const sw = 518 / width;
  const sh = 518 / height;
  const s = Math.abs(1 - sw) < Math.abs(1 - sh) ? sw : sh;
  const to14 = (v: number) => Math.round(v / 14) * 14;
  return [to14(width * s), to14(height * s)];
}

export const CAMERA_VIDEO = { width: 320, height: 240, frames: 10, fps: 10 };
/** The moving bright block: BLOCK px square, at x = BLOCK_X0 + BLOCK_STEP * frame, rows BLOCK_Y0.. */
const BLOCK = 40;
const BLOCK_X0 = 20;
const BLOCK_STEP = 25;
const BLOCK_Y0 = 20;
/** Rows below this never see the block: there only the ramp is. */
export const RAMP_ONLY_FROM_ROW = BLOCK_Y0 + BLOCK + 20;

/** Ramp luma at column x of a video `width` wide (continuous: the video stores it rounded). */
export const rampLuma = (x: number, width = CAMERA_VIDEO.width) => 40 + (150 * x) / (width - 1);

/**
 * The grey the page sees for a luma of the video: the camera path reads it as
 * BT.601 studio range (Y 16–235, as video is unless it says otherwise), so
 * grey = 255/219 · (Y − 16).
 */
export const greyOfLuma = (y: number) => (255 / 219) * (y - 16);

/**
 * Luma of the camera video at (x, y) in frame k: a ramp from dark (left) to
 * bright (right), and a bright block that moves right by BLOCK_STEP px a frame,
 * so the depth has a known direction and changes from frame to frame. Grey
 * (chroma neutral), so the model's channel mean is the luma.
 */
export function cameraLuma(x: number, y: number, k: number, width = CAMERA_VIDEO.width): number {
  const bx = BLOCK_X0 + BLOCK_STEP * k;
  if (x >= bx && x < bx + BLOCK && y >= BLOCK_Y0 && y < BLOCK_Y0 + BLOCK) return 235;
  return Math.round(rampLuma(x, width));
}

/** Writes the camera video (YUV4MPEG2, 4:2:0) at the tests' size or another, and returns its path. */
export function writeCameraVideo(w = CAMERA_VIDEO.width, h = CAMERA_VIDEO.height): string {
  const { frames, fps } = CAMERA_VIDEO;
  const chroma = new Uint8Array((w / 2) * (h / 2) * 2).fill(128);
  const parts: Uint8Array[] = [Buffer.from(`YUV4MPEG2 W${w} H${h} F${fps}:1 Ip A1:1 C420jpeg\n`)];
  for (let k = 0; k < frames; k++) {
    const luma = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) luma[y * w + x] = cameraLuma(x, y, k, w);
    parts.push(Buffer.from('FRAME\n'), luma, chroma);
  }
  const dir = path.join(os.tmpdir(), 'depthscope-e2e');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `live-camera-${w}x${h}.y4m`);
  writeFileSync(file, Buffer.concat(parts));
  return file;
}

/** An RGBA test frame (alpha 255). */
export interface Rgba {
  width: number;
  height: number;
  rgba: Uint8Array;
}

export function image(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): Rgba {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      [rgba[i], rgba[i + 1], rgba[i + 2]] = pixel(x, y);
      rgba[i + 3] = 255;
    }
  return { width, height, rgba };
}

/** Largest |got − want| over the pixels `want` gives a value for. */
export function worstError(depth: Float32Array, width: number, want: (x: number, y: number) => number | null): number {
  let worst = 0;
  for (let i = 0; i < depth.length; i++) {
    const w = want(i % width, Math.floor(i / width));
    if (w !== null) worst = Math.max(worst, Math.abs(depth[i] - w));
  }
  return worst;
}

/** Depth read back as base64 float32 (the harness's answer). */
export function depthOf(base64: string): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

/** A frame already at a model size (518 x 392, both multiples of 14, width at 518): no resampling, so every value is exact. */
export const EXACT = image(518, 392, (x, y) => [(x * 7 + y) % 256, (x * 3 + y * 5) % 256, (x + y * 11) % 256]);
/**
 * float32 all along: rescale, normalise, a three-term mean, scale and offset each round
 * to 2^-24 relative; at |depth| < 16 that is under 1e-6 each, so 1e-5 leaves ample room
 * and still catches any wrong constant (one grey level moves the depth by 0.03).
 */
export const EXACT_TOLERANCE = 1e-5;
