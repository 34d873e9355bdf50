import { describe, expect, it } from 'vitest';
import { multiplyTransforms } from './camera-path';
import { incrementTransform, rotationFromVector } from './icp/linear-algebra';
import { sequencePose } from './synthetic-sequence';
import { alignRigid, ateRmse, formatTumTrajectory, rotationToQuaternion } from './trajectory';

const truth = Array.from({ length: 12 }, (_, k) => sequencePose(k, 12));

/** R of a unit quaternion [x, y, z, w] (row-major 3x3). */
function fromQuaternion([x, y, z, w]: number[]): number[] {
  return [
    1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
    2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
    2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y),
  ];
}

describe('ATE RMSE (TUM: rigid alignment, then RMSE)', () => {
  it('is zero for a trajectory moved rigidly as a whole', () => {
    const moved = truth.map((p) => multiplyTransforms(incrementTransform([0.3, -1.2, 2, 5, -3, 0.5]), p));
    expect(ateRmse(moved, truth)).toBeLessThan(1e-9);
    const { rotation } = alignRigid(moved.flatMap((p) => [p[3], p[7], p[11]]), truth.flatMap((p) => [p[3], p[7], p[11]]));
    const det = rotation[0] * (rotation[4] * rotation[8] - rotation[5] * rotation[7]) - rotation[1] * (rotation[3] * rotation[8] - rotation[5] * rotation[6]) + rotation[2] * (rotation[3] * rotation[7] - rotation[4] * rotation[6]);
    expect(det).toBeCloseTo(1, 12);
  });

  it('is the RMSE of what no rigid motion removes: alternating +-e off the plane of a circle is e', () => {
    const e = 0.004;
    const noisy = truth.map((p, k) => {
      const q = [...p];
      q[11] += k % 2 ? e : -e;
      return q;
    });
    expect(ateRmse(noisy, truth)).toBeCloseTo(e, 6);
  });

  it('is not fooled by a scaled trajectory (no scale in the alignment)', () => {
    const scaled = truth.map((p) => p.map((v, i) => (i === 3 || i === 7 ? 1.1 * v : v)));
    expect(ateRmse(scaled, truth)).toBeGreaterThan(0.05); // the 0.6 m circle 10 % larger: 6 cm off everywhere
  });

  it('refuses trajectories of other lengths', () => {
    expect(() => ateRmse(truth.slice(1), truth)).toThrow(/same length/);
  });
});

describe('rotation to quaternion', () => {
  it('is exact on every branch of Shepperd\'s method, with qw >= 0', () => {
    // The identity (trace largest), and half-turns about x, y and z (each diagonal entry largest), and near them.
    for (const w of [[0, 0, 0], [Math.PI, 0, 0], [0, Math.PI, 0], [0, 0, Math.PI], [3.1, 0.1, -0.05], [0.02, -3.12, 0.1], [0.1, 0.2, -3.13], [0.3, -0.2, 0.1]]) {
      const R = rotationFromVector(w);
      const q = rotationToQuaternion([R[0], R[1], R[2], 0, R[3], R[4], R[5], 0, R[6], R[7], R[8], 0, 0, 0, 0, 1]);
      expect(q[3]).toBeGreaterThanOrEqual(0);
      expect(Math.hypot(...q)).toBeCloseTo(1, 14);
      fromQuaternion(q).forEach((v, i) => expect(v).toBeCloseTo(R[i], 12));
    }
  });

  it('writes TUM lines: timestamp tx ty tz qx qy qz qw', () => {
    const text = formatTumTrajectory([{ stamp: 0.5, pose: [1, 0, 0, 1, 0, 1, 0, 2, 0, 0, 1, 3, 0, 0, 0, 1] }]);
    expect(text).toBe('# timestamp tx ty tz qx qy qz qw (camera-to-world, metres)\n0.500000 1.000000000 2.000000000 3.000000000 0.000000000 0.000000000 0.000000000 1.000000000\n');
  });
});
