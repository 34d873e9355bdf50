/**
 * Tracking policy, shared by the CPU reference (track-cpu.ts) and the GPU
 * tracker (src/gpu/icp-tracker.ts): the motion prediction, the coarse-to-fine
 * schedule, the update from one iteration's sums, and when a frame is lost.
 *
 * A frame is `lost` (reported, and not to be integrated) when, after the
 * finest level: fewer than `minInlierFraction` of the live pixels with a
 * normal found a model point; the RMS point-to-plane residual is over
 * `maxResidualM`; the normal equations are degenerate (not positive definite,
 * or condition number over `maxCondition`: a scene with too little structure,
 * e.g. one plane, leaves some motion unconstrained); or the estimate moved
 * more than `maxJumpM` / `maxJumpDeg` away from the prediction (implausible
 * for a hand-held or robot camera between two frames).
 */
import { multiplyTransforms, invertRigid } from '../camera-path';
import type { RigidTransform } from '../recording';
import { choleskySolve, conditionNumber, incrementTransform, reorthonormalised, rotationAngle, rotationVector, symmetricFromUpper } from './linear-algebra';
import { ICP_SUM_WORDS, SUM_B, SUM_ERROR, SUM_INLIERS, SUM_VALID, type IcpThresholds } from './point-to-plane';
import { DEFAULT_JUMP_REL } from './pyramid';

export interface TrackerSettings {
  /** Iterations per pyramid level, finest first. */
  iterations: readonly number[];
  /** Association thresholds per level, finest first (coarse levels see coarser, farther-off points). */
  distanceM: readonly number[];
  angleDeg: number;
  jumpRel: number;
  /** Metres per unit of intensity of ICP's colour row (photometric.ts); 0: depth only. Used where the frame has colour. */
  colourWeight: number;
  /** 'constant-velocity'': the last motion repeated; 'last-pose': no motion (KinectFusion's). */
  motion: 'constant-velocity' | 'last-pose';
  /**
   * Weight of the motion prior per inlier: the update also minimises
   * w x inliers x |twist from the prediction|^2, so a direction the scene does
   * not constrain (a camera sliding along a wall and the floor) stays at the
   * prediction instead of drifting on noise, and a constrained one is pulled
   * by at most w / (its eigenvalue per inlier), about 1e-3 of the deviation here.
   * Used only once a velocity is known (from the third frame on).
   */
  motionPrior: number;
  minInlierFraction: number;
  maxResidualM: number;
  maxCondition: number;
  maxJumpM: number;
  maxJumpDeg: number;
}

export const DEFAULT_TRACKER_SETTINGS: TrackerSettings = {
  iterations: [4, 6, 10],
  distanceM: [0.1, 0.3, 0.6],
  angleDeg: 45,
  jumpRel: DEFAULT_JUMP_REL,
  colourWeight: 0.1,
  motion: 'constant-velocity',
  motionPrior: 1e-3,
  minInlierFraction: 0.3,
  maxResidualM: 0.02,
  maxCondition: 1e6,
  maxJumpM: 0.1,
  maxJumpDeg: 15,
};

export type TrackState = 'tracking' | 'lost';

export interface TrackResult {
  /** Camera-to-world, row-major 4x4 (the estimate; for a lost frame, the prediction). */
  pose: number[];
  state: TrackState;
  /** Inliers over live pixels with a normal, at the finest level. */
  inlierFraction: number;
  /** RMS point-to-plane residual of the inliers, metres. */
  residualM: number;
  /** Condition number of the finest level's normal equations. */
  condition: number;
  /** Why the frame is lost, or null. */
  reason: string | null;
}

/** The pose to start ICP from: the last pose, moved again by the last motion under 'constant-velocity'. */
export function predictPose(last: RigidTransform, beforeLast: RigidTransform | null, motion: TrackerSettings['motion']): number[] {
  if (motion === 'last-pose' || !beforeLast) return reorthonormalised(last);
  return reorthonormalised(multiplyTransforms(multiplyTransforms(last, invertRigid(beforeLast)), last));
}

export function levelThresholds(s: TrackerSettings, level: number): IcpThresholds {
  return { distanceM: s.distanceM[level], angleDeg: s.angleDeg, jumpRel: s.jumpRel, colourWeight: s.colourWeight };
}

/**
 * The pose after one iteration's sums, T <- exp(xi) T with
 * (A + lambda I) xi = -b - lambda delta, where delta is the twist from the
 * prediction to T (first order) and lambda = prior x inliers; null when the
 * system is not positive definite.
 */
