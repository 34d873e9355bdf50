import { describe, expect, it } from 'vitest';
import { AXIS_CONVENTIONS, axisRotation, convertAxes, convertPoseAxes } from './axis-convention';
import { rigidTransformProblem } from './tsdf';
import { lookAt } from './synthetic-sequence';

const det = (r: readonly number[]) => r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6]) + r[2] * (r[3] * r[7] - r[4] * r[6]);

describe('axis conventions of 3-D exports', () => {
  it('maps the OpenCV axes as each convention names them', () => {
    // A point 1 m right, 2 m down, 3 m ahead of an OpenCV camera.
    const p = new Float32Array([1, 2, 3]);
    expect([...convertAxes(p, 'opencv')]).toEqual([1, 2, 3]);
    // OpenGL: y up, z back.
    expect([...convertAxes(p, 'opengl')]).toEqual([1, -2, -3]);
    // ROS: x forward (3), y left (-1), z up (-2).
    expect([...convertAxes(p, 'ros')]).toEqual([3, -1, -2]);
  });

  it.each(AXIS_CONVENTIONS.map((c) => c.id))('%s is a proper rotation, so winding and handedness are kept', (c) => {
    const r = axisRotation(c);
    expect(det(r)).toBe(1);
    const pose = lookAt({ x: 0.3, y: -1, z: 0.2 }, { x: 1, y: 0.5, z: 2 });
    const converted = convertPoseAxes(pose, c);
    expect(rigidTransformProblem(converted)).toBeNull();
    // A camera point p at world T p: converted, the new camera's A p lands at A (T p).
    const pc = [0.1, -0.2, 1.5];
    const world = [0, 1, 2].map((i) => pose[4 * i] * pc[0] + pose[4 * i + 1] * pc[1] + pose[4 * i + 2] * pc[2] + pose[4 * i + 3]);
    const ap = [...convertAxes(new Float32Array(pc), c)];
    const landed = [0, 1, 2].map((i) => converted[4 * i] * ap[0] + converted[4 * i + 1] * ap[1] + converted[4 * i + 2] * ap[2] + converted[4 * i + 3]);
    const expected = [...convertAxes(new Float32Array(world), c)];
    landed.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
  });
});
