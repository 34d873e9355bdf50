/**
 * Back-projection of a depth field into camera-frame points, as Open3D's
 * create_from_depth_image does: for pixel (u, v) with depth z (metres),
 *   x = (u - cx) * z / fx,   y = (v - cy) * z / fy,   z
 * camera frame x right, y down, z forward; pixel centres at integer (u, v).
 * With `rayLength`, the stored value is the distance r to the camera centre
 * (some renderers and sensors store that): z = r / sqrt(1 + a^2 + b^2) with
 * a = (u - cx) / fx, b = (v - cy) / fy.
 *
 * One point per `stride`-th pixel in each direction (u = 0, s, 2s, ...), row by
 * row: ceil(w / s) x ceil(h / s) points, 4 floats each (x, y, z, 1), or
 * (0, 0, 0, 0) where the pixel has no depth, so a point's index never depends on
 * the data. Float64 arithmetic, stored as float32. Reference of shaders/backproject.wgsl.
 *
 * For the mesh, `cutJump` > 0 also writes (0, 0, 0, 0) for a vertex whose grid
 * neighbour one stride away (left, right, up, down) has a valid depth differing
 * by more than cutJump times the smaller of the two stored values (compared as
 * stored, before any ray-length conversion): the triangles touching it are not
 * drawn, so the surface is cut at depth discontinuities.
 *
 * With a `lens` (a recording's CameraModel), (a, b) above are the undistorted
 * normalised coordinates of the pixel, as rs2_deproject_pixel_to_point gives
 * them (distortion.ts: 10 fixed-point steps, in float64 here).
 */
import type { PinholeIntrinsics } from './filters/depth-field';
import { LIBREALSENSE_UNDISTORT_ITERATIONS, undistortNormalised, type LensDistortion } from './distortion';

export interface BackprojectOptions {
  stride: number;
  rayLength: boolean;
  /** Relative depth jump that cuts the mesh; 0 or absent = keep every vertex (point cloud). */
  cutJump?: number;
  /** The depth camera's lens; absent or 'none': the pinhole model. */
  lens?: LensDistortion;
}

export function cloudSize(width: number, height: number, stride: number): { columns: number; rows: number; count: number } {
  const columns = Math.ceil(width / stride);
  const rows = Math.ceil(height / stride);
  return { columns, rows, count: columns * rows };
}

export function backproject(depth: Float32Array, width: number, height: number, intr: PinholeIntrinsics, o: BackprojectOptions): Float32Array {
  const { columns, rows, count } = cloudSize(width, height, o.stride);
  const out = new Float32Array(count * 4);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const u = c * o.stride;
      const v = r * o.stride;
      const d = depth[v * width + u];
      const k = (r * columns + c) * 4;
      if (!Number.isFinite(d) || d <= 0) continue;
      const jump = o.cutJump ?? 0;
      const jumps = (cc: number, rr: number) => {
        if (cc < 0 || rr < 0 || cc >= columns || rr >= rows) return false;
        const n = depth[rr * o.stride * width + cc * o.stride];
        return Number.isFinite(n) && n > 0 && Math.abs(n - d) > Math.fround(jump) * Math.min(n, d);
      };
      if (jump > 0 && (jumps(c - 1, r) || jumps(c + 1, r) || jumps(c, r - 1) || jumps(c, r + 1))) continue;
      let a = (u - intr.cx) / intr.fx;
      let b = (v - intr.cy) / intr.fy;
      if (o.lens && o.lens.distortion !== 'none') ({ x: a, y: b } = undistortNormalised(a, b, o.lens, LIBREALSENSE_UNDISTORT_ITERATIONS));
      const z = o.rayLength ? d / Math.sqrt(1 + a * a + b * b) : d;
      out[k] = a * z;
      out[k + 1] = b * z;
      out[k + 2] = z;
      out[k + 3] = 1;
    }
  }
  return out;
}

/**
 * Triangle indices of the mesh over a columns x rows grid of points (vec4 per
 * point as backproject writes them): per cell (c, r), triangles (00, 01, 10)
 * and (10, 01, 11) at 6 * (r * (columns - 1) + c); a triangle touching a point
 * with w = 0 is degenerate (its first index three times). Reference of
 * shaders/mesh-index.wgsl.
 */
export function meshIndices(points: Float32Array, columns: number, rows: number): Uint32Array {
  const cells = Math.max(0, columns - 1) * Math.max(0, rows - 1);
  const out = new Uint32Array(cells * 6);
  const has = (i: number) => points[4 * i + 3] !== 0;
  const tri = (at: number, a: number, b: number, c: number) => {
    const keep = has(a) && has(b) && has(c);
    out[at] = a;
    out[at + 1] = keep ? b : a;
    out[at + 2] = keep ? c : a;
  };
  for (let r = 0; r + 1 < rows; r++) {
    for (let c = 0; c + 1 < columns; c++) {
      const i00 = r * columns + c;
      const at = 6 * (r * (columns - 1) + c);
      tri(at, i00, i00 + columns, i00 + 1);
      tri(at + 3, i00 + 1, i00 + columns, i00 + columns + 1);
    }
  }
  return out;
}
