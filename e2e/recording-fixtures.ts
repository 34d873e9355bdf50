/**
 * Dataset folders the recordings specs open, written by the test itself so
 * every expected value is known: a TUM RGB-D sequence in miniature (depth at
 * 5000 units per metre, colour stamped between the depth frames, ground-truth
 * poses) and a Redwood folder with its camera_intrinsic.json.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encode } from 'fast-png';
import { zipSync } from 'fflate';
import { encodePng16 } from '../src/io/encode-png16';

export const W = 16;
export const H = 12;
export const FRAMES = 5;

/** TUM units (1/5000 m) of depth frame k at (x, y): a slanted plane moving away frame by frame. */
export const tumRaw = (k: number, x: number, y: number) => 5000 + 500 * k + x + W * y;

export const depthStamp = (k: number) => 1305031102.175304 + 0.0333 * k;
/** Colour is stamped 4 ms after each depth frame, and one extra colour frame sits between frames 2 and 3. */
const colourStamps = [...Array.from({ length: FRAMES }, (_, k) => depthStamp(k) + 0.004), depthStamp(2) + 0.017].sort((a, b) => a - b);

function colourPng(k: number): Uint8Array {
  const rgb = new Uint8Array(W * H * 3);
  for (let i = 0; i < W * H; i++) rgb.set([40 * k, 255 - 40 * k, 128], 3 * i);
  return encode({ width: W, height: H, data: rgb, depth: 8, channels: 3 });
}

function depthPng(k: number, at: (k: number, x: number, y: number) => number): Uint8Array {
  const data = new Uint16Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) data[y * W + x] = at(k, x, y);
  return encodePng16({ width: W, height: H, data });
}

/** The files of the TUM sequence, by relative path. */
export function tumFiles(): Record<string, Uint8Array> {
  const text = (s: string) => new TextEncoder().encode(s);
  const files: Record<string, Uint8Array> = {};
  const depthLines = ['# depth maps', '# file: tum test', '# timestamp filename'];
  for (let k = 0; k < FRAMES; k++) {
    const name = `depth/${depthStamp(k).toFixed(6)}.png`;
    files[name] = depthPng(k, tumRaw);
    depthLines.push(`${depthStamp(k).toFixed(6)} ${name}`);
  }
  const rgbLines = ['# color images', '# file: tum test', '# timestamp filename'];
  colourStamps.forEach((t, i) => {
    const name = `rgb/${t.toFixed(6)}.png`;
    files[name] = colourPng(i);
    rgbLines.push(`${t.toFixed(6)} ${name}`);
  });
  // Ground truth at 100 Hz around the frames: the camera moves 1 cm along x per frame.
  const gt = ['# ground truth trajectory', '# timestamp tx ty tz qx qy qz qw'];
  for (let k = 0; k < FRAMES; k++) gt.push(`${(depthStamp(k) + 0.001).toFixed(4)} ${(0.01 * k).toFixed(4)} 0.0000 1.5000 0.0000 0.0000 0.0000 1.0000`);
  files['depth.txt'] = text(depthLines.join('\n') + '\n');
  files['rgb.txt'] = text(rgbLines.join('\n') + '\n');
  files['groundtruth.txt'] = text(gt.join('\n') + '\n');
  return files;
}

/** Redwood / Open3D layout: depth/ and color/ in name order, intrinsics in camera_intrinsic.json (column-major). */
export const REDWOOD_INTRINSICS = { fx: 20, fy: 21, cx: 7.5, cy: 5.5 };
export const redwoodRaw = (k: number, x: number, y: number) => 1000 + 100 * k + 3 * x + y;

export function redwoodFiles(): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (let k = 0; k < 3; k++) {
    files[`depth/${String(k).padStart(6, '0')}.png`] = depthPng(k, redwoodRaw);
    files[`color/${String(k).padStart(6, '0')}.png`] = colourPng(k);
  }
  const { fx, fy, cx, cy } = REDWOOD_INTRINSICS;
  files['camera_intrinsic.json'] = new TextEncoder().encode(
    JSON.stringify({ width: W, height: H, intrinsic_matrix: [fx, 0, 0, 0, fy, 0, cx, cy, 1] }),
  );
  return files;
}

/** Writes `files` under a new temporary folder named `name`; returns the folder's path. */
export function writeFolder(name: string, files: Record<string, Uint8Array>): string {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'depthscope-rec-')), name);
  for (const [rel, bytes] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), bytes);
  }
  return root;
}

/** The files zipped under one top folder, as people zip a dataset folder. */
export function zipOf(name: string, files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([rel, bytes]) => [`${name}/${rel}`, bytes])));
}