export function icpUpdate(pose: RigidTransform, sums: ArrayLike<number>, prediction: RigidTransform, prior: number): { pose: number[]; step: number } | null {
  if (sums[SUM_INLIERS] < 6) return null;
  const A = symmetricFromUpper(Array.from(sums).slice(0, 21));
  const fromPrediction = multiplyTransforms(pose, invertRigid(prediction));
  const delta = [...rotationVector(fromPrediction), fromPrediction[3], fromPrediction[7], fromPrediction[11]];
  const lambda = prior * sums[SUM_INLIERS];
  for (let i = 0; i < 6; i++) A[7 * i] += lambda;
  const b = Array.from(sums).slice(SUM_B, SUM_B + 6).map((v, i) => -v - lambda * delta[i]);
  const xi = choleskySolve(A, b);
  if (!xi || !xi.every(Number.isFinite)) return null;
  const next = reorthonormalised(multiplyTransforms(incrementTransform(xi), pose));
  return { pose: next, step: Math.hypot(xi[0], xi[1], xi[2]) + Math.hypot(xi[3], xi[4], xi[5]) };
}

/** One iteration's sums at a pyramid level for a pose estimate (CPU reference or GPU reduction). */
export type SumsAt = (level: number, pose: number[]) => Float64Array | Promise<Float64Array>;

/**
 * Coarse-to-fine ICP from `prediction`, then the verdict. A level stops early
 * when the update falls below 1e-6 (radians + metres: below float32's
 * resolution of the sums), and the run when the system turns degenerate.
 */
export async function runIcp(prediction: number[], s: TrackerSettings, sumsAt: SumsAt, velocityKnown: boolean): Promise<TrackResult> {
  // The prior holds the motion model; without a known velocity there is none to hold.
  const prior = velocityKnown && s.motion === 'constant-velocity' ? s.motionPrior : 0;
  let pose = [...prediction];
  let last: Float64Array = new Float64Array(ICP_SUM_WORDS);
  for (let level = s.iterations.length - 1; level >= 0; level--) {
    for (let it = 0; it < s.iterations[level]; it++) {
      last = await sumsAt(level, pose);
      const next = icpUpdate(pose, last, prediction, prior);
      if (!next) return verdict(prediction, prediction, last, s, 'the normal equations are degenerate (too few inliers or too little structure)');
      pose = next.pose;
      if (next.step < 1e-6) break;
    }
  }
  return verdict(pose, prediction, last, s, null);
}

function verdict(pose: number[], prediction: number[], sums: Float64Array, s: TrackerSettings, failure: string | null): TrackResult {
  const inliers = sums[SUM_INLIERS];
  const inlierFraction = sums[SUM_VALID] > 0 ? inliers / sums[SUM_VALID] : 0;
  const residualM = inliers > 0 ? Math.sqrt(sums[SUM_ERROR] / inliers) : Number.POSITIVE_INFINITY;
  const condition = inliers >= 6 ? conditionNumber(symmetricFromUpper(Array.from(sums).slice(0, 21)), 6) : Number.POSITIVE_INFINITY;
  const move = multiplyTransforms(invertRigid(prediction), pose);
  const jumpM = Math.hypot(move[3], move[7], move[11]);
  const jumpDeg = (rotationAngle(move) * 180) / Math.PI;
  let reason = failure;
  if (!reason && inlierFraction < s.minInlierFraction) reason = `only ${(100 * inlierFraction).toFixed(0)} % of the pixels matched the model (at least ${(100 * s.minInlierFraction).toFixed(0)} % needed)`;
  if (!reason && residualM > s.maxResidualM) reason = `the residual ${(1000 * residualM).toFixed(1)} mm is over ${(1000 * s.maxResidualM).toFixed(0)} mm`;
  if (!reason && !(condition <= s.maxCondition)) reason = `the motion is not constrained by the scene (condition number ${condition.toExponential(1)})`;
  if (!reason && (jumpM > s.maxJumpM || jumpDeg > s.maxJumpDeg)) reason = `the camera would have jumped ${(100 * jumpM).toFixed(1)} cm and ${jumpDeg.toFixed(1)}° from the prediction`;
  return { pose: reason ? [...prediction] : pose, state: reason ? 'lost' : 'tracking', inlierFraction, residualM, condition, reason };
}
