/**
 * Writes each dataset layout in miniature (8x6 depth, a few frames; those with
 * ground truth from ./dataset-fixtures/ground-truth.ts) under
 * src/io/__fixtures__/datasets/, a .zip, .tar and .tgz of the TUM one, and EXR
 * depth files. The values are formulas exported here, so the tests check what
 * the readers decode against what was written, and a test checks that the
 * committed files equal a fresh generation.
 *
 *   npx tsx scripts/make-dataset-fixtures.ts
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encode as encodePng } from 'fast-png';
import { gzipSync, zipSync } from 'fflate';
import { writeExr } from './exr-writer';
import { writeTar } from './tar-writer';
import { folderPairFiles, kittiFiles, patternPairFiles } from './dataset-fixtures/ground-truth';

export const FIXTURE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/io/__fixtures__/datasets');

export const W = 8;
export const H = 6;

export type LayoutName = 'tum' | 'redwood' | '7scenes' | 'scannet' | 'folder';
const BASE: Record<LayoutName, number> = { tum: 5000, redwood: 1000, '7scenes': 800, scannet: 1200, folder: 300 };

/** The stored depth sample of `layout`, frame `frame`, pixel (x, y): distinct per frame and pixel, with a hole and (7-Scenes) its invalid marker. */
export function depthSample(layout: LayoutName, frame: number, x: number, y: number): number {
  if (x === 0 && y === 0 && frame === 1) return 0;
  if (layout === '7scenes' && x === W - 1 && y === H - 1) return 65535;
  return BASE[layout] + 97 * frame + 11 * y + x;
}

export function depthGrid(layout: LayoutName, frame: number): Uint16Array {
  const out = new Uint16Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) out[y * W + x] = depthSample(layout, frame, x, y);
  return out;
}

export function colourPixel(frame: number, x: number, y: number): [number, number, number] {
  return [(16 * x + frame) & 255, (16 * y + 3 * frame) & 255, (200 - 7 * frame) & 255];
}

function depthPng(layout: LayoutName, frame: number): Uint8Array {
  return encodePng({ width: W, height: H, data: depthGrid(layout, frame), depth: 16, channels: 1 });
}

function colourPng(frame: number, width = W, height = H): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(colourPixel(frame, x, y), 3 * (y * width + x));
  return encodePng({ width, height, data, depth: 8, channels: 3 });
}

const text = (s: string) => new TextEncoder().encode(s);

/** Camera-to-world of frame k: a rotation about a fixed tilted axis and a translation (Rodrigues' formula, independent of the readers' quaternion code). */
export function poseMatrix(k: number): number[] {
  const axis = [1 / 3, 2 / 3, 2 / 3];
  const angle = 0.3 + 0.1 * k;
  const [x, y, z] = axis;
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const t = 1 - c;
  return [
    t * x * x + c, t * x * y - s * z, t * x * z + s * y, 0.1 * k,
    t * x * y + s * z, t * y * y + c, t * y * z - s * x, -0.2,
    t * x * z - s * y, t * y * z + s * x, t * z * z + c, 1 + 0.05 * k,
    0, 0, 0, 1,
  ];
}

/** The same rotation as a unit quaternion (x, y, z, w) and the translation: what TUM's groundtruth.txt stores. */
export function poseQuaternion(k: number): { t: number[]; q: number[] } {
  const angle = 0.3 + 0.1 * k;
  const s = Math.sin(angle / 2);
  return { t: [0.1 * k, -0.2, 1 + 0.05 * k], q: [s / 3, (2 * s) / 3, (2 * s) / 3, Math.cos(angle / 2)] };
}

/**
 * TUM stamps, chosen so that associate.py's greedy one-to-one matching differs from
 * nearest-neighbour: depth 0 and depth 1 are both nearest to colour 0; colour 0 goes
 * to depth 1 (2 ms, the closest pair) and depth 0 takes colour 1 (19 ms, inside 20 ms);
 * depth 2's nearest colour is 25 ms away, so it has none.
 */
export const TUM_DEPTH_STAMPS = ['1305031102.000000', '1305031102.010000', '1305031102.100000'];
export const TUM_RGB_STAMPS = ['1305031102.008000', '1305031102.019000', '1305031102.125000'];
export const TUM_EXPECTED_COLOUR = [1, 0, -1];
/** Ground-truth stamps: the nearest to each depth stamp is the same index (5, 2 and 5 ms away). */
export const TUM_GT_STAMPS = ['1305031101.9950', '1305031102.0120', '1305031102.0950'];

