/**
 * Where a virtual object stands when the user clicks the real surface: the
 * clicked pixel back-projected to 3-D, and the surface normal there, fitted to
 * the neighbouring back-projected points by principal components (the normal is
 * the direction of least spread). Neighbours across a depth discontinuity are
 * left out, so an object clicked on a table's edge stands on the table, not on
 * the floor behind it. Camera frame: x right, y down, z forward, metres.
 */
import type { PinholeIntrinsics } from './filters/depth-field';
import { rayLengthToZ } from './intrinsics';
import { pixelRay, type LensDistortion } from './distortion';

export type Vec3 = [number, number, number];

export interface SurfacePoint {
  position: Vec3;
  /** Unit normal, facing the camera. */
  normal: Vec3;
  /** Neighbours the normal was fitted to (including the clicked pixel). */
  support: number;
}

export interface PlacementInput {
  depth: Float32Array;
  width: number;
  height: number;
  intr: PinholeIntrinsics;
  rayLength: boolean;
  /** The depth camera's lens (a recording's CameraModel); absent: the pinhole model. */
  lens?: LensDistortion;
}

/** Half-size of the window of neighbours (7 x 7 pixels). */
const RADIUS = 3;
/** Neighbours whose depth differs from the centre's by more than this fraction are another surface. */
const SAME_SURFACE = 0.05;

function pointAt(input: PlacementInput, u: number, v: number): Vec3 | null {
  const d = input.depth[v * input.width + u];
  if (!Number.isFinite(d) || d <= 0) return null;
  const { intr, lens } = input;
  if (lens && lens.distortion !== 'none') {
    // Through the lens: the undistorted ray of the pixel, as back-projection makes the cloud.
    const ray = pixelRay(u, v, { ...intr, ...lens });
    const z = input.rayLength ? d / Math.sqrt(1 + ray.x * ray.x + ray.y * ray.y) : d;
    return [ray.x * z, ray.y * z, z];
  }
  const z = input.rayLength ? rayLengthToZ(u, v, d, intr) : d;
  return [((u - intr.cx) * z) / intr.fx, ((v - intr.cy) * z) / intr.fy, z];
}

/** The surface under pixel (u, v), or null where it has no depth or too few neighbours to fit a plane. */
export function surfaceAt(input: PlacementInput, u: number, v: number): SurfacePoint | null {
  if (u < 0 || v < 0 || u >= input.width || v >= input.height) return null;
  const centre = pointAt(input, u, v);
  if (!centre) return null;
  const points: Vec3[] = [];
  for (let dv = -RADIUS; dv <= RADIUS; dv++) {
    for (let du = -RADIUS; du <= RADIUS; du++) {
      const x = u + du;
      const y = v + dv;
      if (x < 0 || y < 0 || x >= input.width || y >= input.height) continue;
      const p = pointAt(input, x, y);
      if (p && Math.abs(p[2] - centre[2]) <= SAME_SURFACE * centre[2]) points.push(p);
    }
  }
  const normal = fittedNormal(points);
  if (!normal) return null;
  // Face the camera (at the origin): the normal points against the viewing ray.
  const facing = dot(normal, centre) > 0 ? (normal.map((c) => -c) as Vec3) : normal;
  return { position: centre, normal: facing, support: points.length };
}

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** The unit normal of the plane best fitting the points (least squares), or null if they do not span a plane. */
export function fittedNormal(points: readonly Vec3[]): Vec3 | null {
  if (points.length < 3) return null;
  const mean: Vec3 = [0, 0, 0];
  for (const p of points) for (let i = 0; i < 3; i++) mean[i] += p[i] / points.length;
  const c = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (const p of points) {
    const d = [p[0] - mean[0], p[1] - mean[1], p[2] - mean[2]];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) c[3 * i + j] += d[i] * d[j];
  }
  const { values, vectors } = symmetricEigen3(c);
  const order = [0, 1, 2].sort((a, b) => values[a] - values[b]);
  // Collinear (or coincident) points: the two smallest spreads are both ~0 and the plane is undefined.
  if (values[order[1]] <= 1e-12 * Math.max(1e-30, values[order[2]])) return null;
  const k = order[0];
  const n: Vec3 = [vectors[k], vectors[3 + k], vectors[6 + k]];
  const len = Math.hypot(...n);
  return [n[0] / len, n[1] / len, n[2] / len];
}

/**
 * Eigen-decomposition of a symmetric 3x3 matrix (row-major) by cyclic Jacobi
 * rotations: eigenvalues, and eigenvectors as the columns of `vectors`.
 */
export function symmetricEigen3(m: readonly number[]): { values: Vec3; vectors: number[] } {
  const a = [...m];
  const v = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  for (let sweep = 0; sweep < 50; sweep++) {
    const off = a[1] ** 2 + a[2] ** 2 + a[5] ** 2;
    if (off <= 1e-30 * (a[0] ** 2 + a[4] ** 2 + a[8] ** 2) || off === 0) break;
    for (const [p, q] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ]) {
      const apq = a[3 * p + q];
      if (apq === 0) continue;
      const theta = (a[3 * q + q] - a[3 * p + p]) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const cs = 1 / Math.sqrt(t * t + 1);
      const sn = t * cs;
      // a <- J^T a J, v <- v J, with J the rotation in the (p, q) plane.
      for (let k = 0; k < 3; k++) {
        const akp = a[3 * k + p];
        const akq = a[3 * k + q];
        a[3 * k + p] = cs * akp - sn * akq;
        a[3 * k + q] = sn * akp + cs * akq;
      }
      for (let k = 0; k < 3; k++) {
        const apk = a[3 * p + k];
        const aqk = a[3 * q + k];
        a[3 * p + k] = cs * apk - sn * aqk;
        a[3 * q + k] = sn * apk + cs * aqk;
      }
      for (let k = 0; k < 3; k++) {
        const vkp = v[3 * k + p];
        const vkq = v[3 * k + q];
        v[3 * k + p] = cs * vkp - sn * vkq;
        v[3 * k + q] = sn * vkp + cs * vkq;
      }
    }
  }
  return { values: [a[0], a[4], a[8]], vectors: v };
}
