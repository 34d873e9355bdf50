import { describe, expect, it } from 'vitest';
import {
  checkRigidTransform,
  frustumCorners,
  frustumFrames,
  IDENTITY_TRANSFORM,
  invertRigid,
  keptFrames,
  multiplyTransforms,
  pathSegments,
  pointsToWorld,
  transformPoint,
} from './camera-path';
import { backproject } from './backproject';

/** A pose turned `deg` degrees about y (camera x towards -z) and moved by (tx, ty, tz). */
function turnY(deg: number, tx: number, ty: number, tz: number): number[] {
  const a = (deg * Math.PI) / 180;
  return [Math.cos(a), 0, Math.sin(a), tx, 0, 1, 0, ty, -Math.sin(a), 0, Math.cos(a), tz, 0, 0, 0, 1];
}

describe('rigid transforms', () => {
  it('invertRigid undoes the pose, and multiplyTransforms composes right to left', () => {
    const pose = multiplyTransforms(turnY(30, 1, 2, 3), turnY(-75, -0.5, 0, 0.25));
    const back = multiplyTransforms(invertRigid(pose), pose);
    back.forEach((v, k) => expect(v).toBeCloseTo(IDENTITY_TRANSFORM[k], 14));
    // Apply b then a: the point moved by b, then by a.
    const a = turnY(90, 0, 0, 0);
    const b = [1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    const p = transformPoint(multiplyTransforms(a, b), { x: 0, y: 0, z: 0 });
    // (1, 0, 0) turned 90 degrees about y: (cos 90, 0, -sin 90) = (0, 0, -1).
    expect(p.x).toBeCloseTo(0, 15);
    expect(p.z).toBeCloseTo(-1, 15);
  });

  it('checkRigidTransform accepts poses and says what is wrong with other matrices', () => {
    expect(checkRigidTransform(turnY(33, 1, 2, 3))).toBeNull();
    expect(checkRigidTransform([1, 0, 0])).toMatch(/16 numbers/);
    expect(checkRigidTransform([2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])).toMatch(/orthonormal/);
    expect(checkRigidTransform([-1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])).toMatch(/reflection/);
    expect(checkRigidTransform([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1])).toMatch(/last row/);
    expect(checkRigidTransform([1, 0, 0, Number.NaN, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])).toMatch(/finite/);
  });
});

describe('pointsToWorld', () => {
  it("moves a frame's back-projected points by its pose and keeps points without depth empty", () => {
    const depth = Float32Array.from([1, Number.NaN, 2, 0.5]);
    const intr = { fx: 2, fy: 2, cx: 0.5, cy: 0.5 };
    const points = backproject(depth, 2, 2, intr, { stride: 1, rayLength: false });
    const pose = turnY(90, 10, 0, 0);
    const world = pointsToWorld(points, pose);
    // Pixel (0, 0) at 1 m: camera (-0.25, -0.25, 1); turned 90 degrees about y: x' = z, z' = -x; then + (10, 0, 0).
    expect(world[0]).toBeCloseTo(11, 6);
    expect(world[1]).toBeCloseTo(-0.25, 6);
    expect(world[2]).toBeCloseTo(0.25, 6);
    expect(world[3]).toBe(1);
    expect(Array.from(world.subarray(4, 8))).toEqual([0, 0, 0, 0]);
    expect(pointsToWorld(points, IDENTITY_TRANSFORM)).toEqual(points);
    expect(() => pointsToWorld(new Float32Array(6), pose)).toThrow(/vec4/);
  });
});

describe('frustumCorners', () => {
  const camera = { fx: 100, fy: 100, cx: 49.5, cy: 39.5, width: 100, height: 80 };

  it('gives the centre and the image-edge rays at the depth, top-left first, clockwise as seen (y down)', () => {
    const [c, tl, tr, br, bl] = frustumCorners(camera, 2);
    expect(c).toEqual({ x: 0, y: 0, z: 0 });
    // Edges: u = -0.5 and 99.5 are 50 px from cx = 49.5, i.e. 0.5 at z = 1, 1 at z = 2.
    expect(tl).toEqual({ x: -1, y: -0.8, z: 2 });
    expect(tr).toEqual({ x: 1, y: -0.8, z: 2 });
    expect(br).toEqual({ x: 1, y: 0.8, z: 2 });
    expect(bl).toEqual({ x: -1, y: 0.8, z: 2 });
  });

  it('moves with the pose, and a barrel lens widens it', () => {
    const pose = turnY(0, 5, 6, 7);
    const moved = frustumCorners(camera, 2, pose);
    expect(moved[0]).toEqual({ x: 5, y: 6, z: 7 });
    expect(moved[3]).toEqual({ x: 6, y: 6.8, z: 9 });
    const barrel = frustumCorners({ ...camera, distortion: 'brown-conrady', coeffs: [-0.2, 0, 0, 0, 0] }, 2);
    expect(barrel[3].x).toBeGreaterThan(1);
    expect(barrel[3].y).toBeGreaterThan(0.8);
  });
});

describe('frustumFrames and pathSegments', () => {
  const P = IDENTITY_TRANSFORM;
  const poses = [P, P, null, P, P, P, P, null, P, P, P];

  it('every N-th frame with a pose, plus the current one, in order', () => {
    expect(frustumFrames(poses, 5, 4)).toEqual([0, 4, 5, 8]);
    expect(frustumFrames(poses, 4, 4)).toEqual([0, 4, 8]);
    // A current frame without a pose gets no frustum; neither does a multiple of N without one.
    expect(frustumFrames(poses, 7, 2)).toEqual([0, 4, 6, 8, 10]);
    expect(() => frustumFrames(poses, 0, 0)).toThrow(/whole number/);
  });

  it('breaks the path where a frame has no pose', () => {
    expect(pathSegments(poses)).toEqual([
      [0, 1],
      [3, 4],
      [4, 5],
      [5, 6],
      [8, 9],
      [9, 10],
    ]);
    expect(pathSegments([])).toEqual([]);
  });
});

describe('keptFrames', () => {
  const P = IDENTITY_TRANSFORM;
  const poses = [P, P, null, P, P, null, P];

  it('the current frame and the ones before it that have a pose, oldest first', () => {
    expect(keptFrames(poses, 6, 3)).toEqual([3, 4, 6]);
    expect(keptFrames(poses, 4, 10)).toEqual([0, 1, 3, 4]);
    expect(keptFrames(poses, 1, 1)).toEqual([1]);
  });

  it('nothing when the current frame cannot be placed, and a sentence for a bad count', () => {
    expect(keptFrames(poses, 5, 3)).toEqual([]);
    expect(keptFrames(poses, 9, 3)).toEqual([]);
    expect(() => keptFrames(poses, 1, 0)).toThrow(/whole number/);
  });
});
