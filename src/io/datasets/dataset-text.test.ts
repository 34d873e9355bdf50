/** The text files of dataset layouts: what they mean, and a sentence for each malformed one. */
import { describe, expect, it } from 'vitest';
import { DepthDecodeError } from '../../core/depth-image';
import { parseMatrix4, parseOpen3dIntrinsic, parseStampList, parseTrajectoryLog, parseTumTrajectory, poseFromQuaternion } from './dataset-text';

describe('dataset text files', () => {
  it('reads TUM lists as associate.py does: comments skipped, commas and tabs as spaces, sorted by stamp', () => {
    expect(parseStampList('# c\n2.5,rgb/b.png\n\n1.25\trgb/a.png extra\n', 'rgb.txt')).toEqual([
      { stamp: 1.25, path: 'rgb/a.png' },
      { stamp: 2.5, path: 'rgb/b.png' },
    ]);
  });

  it('turns quaternions into rotations: identity, 90° about z, and normalises', () => {
    expect(poseFromQuaternion([1, 2, 3], [0, 0, 0, 1])).toEqual([1, 0, 0, 1, 0, 1, 0, 2, 0, 0, 1, 3, 0, 0, 0, 1]);
    const r = poseFromQuaternion([0, 0, 0], [0, 0, 2 * Math.SQRT1_2, 2 * Math.SQRT1_2]);
    [0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1].forEach((v, i) => expect(r[i]).toBeCloseTo(v, 15));
  });

  it('refuses malformed lines with the file and line', () => {
    expect(() => parseStampList('1.0\n', 'rgb.txt')).toThrow('“rgb.txt”, line 1: expected “timestamp filename”.');
    expect(() => parseStampList('x1 a.png\n', 'depth.txt')).toThrow('“depth.txt”, line 1: "x1" is not a number.');
    expect(() => parseTumTrajectory('# h\n1 0 0 0 0 0 0\n', 'groundtruth.txt')).toThrow(/line 2: expected “timestamp tx ty tz qx qy qz qw” \(8 numbers, found 7\)/);
    expect(() => parseTumTrajectory('1 0 0 0 0 0 0 0\n', 'groundtruth.txt')).toThrow(/the quaternion is zero/);
    expect(() => parseTumTrajectory('1 0 0 nan 0 0 0 1\n', 'groundtruth.txt')).toThrow(/not finite/);
  });

  it('reads 4x4 matrices with -inf kept, and refuses the wrong count', () => {
    expect(parseMatrix4('-inf -inf -inf -inf\n'.repeat(4), 'pose/2.txt').every((v) => v === -Infinity)).toBe(true);
    expect(() => parseMatrix4('1 0 0\n0 1 0\n0 0 1\n', 'pose/0.txt')).toThrow('“pose/0.txt”: expected a 4x4 matrix (16 numbers), found 9.');
    expect(() => parseMatrix4('1 0 0 0x10\n'.repeat(4), 'p.txt')).toThrow(/"0x10" is not a number/);
  });

  it('reads .log trajectories by their first id and refuses broken ones', () => {
    const m = '1 0 0 0\n0 1 0 0\n0 0 1 0\n0 0 0 1\n';
    expect(parseTrajectoryLog(`3 3 4\n${m}`, 't.log')).toEqual([{ frame: 3, pose: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1] }]);
    expect(() => parseTrajectoryLog(`0 0 1\n${m}0 0\n`, 't.log')).toThrow(/5 lines per frame .* found 6 lines/);
    expect(() => parseTrajectoryLog(`0 0\n${m}`, 't.log')).toThrow('“t.log”, line 1: expected three frame ids before the matrix.');
    // Found by the fuzzer: an id beyond safe integers.
    expect(() => parseTrajectoryLog(`99999999999999999999 0 1\n${m}`, 't.log')).toThrow('“t.log”, line 1: expected three frame ids before the matrix.');
    expect(() => parseTrajectoryLog(`0 0 1\n1 0 0\n0 1 0 0\n0 0 1 0\n0 0 0 1\n`, 't.log')).toThrow('“t.log”, line 2: expected a matrix row of 4 numbers.');
  });

  it('reads Open3D intrinsics column-major and refuses malformed ones', () => {
    const json = (o: unknown) => JSON.stringify(o);
    expect(parseOpen3dIntrinsic(json({ width: 640, height: 480, intrinsic_matrix: [525, 0, 0, 0, 520, 0, 319.5, 239.5, 1] }), 'c.json')).toEqual({
      width: 640, height: 480, fx: 525, fy: 520, cx: 319.5, cy: 239.5,
    });
    expect(() => parseOpen3dIntrinsic('{', 'c.json')).toThrow('“c.json” is not valid JSON.');
    expect(() => parseOpen3dIntrinsic(json({ width: 1, height: 1, intrinsic_matrix: [1, 2] }), 'c.json')).toThrow(/9 numbers, column-major/);
    expect(() => parseOpen3dIntrinsic(json({ width: 0, height: 1, intrinsic_matrix: [1, 0, 0, 0, 1, 0, 0, 0, 1] }), 'c.json')).toThrow(/whole numbers above 0/);
    expect(() => parseOpen3dIntrinsic(json({ width: 2, height: 1, intrinsic_matrix: [0, 0, 0, 0, 1, 0, 0, 0, 1] }), 'c.json')).toThrow(DepthDecodeError);
  });
});
