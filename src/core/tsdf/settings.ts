/**
 * Settings of a TSDF volume, with their units, and the checks every entry
 * point runs on them and on its inputs (sentences for the user).
 *
 * The volume is sparse, as VoxelHashing (Niessner et al. 2013) and Open3D's
 * VoxelBlockGrid: blocks of 8 x 8 x 8 voxels, found through a hash of their
 * integer block coordinates, allocated from a pool of at most `blockBudget`.
 * Voxel (integer index g) has its centre at g * voxelSizeM in the world frame;
 * block b holds the voxels 8 b ... 8 b + 7 on each axis.
 */
import { checkDistortion, type LensDistortion } from '../distortion';
import { checkIntrinsics } from '../intrinsics';
import type { PinholeIntrinsics } from '../filters/depth-field';
import type { RigidTransform } from '../recording';

export const BLOCK_SIDE = 8;
export const BLOCK_VOXELS = BLOCK_SIDE ** 3;
/** Block coordinates are packed into one 32-bit key, 10 bits each: -512 ... 511 on every axis. */
export const BLOCK_COORD_LIMIT = 512;

export interface TsdfSettings {
  /** Edge of a voxel, metres (0.01 for a room at 1 cm). */
  voxelSizeM: number;
  /** Truncation distance, metres: the signed distance is kept within +-this (3 to 5 voxels usual). */
  truncationM: number;
  /** Depths outside [depthMinM, depthMaxM] metres are not integrated. */
  depthMinM: number;
  depthMaxM: number;
  /** A voxel's weight stops growing here (observations), so the volume can still follow change. */
  weightCap: number;
  /** Most blocks the volume may hold; each costs 512 voxels x 20 bytes. */
  blockBudget: number;
}

export const DEFAULT_TSDF_SETTINGS: TsdfSettings = {
  voxelSizeM: 0.01,
  truncationM: 0.04,
  depthMinM: 0.1,
  depthMaxM: 4,
  weightCap: 64,
  blockBudget: 16384,
};

/** Bytes one block takes on the GPU and in the reference: per voxel TSDF, weight and RGB, float32 each. */
export const BYTES_PER_BLOCK = BLOCK_VOXELS * 5 * 4;

/** "400 KiB", "1.46 MiB", "160 MiB": a byte count for the user (three significant digits in MiB). */
export function formatBytes(bytes: number): string {
  return bytes < 2 ** 20 ? `${Math.round(bytes / 1024)} KiB` : `${Number((bytes / 2 ** 20).toPrecision(3))} MiB`;
}

/** What integration says when the block budget is reached (CPU reference and GPU alike). */
export function budgetFullSentence(s: TsdfSettings, framesIntegrated: number): string {
  return (
    `The volume is full: its budget of ${s.blockBudget} blocks (${formatBytes(s.blockBudget * BYTES_PER_BLOCK)}) is reached, ` +
    `so integration stopped after ${framesIntegrated} frames. Raise the budget, or use larger voxels or a shorter depth range.`
  );
}

/** Why these settings cannot be used, or null. */
export function tsdfSettingsProblem(s: TsdfSettings): string | null {
  if (!(s.voxelSizeM > 0 && s.voxelSizeM <= 1)) return `The voxel size must be more than 0 and at most 1 m, not ${s.voxelSizeM} m.`;
  if (!(s.truncationM >= s.voxelSizeM && s.truncationM <= 64 * s.voxelSizeM)) {
    return `The truncation distance must be from one voxel (${s.voxelSizeM} m) to 64 voxels, not ${s.truncationM} m.`;
  }
  if (!(s.depthMinM >= 0 && s.depthMaxM > s.depthMinM && Number.isFinite(s.depthMaxM))) {
    return `The depth range must be 0 <= from < to (finite), in metres, not ${s.depthMinM} to ${s.depthMaxM}.`;
  }
  if (!(Number.isInteger(s.weightCap) && s.weightCap >= 1 && s.weightCap <= 65535)) return `The weight cap must be a whole number from 1 to 65535, not ${s.weightCap}.`;
  if (!(Number.isInteger(s.blockBudget) && s.blockBudget >= 1 && s.blockBudget <= 1 << 20)) {
    return `The block budget must be a whole number from 1 to ${1 << 20}, not ${s.blockBudget}.`;
  }
  return null;
}

