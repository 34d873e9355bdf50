/**
 * Geometry of a recording's camera path: rigid transforms (row-major 4x4,
 * camera-to-world, OpenCV camera axes: x right, y down, z forward, as
 * recording.ts states), a frame's points placed in world coordinates, and the
 * frustums the 3-D view draws along the path.
 */
import type { PinholeIntrinsics } from './filters/depth-field';
import { pixelRay, type LensDistortion } from './distortion';
import type { Point3 } from './intrinsics';
import type { RigidTransform } from './recording';

export const IDENTITY_TRANSFORM: RigidTransform = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

/**
 * Why `t` is not a rigid transform, or null: 16 finite numbers, last row
 * 0 0 0 1, and a rotation block that is orthonormal with determinant +1 within
 * `tolerance` (poses in text files carry 6 to 9 digits, hence 1e-4 by default).
 */
export function checkRigidTransform(t: RigidTransform, tolerance = 1e-4): string | null {
  if (t.length !== 16) return `A pose needs 16 numbers (a row-major 4x4), not ${t.length}.`;
  if (!t.every(Number.isFinite)) return 'A pose has a number that is not finite.';
  if (Math.abs(t[12]) > tolerance || Math.abs(t[13]) > tolerance || Math.abs(t[14]) > tolerance || Math.abs(t[15] - 1) > tolerance) {
    return `A pose's last row must be 0 0 0 1, not ${t.slice(12).join(' ')}.`;
  }
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const dot = t[4 * i] * t[4 * j] + t[4 * i + 1] * t[4 * j + 1] + t[4 * i + 2] * t[4 * j + 2];
      if (Math.abs(dot - (i === j ? 1 : 0)) > tolerance) return "A pose's rotation is not orthonormal (rows are not unit length and perpendicular).";
    }
  }
  const det =
    t[0] * (t[5] * t[10] - t[6] * t[9]) - t[1] * (t[4] * t[10] - t[6] * t[8]) + t[2] * (t[4] * t[9] - t[5] * t[8]);
  if (det < 0) return "A pose's rotation is a reflection (determinant -1).";
  return null;
}

/** a b: the transform applying b, then a. */
export function multiplyTransforms(a: RigidTransform, b: RigidTransform): number[] {
  const out = new Array<number>(16);
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) out[4 * i + j] = a[4 * i] * b[j] + a[4 * i + 1] * b[4 + j] + a[4 * i + 2] * b[8 + j] + a[4 * i + 3] * b[12 + j];
  }
  return out;
}

/** The inverse of a rigid transform [R | t]: [R^T | -R^T t]. */
export function invertRigid(t: RigidTransform): number[] {
  const [r00, r01, r02, tx, r10, r11, r12, ty, r20, r21, r22, tz] = t;
  return [
    r00, r10, r20, -(r00 * tx + r10 * ty + r20 * tz),
    r01, r11, r21, -(r01 * tx + r11 * ty + r21 * tz),
    r02, r12, r22, -(r02 * tx + r12 * ty + r22 * tz),
    0, 0, 0, 1,
  ];
}

export function transformPoint(t: RigidTransform, p: Point3): Point3 {
  return {
    x: t[0] * p.x + t[1] * p.y + t[2] * p.z + t[3],
    y: t[4] * p.x + t[5] * p.y + t[6] * p.z + t[7],
    z: t[8] * p.x + t[9] * p.y + t[10] * p.z + t[11],
  };
}

/**
 * The current cloud placed in world coordinates: a frame's back-projected points
 * (vec4 per point as core/backproject.ts writes them: x, y, z, 1, or 0, 0, 0, 0
 * for no depth) moved by its camera-to-world pose. Points without depth stay
 * (0, 0, 0, 0), so a point's index still never depends on the data. Float64
 * arithmetic, stored as float32.
 */
