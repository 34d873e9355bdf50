/**
 * A camera trajectory as TUM RGB-D's text format (`timestamp tx ty tz qx qy qz
 * qw`, one pose per line, camera-to-world), the format TUM's evaluate_ate.py
 * and evo read. The reader is io/datasets/dataset-text.ts's parseTumTrajectory.
 */
import type { RigidTransform } from './recording';

/** Unit quaternion (x, y, z, w) of a row-major rotation (Shepperd's method: the largest of w, x, y, z first, for accuracy), w >= 0. */
export function quaternionOf(p: RigidTransform): [number, number, number, number] {
  const [m00, m01, m02, , m10, m11, m12, , m20, m21, m22] = p;
  const trace = m00 + m11 + m22;
  let q: [number, number, number, number];
  if (trace > 0) {
    const s = 2 * Math.sqrt(1 + trace);
    q = [(m21 - m12) / s, (m02 - m20) / s, (m10 - m01) / s, s / 4];
  } else if (m00 > m11 && m00 > m22) {
    const s = 2 * Math.sqrt(1 + m00 - m11 - m22);
    q = [s / 4, (m01 + m10) / s, (m02 + m20) / s, (m21 - m12) / s];
  } else if (m11 > m22) {
    const s = 2 * Math.sqrt(1 + m11 - m00 - m22);
    q = [(m01 + m10) / s, s / 4, (m12 + m21) / s, (m02 - m20) / s];
  } else {
    const s = 2 * Math.sqrt(1 + m22 - m00 - m11);
    q = [(m02 + m20) / s, (m12 + m21) / s, s / 4, (m10 - m01) / s];
  }
  const n = Math.hypot(...q) * (q[3] < 0 ? -1 : 1);
  return q.map((v) => v / n) as [number, number, number, number];
}

/** The TUM text of stamped poses (stamps in seconds, as recorded), with a comment line saying what it is. */
export function formatTumTrajectory(poses: readonly { stamp: number; pose: RigidTransform }[], comment = 'camera-to-world, metres'): string {
  const lines = [`# timestamp tx ty tz qx qy qz qw (${comment.replace(/[\r\n]+/g, ' ')})`];
  for (const { stamp, pose } of poses) {
    const q = quaternionOf(pose);
    const numbers = [pose[3], pose[7], pose[11], ...q].map((v) => v.toFixed(9).replace(/\.?0+$/, '') || '0');
    lines.push(`${stamp.toFixed(6)} ${numbers.join(' ')}`);
  }
  return `${lines.join('\n')}\n`;
}