function tumFiles(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const header = (what: string) => `# ${what}\n# file: 'rgbd_dataset_mini.bag'\n# timestamp filename\n`;
  files.set('depth.txt', text(header('depth maps') + TUM_DEPTH_STAMPS.map((s) => `${s} depth/${s}.png\n`).join('')));
  files.set('rgb.txt', text(header('color images') + TUM_RGB_STAMPS.map((s) => `${s} rgb/${s}.png\n`).join('')));
  const gt = TUM_GT_STAMPS.map((s, k) => {
    const { t, q } = poseQuaternion(k);
    return `${s} ${[...t, ...q].join(' ')}\n`;
  });
  files.set('groundtruth.txt', text('# ground truth trajectory\n# file: rgbd_dataset_mini.bag\n# timestamp tx ty tz qx qy qz qw\n' + gt.join('')));
  TUM_DEPTH_STAMPS.forEach((s, i) => files.set(`depth/${s}.png`, depthPng('tum', i)));
  TUM_RGB_STAMPS.forEach((s, i) => files.set(`rgb/${s}.png`, colourPng(i)));
  return files;
}

export const REDWOOD_INTRINSICS = { width: W, height: H, fx: 7.5, fy: 7.25, cx: 3.5, cy: 2.75 };

function matrixLines(m: readonly number[], format: (v: number) => string, sep = ' '): string {
  return [0, 1, 2, 3].map((r) => m.slice(4 * r, 4 * r + 4).map(format).join(sep) + '\n').join('');
}

function redwoodFiles(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (let i = 0; i < 3; i++) {
    const id = String(i).padStart(6, '0');
    files.set(`depth/${id}.png`, depthPng('redwood', i));
    files.set(`color/${id}.png`, colourPng(i));
  }
  files.set('trajectory.log', text([0, 1, 2].map((i) => `${i} ${i} ${i + 1}\n${matrixLines(poseMatrix(i), String)}`).join('')));
  const { width, height, fx, fy, cx, cy } = REDWOOD_INTRINSICS;
  files.set('camera_intrinsic.json', text(JSON.stringify({ width, height, intrinsic_matrix: [fx, 0, 0, 0, fy, 0, cx, cy, 1] }, null, 2)));
  return files;
}

/** 7-Scenes writes poses in scientific notation with 7 decimals, tab-separated. */
export const sevenScenesNumber = (v: number) => v.toExponential(7);
export const SEVEN_SCENES_SEQUENCES = { 'seq-01': 3, 'seq-02': 2 };

function sevenScenesFiles(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const [seq, count] of Object.entries(SEVEN_SCENES_SEQUENCES)) {
    for (let i = 0; i < count; i++) {
      const base = `${seq}/frame-${String(i).padStart(6, '0')}`;
      const frame = seq === 'seq-01' ? i : 10 + i;
      files.set(`${base}.depth.png`, depthPng('7scenes', frame));
      files.set(`${base}.color.png`, colourPng(frame));
      files.set(`${base}.pose.txt`, text(matrixLines(poseMatrix(frame), sevenScenesNumber, '\t')));
    }
  }
  return files;
}

export const SCANNET_FRAMES = [0, 1, 10];
export const SCANNET_DEPTH_K = { fx: 5.75, fy: 5.5, cx: 3.25, cy: 2.5 };
export const SCANNET_COLOUR_K = { fx: 11.5, fy: 11, cx: 7.5, cy: 5.5, width: 16, height: 12 };

function scannetFiles(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  SCANNET_FRAMES.forEach((n, i) => {
    files.set(`depth/${n}.png`, depthPng('scannet', i));
    // ScanNet's colour is JPEG; these hold PNG bytes (the project has no JPEG encoder) under the .jpg name: readers go by bytes.
    files.set(`color/${n}.jpg`, colourPng(i, SCANNET_COLOUR_K.width, SCANNET_COLOUR_K.height));
    const pose = i === 2 ? new Array(16).fill(-Infinity) : poseMatrix(i);
    files.set(`pose/${n}.txt`, text(matrixLines(pose, (v) => (v === -Infinity ? '-inf' : String(v)))));
  });
  const k = (p: { fx: number; fy: number; cx: number; cy: number }) => matrixLines([p.fx, 0, p.cx, 0, 0, p.fy, p.cy, 0, 0, 0, 1, 0, 0, 0, 0, 1], (v) => v.toFixed(6));
  files.set('intrinsic/intrinsic_depth.txt', text(k(SCANNET_DEPTH_K)));
  files.set('intrinsic/intrinsic_color.txt', text(k(SCANNET_COLOUR_K)));
  return files;
}

