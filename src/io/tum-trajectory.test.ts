/** The TUM trajectory writer (core/trajectory.ts), read back by the dataset reader. */
import { describe, expect, it } from 'vitest';
import { formatTumTrajectory, rotationToQuaternion } from '../core/trajectory';
import { lookAt, sequencePose } from '../core/synthetic-sequence';
import { parseTumTrajectory, poseFromQuaternion } from './datasets/dataset-text';

describe('TUM trajectory export', () => {
  it('writes poses the TUM reader turns back into the same matrices (1e-8), every branch of the quaternion', () => {
    const poses = [
      ...Array.from({ length: 12 }, (_, k) => sequencePose(k, 12)),
      // Rotations of 180 degrees about x, y and z: the trace is -1, so the other branches run.
      [1, 0, 0, 0.5, 0, -1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1],
      [-1, 0, 0, 0, 0, 1, 0, 0, 0, 0, -1, 2, 0, 0, 0, 1],
      [-1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
      lookAt({ x: 0, y: 0, z: 0 }, { x: -1, y: -0.1, z: -0.2 }),
    ];
    const stamped = poses.map((pose, k) => ({ stamp: 1305031102.175304 + k / 30, pose }));
    const text = formatTumTrajectory(stamped);
    expect(text.split('\n')[0]).toMatch(/^# timestamp tx ty tz qx qy qz qw/);
    const back = parseTumTrajectory(text, 'trajectory.txt');
    expect(back).toHaveLength(poses.length);
    back.forEach((b, k) => {
      expect(b.stamp).toBeCloseTo(stamped[k].stamp, 6);
      b.pose.forEach((v, i) => expect(Math.abs(v - poses[k][i])).toBeLessThan(1e-8));
    });
  });

  it('gives unit quaternions with w >= 0 that rebuild the rotation', () => {
    const pose = sequencePose(7, 40);
    const q = rotationToQuaternion(pose);
    expect(Math.hypot(...q)).toBeCloseTo(1, 12);
    expect(q[3]).toBeGreaterThanOrEqual(0);
    poseFromQuaternion([pose[3], pose[7], pose[11]], q).forEach((v, i) => expect(v).toBeCloseTo(pose[i], 12));
  });
});