/** Why `pose` is not a camera-to-world rigid transform (row-major 4x4), or null: finite, R orthonormal with det +1 (1e-4), last row 0 0 0 1. */
export function rigidTransformProblem(pose: RigidTransform): string | null {
  if (pose.length !== 16 || !pose.every(Number.isFinite)) return 'The pose must be 16 finite numbers (a row-major 4 x 4 matrix).';
  if (pose[12] !== 0 || pose[13] !== 0 || pose[14] !== 0 || pose[15] !== 1) return 'The pose is not a rigid transform: its last row is not 0 0 0 1.';
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const dot = pose[i] * pose[j] + pose[4 + i] * pose[4 + j] + pose[8 + i] * pose[8 + j];
      if (Math.abs(dot - (i === j ? 1 : 0)) > 1e-4) return 'The pose is not a rigid transform: its rotation part is not orthonormal (scaled or sheared).';
    }
  }
  const det =
    pose[0] * (pose[5] * pose[10] - pose[6] * pose[9]) - pose[1] * (pose[4] * pose[10] - pose[6] * pose[8]) + pose[2] * (pose[4] * pose[9] - pose[5] * pose[8]);
  if (det < 0) return 'The pose is not a rigid transform: its rotation part is a reflection (determinant -1).';
  return null;
}

/** One posed RGB-D frame as integration takes it. */
export interface TsdfFrame {
  width: number;
  height: number;
  intrinsics: PinholeIntrinsics;
  /** Metres (z), row-major; NaN, +-Infinity and values outside the depth range are no depth. */
  depthM: Float32Array;
  /** RGBA8 registered with depth (same size), or null: colour stays 0. */
  rgba: Uint8ClampedArray | null;
  /** Camera-to-world, row-major 4x4. */
  pose: RigidTransform;
  /** The depth camera's lens (absent or 'none': a pinhole): voxels are projected through it, pixels' rays undistorted. */
  lens?: LensDistortion;
}

/** Why this frame cannot be integrated, or null. */
export function tsdfFrameProblem(f: TsdfFrame, s: TsdfSettings): string | null {
  if (!(Number.isInteger(f.width) && Number.isInteger(f.height) && f.width > 0 && f.height > 0)) return `The frame size ${f.width} x ${f.height} is not a pair of whole numbers > 0.`;
  if (f.depthM.length !== f.width * f.height) return `The depth map has ${f.depthM.length} values, expected ${f.width} x ${f.height}.`;
  if (f.rgba && f.rgba.length !== 4 * f.width * f.height) return 'The colour image is not registered with the depth map (another size).';
  const intr = checkIntrinsics(f.intrinsics);
  if (intr) return intr;
  const lens = f.lens ? checkDistortion(f.lens) : null;
  if (lens) return lens;
  const pose = rigidTransformProblem(f.pose);
  if (pose) return pose;
  let valid = 0;
  for (let i = 0; i < f.depthM.length; i++) if (f.depthM[i] >= s.depthMinM && f.depthM[i] <= s.depthMaxM) valid++;
  if (valid === 0) return `The depth map has no valid pixel within the depth range ${s.depthMinM}–${s.depthMaxM} m: nothing to integrate.`;
  return null;
}

/** World-to-camera of a camera-to-world pose, row-major 3x4 [R^T | -R^T t]. */
export function worldToCamera(pose: RigidTransform): number[] {
  const out = new Array<number>(12);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) out[4 * i + j] = pose[4 * j + i];
    out[4 * i + 3] = -(pose[i] * pose[3] + pose[4 + i] * pose[7] + pose[8 + i] * pose[11]);
  }
  return out;
}

/** Packs block coordinates (each in -512 ... 511) into a 32-bit key > 0; 0 marks an empty hash slot. */
export function blockKey(bx: number, by: number, bz: number): number {
  return (((bx + 512) << 20) | ((by + 512) << 10) | (bz + 512)) + 1;
}

/** Whether block coordinates fit in a key. */
export function blockInRange(bx: number, by: number, bz: number): boolean {
  const L = BLOCK_COORD_LIMIT;
  return bx >= -L && bx < L && by >= -L && by < L && bz >= -L && bz < L;
}

/** The hash slot to start probing at (Teschner et al.'s primes, as VoxelHashing), tableSize a power of two. */
export function blockHash(bx: number, by: number, bz: number, tableSize: number): number {
  const h = (Math.imul(bx + 512, 73856093) ^ Math.imul(by + 512, 19349669) ^ Math.imul(bz + 512, 83492791)) >>> 0;
  return h & (tableSize - 1);
}

/** Hash-table size for a budget: the power of two >= 2 x budget (load factor at most 1/2). */
export function hashTableSize(blockBudget: number): number {
  let n = 1;
  while (n < 2 * blockBudget) n *= 2;
  return n;
}
