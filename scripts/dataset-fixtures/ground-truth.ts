/**
 * Dataset folders that ship ground truth, in miniature (8x6): a model's
 * results folder paired by pattern ({id}_pred.png with {id}_gt.png), one paired
 * by sibling folders (pred/ float metres as PFM, gt/ 16-bit millimetres), and a
 * KITTI depth-completion drive (velodyne_raw/ sparse, groundtruth/ dense, 1/256 m).
 * Every value is a formula exported here, so tests compare what the app shows
 * with what was written. Frames differ in their errors (the prediction is the
 * ground truth scaled by a per-frame factor), so a reference from the wrong
 * frame gives other metrics.
 */
import { encode as encodePng } from 'fast-png';
import { encodePfm } from '../../src/io/encode-pfm';

export const GT_W = 8;
export const GT_H = 6;

/** Ground truth of pair k in millimetres; 0 (no depth) at one pixel per frame. */
export function gtMm(k: number, x: number, y: number): number {
  if (x === k + 1 && y === k) return 0;
  return 2000 + 150 * k + 13 * y + 7 * x;
}

/** The prediction is the ground truth times this, per pair: 10 % far, 15 % near, 5 % far. */
export const PRED_FACTOR = [1.1, 0.85, 1.05];

/** Prediction of pair k in millimetres (16-bit PNG): rounded, with its own hole. */
export function predMm(k: number, x: number, y: number): number {
  if (x === 5 && y === 4) return 0;
  return Math.round(gtMm(k, x, y) * PRED_FACTOR[k]);
}

/** Prediction of pair k in metres (float32). */
export const predMetres = (k: number, x: number, y: number) => Math.fround((gtMm(k, x, y) * PRED_FACTOR[k]) / 1000);

export function gridOf<T extends Uint16Array | Float32Array>(out: T, f: (x: number, y: number) => number): T {
  for (let y = 0; y < GT_H; y++) for (let x = 0; x < GT_W; x++) out[y * GT_W + x] = f(x, y);
  return out;
}

const png16 = (f: (x: number, y: number) => number) => encodePng({ width: GT_W, height: GT_H, data: gridOf(new Uint16Array(GT_W * GT_H), f), depth: 16, channels: 1 });

/** Pattern pairs: ids in numeric order 2, 10, 11 (frames 0, 1, 2); one prediction without ground truth. */
export const PATTERN_IDS = ['2', '10', '11'];

export function patternPairFiles(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  PATTERN_IDS.forEach((id, k) => {
    files.set(`${id}_pred.png`, png16((x, y) => predMm(k, x, y)));
    files.set(`${id}_gt.png`, png16((x, y) => gtMm(k, x, y)));
  });
  files.set('99_pred.png', png16((x, y) => predMm(0, x, y)));
  return files;
}

/** Sibling folders: pred/scene/NNNN.pfm with gt/scene/NNNN.png, frames in this order. */
export const FOLDER_PAIRS = ['scene_a/0001', 'scene_a/0002', 'scene_b/0001'];

/** The PFM prediction of pair k: metres, NaN where predMm has no depth. */
export const predMetresGrid = (k: number) => gridOf(new Float32Array(GT_W * GT_H), (x, y) => (predMm(k, x, y) === 0 ? Number.NaN : predMetres(k, x, y)));

export function folderPairFiles(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  FOLDER_PAIRS.forEach((rel, k) => {
    files.set(`pred/${rel}.pfm`, encodePfm({ width: GT_W, height: GT_H, data: predMetresGrid(k) }));
    files.set(`gt/${rel}.png`, png16((x, y) => gtMm(k, x, y)));
  });
  return files;
}

/** KITTI scans 3..7 of image_02: ground truth from scan 5 (as KITTI's starts 5 in); one scan of image_03. */
export const KITTI_DRIVE = '2011_09_26_drive_0001_sync';
export const KITTI_SCANS = [3, 4, 5, 6, 7];
export const KITTI_GT_SCANS = [5, 6, 7];
const scanName = (n: number) => `${String(n).padStart(10, '0')}.png`;

/** Dense ground truth of scan n in 1/256 m: 5 m and more, distinct per scan and pixel. */
export const kittiDense = (n: number, x: number, y: number) => 256 * 5 + 64 * n + 40 * x + 17 * y;

/** The sparse scan: a third of the pixels, each off the ground truth by a few units; 0 elsewhere. */
export function kittiSparse(n: number, x: number, y: number): number {
  if ((x + 2 * y + n) % 3 !== 0) return 0;
  return kittiDense(n, x, y) + 9 * ((x * y + n) % 5) - 18;
}

export function kittiFiles(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const base = `${KITTI_DRIVE}/proj_depth`;
  for (const n of KITTI_SCANS) files.set(`${base}/velodyne_raw/image_02/${scanName(n)}`, png16((x, y) => kittiSparse(n, x, y)));
  for (const n of KITTI_GT_SCANS) files.set(`${base}/groundtruth/image_02/${scanName(n)}`, png16((x, y) => kittiDense(n, x, y)));
  files.set(`${base}/velodyne_raw/image_03/${scanName(5)}`, png16((x, y) => kittiSparse(50, x, y)));
  files.set(`${base}/groundtruth/image_03/${scanName(5)}`, png16((x, y) => kittiDense(50, x, y)));
  return files;
}
