/**
 * Trajectory measures and the TUM trajectory format.
 *
 * ATE RMSE as TUM's evaluate_ate.py defines it (Sturm et al. 2012): the
 * estimated camera positions are aligned to the true ones by the rigid motion
 * (rotation and translation, no scale) that minimises the squared distances
 * (Horn 1987, closed form with unit quaternions), then the RMSE of the
 * remaining distances. Poses are camera-to-world, row-major 4x4.
 *
 * TUM format: one line per pose, `timestamp tx ty tz qx qy qz qw`, the
 * quaternion of the camera-to-world rotation with qw >= 0.
 */
import { symmetricEigen } from './icp/linear-algebra';
import type { RigidTransform } from './recording';

export interface RigidAlignment {
  /** Row-major 3x3 and translation: true ~ R est + t. */
  rotation: number[];
  translation: number[];
}

/** Horn's absolute orientation: the rigid motion taking `from` points onto `to` points (xyz triples, same count >= 3). */
export function alignRigid(from: readonly number[], to: readonly number[]): RigidAlignment {
  const n = from.length / 3;
  const mean = (p: readonly number[]) => [0, 1, 2].map((k) => p.reduce((s, v, i) => (i % 3 === k ? s + v : s), 0) / n);
  const ma = mean(from);
  const mb = mean(to);
  const S = new Float64Array(9);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) S[3 * r + c] += (from[3 * i + r] - ma[r]) * (to[3 * i + c] - mb[c]);
  }
  const [sxx, sxy, sxz, syx, syy, syz, szx, szy, szz] = S;
  const N = [
    sxx + syy + szz, syz - szy, szx - sxz, sxy - syx,
    syz - szy, sxx - syy - szz, sxy + syx, szx + sxz,
    szx - sxz, sxy + syx, -sxx + syy - szz, syz + szy,
    sxy - syx, szx + sxz, syz + szy, -sxx - syy + szz,
  ];
  const { values, vectors } = symmetricEigen(N, 4);
  let best = 0;
  for (let i = 1; i < 4; i++) if (values[i] > values[best]) best = i;
  const [w, x, y, z] = [0, 1, 2, 3].map((r) => vectors[4 * r + best]);
  const R = [
    w * w + x * x - y * y - z * z, 2 * (x * y - w * z), 2 * (x * z + w * y),
    2 * (x * y + w * z), w * w - x * x + y * y - z * z, 2 * (y * z - w * x),
    2 * (x * z - w * y), 2 * (y * z + w * x), w * w - x * x - y * y + z * z,
  ];
  const t = [0, 1, 2].map((r) => mb[r] - (R[3 * r] * ma[0] + R[3 * r + 1] * ma[1] + R[3 * r + 2] * ma[2]));
  return { rotation: R, translation: t };
}

const positions = (poses: readonly RigidTransform[]) => poses.flatMap((p) => [p[3], p[7], p[11]]);

/** ATE RMSE (metres) of `estimated` against `truth` (same frames, in order), after Horn's alignment. */
export function ateRmse(estimated: readonly RigidTransform[], truth: readonly RigidTransform[]): number {
  if (estimated.length !== truth.length || estimated.length < 3) throw new RangeError(`ATE needs two trajectories of the same length (at least 3 poses), not ${estimated.length} and ${truth.length}.`);
  const a = positions(estimated);
  const b = positions(truth);
  const { rotation: R, translation: t } = alignRigid(a, b);
  let sum = 0;
  for (let i = 0; i < a.length; i += 3) {
    for (let r = 0; r < 3; r++) sum += (R[3 * r] * a[i] + R[3 * r + 1] * a[i + 1] + R[3 * r + 2] * a[i + 2] + t[r] - b[i + r]) ** 2;
  }
  return Math.sqrt(sum / estimated.length);
}

/**
 * The unit quaternion [qx, qy, qz, qw] (qw >= 0) of a rotation (the 3x3 of a
 * row-major 4x4): Shepperd's method, from the largest of the four diagonal
 * combinations, so no division by a small number.
 */
export function rotationToQuaternion(m: RigidTransform): [number, number, number, number] {
  const [m00, m01, m02, , m10, m11, m12, , m20, m21, m22] = m;
  const trace = m00 + m11 + m22;
  let q: [number, number, number, number];
  if (trace >= m00 && trace >= m11 && trace >= m22) {
    const s = 2 * Math.sqrt(1 + trace);
    q = [(m21 - m12) / s, (m02 - m20) / s, (m10 - m01) / s, s / 4];
  } else if (m00 >= m11 && m00 >= m22) {
    const s = 2 * Math.sqrt(1 + m00 - m11 - m22);
    q = [s / 4, (m01 + m10) / s, (m02 + m20) / s, (m21 - m12) / s];
  } else if (m11 >= m22) {
    const s = 2 * Math.sqrt(1 + m11 - m00 - m22);
    q = [(m01 + m10) / s, s / 4, (m12 + m21) / s, (m02 - m20) / s];
  } else {
    const s = 2 * Math.sqrt(1 + m22 - m00 - m11);
    q = [(m02 + m20) / s, (m12 + m21) / s, s / 4, (m10 - m01) / s];
  }
  const n = Math.hypot(...q) * (q[3] < 0 ? -1 : 1);
  return [q[0] / n, q[1] / n, q[2] / n, q[3] / n];
}

/**
 * A camera trajectory as TUM RGB-D's text format (`timestamp tx ty tz qx qy qz qw`, one
 * pose per line, camera-to-world; seconds as recorded, metres, 9 decimals), the format
 * TUM's evaluate_ate.py and evo read, with a comment line saying what it is. The reader
 * is io/datasets/dataset-text.ts's parseTumTrajectory.
 */
export function formatTumTrajectory(poses: readonly { stamp: number; pose: RigidTransform }[], comment = 'camera-to-world, metres'): string {
  const lines = [`# timestamp tx ty tz qx qy qz qw (${comment.replace(/[\r\n]+/g, ' ')})`];
  for (const { stamp, pose } of poses) {
    const q = rotationToQuaternion(pose);
    lines.push([stamp.toFixed(6), ...[pose[3], pose[7], pose[11], ...q].map((v) => v.toFixed(9))].join(' '));
  }
  return `${lines.join('\n')}\n`;
}
