/**
 * Frame-to-model tracking (CPU reference): the algebra, the pyramid, one ICP
 * alignment, lost frames, and tracking the synthetic room from its first true
 * pose with the volume fused from the tracked poses.
 *
 * Sizes: 80 x 60 px, 4 cm voxels, 16 cm truncation (a frame in about a second).
 *
 * The trajectory bound, ATE RMSE < v / 4 (1 cm): the ray-cast model is the
 * fused surface, whose vertices are within v / 8 of the truth on average
 * (tsdf.test.ts derives that bound); point-to-plane ICP against it is off by at
 * most that mean offset per frame, and frame-to-model tracking does not let it
 * accumulate the way frame-to-frame odometry does (each frame meets the model
 * of all before it): twice the per-frame offset leaves room for one frame's
 * drift on top. Measured about 4 mm over 8 frames.
 * - fx 5 % too large: every frame's rays fan 5 % narrower, so each 9 degree
 *   turn between frames is seen as about 8.6: 0.45 degrees a frame at 2-3 m is
 *   2 cm a frame, beyond the bound within two frames (measured ATE 46 mm).
 * - A 5 cm jump in one frame's pose: that frame alone contributes
 *   5 cm / sqrt(8) = 18 mm to the RMSE (measured 17 mm).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { multiplyTransforms } from '../camera-path';
import { makeSyntheticSequence, type SyntheticSequence } from '../synthetic-sequence';
import { ateRmse } from '../trajectory';
import { TsdfVolume, type TsdfSettings } from '../tsdf';
import { choleskySolve, conditionNumber, incrementTransform, rotationFromVector, rotationVector, symmetricEigen } from './linear-algebra';
import { icpSums, SUM_INLIERS, SUM_VALID } from './point-to-plane';
import { downsampleDepth, levelIntrinsics, type DepthLevel } from './pyramid';
import { modelPyramid, trackFrameCpu } from './track-cpu';
import { rgbaIntensity } from './photometric';
import { DEFAULT_TRACKER_SETTINGS, icpUpdate, levelThresholds } from './tracker-policy';

const W = 80;
const H = 60;
const V = 0.04;
const SETTINGS: TsdfSettings = { voxelSizeM: V, truncationM: 4 * V, depthMinM: 0.1, depthMaxM: 6, weightCap: 64, blockBudget: 1 << 16 };

let seq: SyntheticSequence;
beforeAll(() => {
  seq = makeSyntheticSequence({ width: W, height: H, frames: 40 });
});

const level = (k: number, depthM = seq.frames[k].depthM, intrinsics = seq.intrinsics): DepthLevel => ({ width: W, height: H, intrinsics, depthM });

describe('the algebra', () => {
  it('solves a positive-definite system by Cholesky and refuses a singular one', () => {
    const M = [4, 1, 0, 1, 3, 1, 0, 1, 2];
    const x = choleskySolve(M, [1, 2, 3], 3)!;
    const back = [0, 1, 2].map((r) => M[3 * r] * x[0] + M[3 * r + 1] * x[1] + M[3 * r + 2] * x[2]);
    back.forEach((v, i) => expect(v).toBeCloseTo([1, 2, 3][i], 12));
    expect(choleskySolve([1, 1, 1, 1], [1, 1], 2)).toBeNull();
  });

  it('finds eigenvalues and the condition number', () => {
    const { values } = symmetricEigen([2, 1, 1, 2], 2);
    expect([...values].sort()).toEqual([expect.closeTo(1, 12), expect.closeTo(3, 12)]);
    expect(conditionNumber([2, 1, 1, 2], 2)).toBeCloseTo(3, 12);
    expect(conditionNumber([1, 1, 1, 1], 2)).toBe(Number.POSITIVE_INFINITY);
  });

  it('takes a rotation vector to a matrix and back', () => {
    for (const w of [[0.1, -0.2, 0.3], [1e-10, 0, 0], [0, 3, 0.1]]) {
      const R = rotationFromVector(w);
      const T = [R[0], R[1], R[2], 0, R[3], R[4], R[5], 0, R[6], R[7], R[8], 0, 0, 0, 0, 1];
      rotationVector(T).forEach((v, i) => expect(v).toBeCloseTo(w[i], 9));
    }
  });
});

describe('the depth pyramid', () => {
  it('halves with pixel centres kept: a point projects to u at one level and (u - 0.5) / 2 at the next', () => {
    const k0 = seq.intrinsics;
    const k1 = levelIntrinsics(k0, 1);
    const p = { x: 0.3, y: -0.2, z: 2 };
    const u0 = (k0.fx * p.x) / p.z + k0.cx;
    const u1 = (k1.fx * p.x) / p.z + k1.cx;
    expect(u1).toBeCloseTo((u0 - 0.5) / 2, 12);
  });

  it('averages only the depths near the nearest of each 2 x 2, so no point floats between surfaces', () => {
    const d = Float32Array.from([1, 1.02, 3, Number.NaN, 1, 1, 3, 3]);
    const out = downsampleDepth({ width: 4, height: 2, intrinsics: seq.intrinsics, depthM: d }, 0.05);
    expect(out.width).toBe(2);
    expect(out.depthM[0]).toBeCloseTo((1 + 1.02 + 1 + 1) / 4, 6);
    expect(out.depthM[1]).toBe(3);
    const edge = downsampleDepth({ width: 2, height: 2, intrinsics: seq.intrinsics, depthM: Float32Array.from([1, 3, 1, 3]) }, 0.05);
    expect(edge.depthM[0]).toBe(1);
  });
});

describe('point-to-plane ICP', () => {
  it('aligns a frame to the model it was fused into from 2 cm and 2 degrees off', () => {
    const vol = new TsdfVolume(SETTINGS);
    vol.integrate({ ...level(0), rgba: null, pose: seq.frames[0].pose });
    const model = modelPyramid(vol, seq.frames[0].pose, W, H, seq.intrinsics, 1)[0];
    const truth = seq.frames[0].pose;
    let pose = multiplyTransforms(incrementTransform([0.02, -0.03, 0.02, 0.02, -0.01, 0.01]), truth);
    for (let it = 0; it < 8; it++) pose = icpUpdate(pose, icpSums(level(0), model, pose, levelThresholds(DEFAULT_TRACKER_SETTINGS, 0)), pose, 0)!.pose;
    const sums = icpSums(level(0), model, pose, levelThresholds(DEFAULT_TRACKER_SETTINGS, 0));
    expect(sums[SUM_INLIERS]).toBeGreaterThan(0.8 * sums[SUM_VALID]);
    // Within a quarter voxel (the model's own error, see the header), and the tilt of a quarter voxel across a metre
    // (0.57 degrees). Measured: 7 mm and 0.30 degrees from 77 mm and 0.4 degrees.
    expect(Math.hypot(pose[3] - truth[3], pose[7] - truth[7], pose[11] - truth[11])).toBeLessThan(V / 4);
    const relative = multiplyTransforms(pose, [truth[0], truth[4], truth[8], 0, truth[1], truth[5], truth[9], 0, truth[2], truth[6], truth[10], 0, 0, 0, 0, 1]);
    expect(Math.hypot(...rotationVector(relative))).toBeLessThan(Math.atan(V / 4));
  });
});

/** Tracks frames 1 ... n-1 from the first true pose, integrating tracked frames; `jumpAt` adds 5 cm along x to that frame's estimate. */
async function trackRoom(n: number, opts: { fxScale?: number; jumpAt?: number } = {}) {
  const intrinsics = { ...seq.intrinsics, fx: seq.intrinsics.fx * (opts.fxScale ?? 1) };
  const vol = new TsdfVolume(SETTINGS);
  const poses: number[][] = [[...seq.frames[0].pose]];
  const states: string[] = ['tracking'];
  vol.integrate({ ...level(0, undefined, intrinsics), rgba: null, pose: poses[0] });
  for (let k = 1; k < n; k++) {
    const r = await trackFrameCpu(vol, level(k, undefined, intrinsics), poses[k - 1], k > 1 ? poses[k - 2] : null, DEFAULT_TRACKER_SETTINGS);
    if (k === opts.jumpAt) r.pose[3] += 0.05;
    poses.push(r.pose);
    states.push(r.state);
    if (r.state === 'tracking') vol.integrate({ ...level(k, undefined, intrinsics), rgba: null, pose: r.pose });
  }
  return { ate: ateRmse(poses, seq.frames.slice(0, n).map((f) => f.pose)), states };
}