/** A plain folder: depth in numeric name order 1, 2, 10 (frames 0, 1, 2), colour for 1 and 10, and a file that is neither. */
export const FOLDER_DEPTH = ['frame_1_depth.png', 'frame_2_depth.png', 'frame_10_depth.png'];
export const FOLDER_COLOUR: (string | null)[] = ['frame_1_rgb.png', null, 'frame_10_rgb.png'];

function folderFiles(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  FOLDER_DEPTH.forEach((name, i) => files.set(name, depthPng('folder', i)));
  FOLDER_COLOUR.forEach((name, i) => name && files.set(name, colourPng(i)));
  files.set('README.txt', text('Depth in millimetres.\n'));
  return files;
}

/**
 * EXR fixtures: exactly representable half values; float32 values with short
 * mantissas (so that ZIP blocks compress and are stored compressed) except the
 * first two rows, which hold arbitrary float32 values, and an infinity (no depth).
 */
export const EXR_HALF = (x: number, y: number) => 0.5 + (x + W * y) / 64;
export function EXR_FLOAT(x: number, y: number): number {
  if (x === 3 && y === 2) return Infinity;
  return y < 2 ? Math.fround(1.25 + 0.013 * x + 0.0071 * (y + 1)) : 1.25 + x / 128 + y / 16;
}
export const EXR_ZIP_SIZE = { width: 32, height: 20 };

function grid(width: number, height: number, f: (x: number, y: number) => number): number[] {
  const out: number[] = [];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out.push(f(x, y));
  return out;
}

function exrFiles(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  files.set('half-z-none.exr', writeExr(W, H, [{ name: 'Z', type: 'half', values: grid(W, H, EXR_HALF) }], 'none'));
  const { width, height } = EXR_ZIP_SIZE;
  files.set('float-depth-zip.exr', writeExr(width, height, [{ name: 'depth', type: 'float', values: grid(width, height, EXR_FLOAT) }], 'zip'));
  // A render pass: colour beside a layer's depth, mixed half and float, one line per block.
  const colour = (c: number) => grid(W, H, (x, y) => (x + y + c) / 16);
  files.set(
    'layers-zips.exr',
    writeExr(W, H, [
      { name: 'R', type: 'half', values: colour(0) },
      { name: 'G', type: 'half', values: colour(1) },
      { name: 'B', type: 'half', values: colour(2) },
      { name: 'ViewLayer.Depth.Z', type: 'float', values: grid(W, H, EXR_FLOAT) },
    ], 'zips'),
  );
  return files;
}

const MTIME = new Date('2024-01-01T00:00:00Z');

/** Every fixture by path under FIXTURE_DIR. */
export function generateDatasetFixtures(): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const layouts: [string, Map<string, Uint8Array>][] = [
    ['tum', tumFiles()],
    ['redwood', redwoodFiles()],
    ['7scenes', sevenScenesFiles()],
    ['scannet', scannetFiles()],
    ['folder', folderFiles()],
    ['exr', exrFiles()],
    ['pairs-pattern', patternPairFiles()],
    ['pairs-folders', folderPairFiles()],
    ['kitti-depth', kittiFiles()],
  ];
  for (const [dir, files] of layouts) for (const [name, bytes] of files) out.set(`${dir}/${name}`, bytes);
  // The TUM layout inside a top folder, as TUM's own archives have it.
  const inFolder = new Map([...tumFiles()].map(([name, bytes]) => [`rgbd_dataset_mini/${name}`, bytes]));
  const tar = writeTar(inFolder);
  out.set('archives/tum-mini.tar', tar);
  out.set('archives/tum-mini.tgz', gzipSync(tar, { level: 9, mtime: MTIME }));
  out.set('archives/tum-mini.zip', zipSync(Object.fromEntries(inFolder), { level: 9, mtime: MTIME }));
  return out;
}

function main(): void {
  rmSync(FIXTURE_DIR, { recursive: true, force: true });
  for (const [name, bytes] of generateDatasetFixtures()) {
    const file = path.join(FIXTURE_DIR, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  console.log(`wrote ${generateDatasetFixtures().size} files under ${FIXTURE_DIR}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