export function pointsToWorld(points: Float32Array, cameraToWorld: RigidTransform): Float32Array {
  if (points.length % 4 !== 0) throw new RangeError(`pointsToWorld: ${points.length} floats are not whole vec4 points.`);
  const t = cameraToWorld;
  const out = new Float32Array(points.length);
  for (let k = 0; k < points.length; k += 4) {
    if (points[k + 3] === 0) continue;
    const x = points[k];
    const y = points[k + 1];
    const z = points[k + 2];
    out[k] = t[0] * x + t[1] * y + t[2] * z + t[3];
    out[k + 1] = t[4] * x + t[5] * y + t[6] * z + t[7];
    out[k + 2] = t[8] * x + t[9] * y + t[10] * z + t[11];
    out[k + 3] = 1;
  }
  return out;
}

/** A camera's intrinsics with the image size they are for, and its lens when known. */
export type FrustumCamera = PinholeIntrinsics & { readonly width: number; readonly height: number } & Partial<LensDistortion>;

/**
 * The frustum drawn for a camera: its centre, then the points where the rays
 * through the image's outer corners (pixel edges: -0.5 and W - 0.5) reach z =
 * `depth`, in the order top-left, top-right, bottom-right, bottom-left, all
 * moved by `pose` (camera-to-some-frame). With a lens, the corner rays are
 * undistorted (a barrel lens sees wider than its pinhole).
 */
export function frustumCorners(camera: FrustumCamera, depth: number, pose: RigidTransform = IDENTITY_TRANSFORM): Point3[] {
  const lens: LensDistortion = { distortion: camera.distortion ?? 'none', coeffs: camera.coeffs ?? [0, 0, 0, 0, 0] };
  const right = camera.width - 0.5;
  const bottom = camera.height - 0.5;
  const corners: [number, number][] = [
    [-0.5, -0.5],
    [right, -0.5],
    [right, bottom],
    [-0.5, bottom],
  ];
  const points: Point3[] = [{ x: 0, y: 0, z: 0 }];
  for (const [u, v] of corners) {
    const ray = pixelRay(u, v, { ...camera, ...lens });
    points.push({ x: ray.x * depth, y: ray.y * depth, z: depth });
  }
  return points.map((p) => transformPoint(pose, p));
}

/**
 * The frames that get a frustum: every `every`-th frame that has a pose
 * (counting frames, so the spacing follows time), and the current one when it has
 * a pose. Ascending, without repeats.
 */
export function frustumFrames(poses: readonly (RigidTransform | null)[], current: number, every: number): number[] {
  if (!(Number.isInteger(every) && every >= 1)) throw new RangeError(`Frustums every ${every} frames: the spacing must be a whole number >= 1.`);
  const frames: number[] = [];
  for (let i = 0; i < poses.length; i += every) if (poses[i]) frames.push(i);
  if (current >= 0 && current < poses.length && poses[current] && !frames.includes(current)) {
    frames.push(current);
    frames.sort((a, b) => a - b);
  }
  return frames;
}

/**
 * The camera path as line segments between consecutive frames that both have a
 * pose: a frame without one breaks the line rather than bridging the gap.
 */
export function pathSegments(poses: readonly (RigidTransform | null)[]): [number, number][] {
  const segments: [number, number][] = [];
  for (let i = 1; i < poses.length; i++) if (poses[i - 1] && poses[i]) segments.push([i - 1, i]);
  return segments;
}

/**
 * "Keep the last N frames": the frames whose clouds are drawn together in world
 * coordinates, the current one and up to `keep - 1` before it, skipping frames
 * without a pose (they cannot be placed). Oldest first; empty when the current
 * frame has no pose.
 */
export function keptFrames(poses: readonly (RigidTransform | null)[], current: number, keep: number): number[] {
  if (!(Number.isInteger(keep) && keep >= 1)) throw new RangeError(`Keeping ${keep} frames: the count must be a whole number >= 1.`);
  if (!(current >= 0 && current < poses.length && poses[current])) return [];
  const frames: number[] = [];
  for (let i = current; i >= 0 && frames.length < keep; i--) if (poses[i]) frames.push(i);
  return frames.reverse();
}