describe('tracking the synthetic room from its first true pose', () => {
  it('stays within the ATE bound derived from the voxel size', async () => {
    const r = await trackRoom(8);
    expect(r.states.every((s) => s === 'tracking')).toBe(true);
    expect(r.ate).toBeLessThan(V / 4);
  }, 60_000);

  it('fails the bound with fx 5 % off', async () => {
    expect((await trackRoom(8, { fxScale: 1.05 })).ate).toBeGreaterThan(V / 4);
  }, 60_000);

  it('fails the bound with a 5 cm jump injected in one frame', async () => {
    expect((await trackRoom(8, { jumpAt: 4 })).ate).toBeGreaterThan(V / 4);
  }, 60_000);
});

describe('tracking through a lens', () => {
  // 160 x 120, inverse Brown-Conrady (k1 = 0.12: the corners' rays move by several pixels). The frames are
  // remapped to pinhole images (rectify.ts), at a cost of up to half a pixel per point (nearest pixel): 1.9 mm here,
  // 9 mm at 80 x 60, so the test runs at 160 x 120 against the same bound. Ignoring the lens, every frame is lost.
  const lens = { distortion: 'inverse-brown-conrady', coeffs: [0.12, -0.05, 0.001, -0.0008, 0.02] } as const;
  async function track(withLens: boolean) {
    const w = 160;
    const h = 120;
    const room = makeSyntheticSequence({ width: w, height: h, frames: 40, lens });
    const vol = new TsdfVolume(SETTINGS);
    const frame = (k: number) => ({ width: w, height: h, intrinsics: room.intrinsics, depthM: room.frames[k].depthM });
    const I = (k: number) => rgbaIntensity(room.frames[k].rgba, w * h);
    const poses: number[][] = [[...room.frames[0].pose]];
    const states: string[] = [];
    vol.integrate({ ...frame(0), rgba: room.frames[0].rgba, pose: poses[0], lens });
    for (let k = 1; k < 8; k++) {
      const r = await trackFrameCpu(vol, { ...frame(k), intensity: I(k) }, poses[k - 1], k > 1 ? poses[k - 2] : null, DEFAULT_TRACKER_SETTINGS, I(k - 1), withLens ? lens : null);
      poses.push(r.pose);
      states.push(r.state);
      if (r.state === 'tracking') vol.integrate({ ...frame(k), rgba: room.frames[k].rgba, pose: r.pose, lens });
    }
    return { ate: ateRmse(poses, room.frames.slice(0, 8).map((f) => f.pose)), states };
  }

  it('stays within the bound with the lens, and is lost ignoring it', async () => {
    const r = await track(true);
    expect(r.states.every((s) => s === 'tracking')).toBe(true);
    expect(r.ate).toBeLessThan(V / 4);
    expect((await track(false)).states.every((s) => s === 'lost')).toBe(true);
  }, 180_000);
});

