/** The TUM trajectory writer (core/trajectory.ts) read back by the TUM ground-truth parser. */
import { describe, expect, it } from 'vitest';
import { sequencePose } from '../../core/synthetic-sequence';
import { formatTumTrajectory } from '../../core/trajectory';
import { incrementTransform } from '../../core/icp/linear-algebra';
import { parseTumTrajectory } from './dataset-text';

describe('TUM trajectory round trip', () => {
  it('parses back to the same poses (9 decimals: within 1e-8)', () => {
    // A turn of the synthetic room, plus half-turns that take every branch of the quaternion conversion.
    const poses = Array.from({ length: 40 }, (_, k) => sequencePose(k, 40));
    for (const w of [[Math.PI, 0, 0], [0, Math.PI, 0], [0, 0, Math.PI], [0, 0, 0]]) poses.push(incrementTransform([...w, 0.1, -0.2, 0.3]));
    const stamps = poses.map((_, k) => 1305031102.175304 + k / 30);
    const back = parseTumTrajectory(formatTumTrajectory(stamps, poses), 'trajectory.txt');
    expect(back).toHaveLength(poses.length);
    back.forEach((b, k) => {
      expect(b.stamp).toBeCloseTo(stamps[k], 5);
      b.pose.forEach((v, i) => expect(Math.abs(v - poses[k][i])).toBeLessThan(1e-8));
    });
  });
});