describe('lost frames', () => {
  it('reports a teleported frame lost, with the prediction as its pose', async () => {
    // Frame 15 looks 135 degrees away from frame 0: nothing it sees is in the model. (Frames 20 and 30, walls and
    // floor again, can match the box room's symmetric geometry: a teleport is only detectable where the views differ.)
    const vol = new TsdfVolume(SETTINGS);
    vol.integrate({ ...level(0), rgba: null, pose: seq.frames[0].pose });
    const r = await trackFrameCpu(vol, level(15), seq.frames[0].pose, null, DEFAULT_TRACKER_SETTINGS);
    expect(r.state).toBe('lost');
    expect(r.reason).toMatch(/matched the model|jumped|residual|degenerate|constrained/);
    r.pose.forEach((v, i) => expect(v).toBeCloseTo(seq.frames[0].pose[i], 12));
  });

  it('reports a view of one flat wall lost: the motion along it is not constrained', async () => {
    const wall = new Float32Array(W * H).fill(2);
    const vol = new TsdfVolume(SETTINGS);
    const pose = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    vol.integrate({ ...level(0, wall), rgba: null, pose });
    const r = await trackFrameCpu(vol, level(0, wall), pose, null, DEFAULT_TRACKER_SETTINGS);
    expect(r.state).toBe('lost');
    expect(r.reason).toMatch(/degenerate|not constrained/);
  });
});
