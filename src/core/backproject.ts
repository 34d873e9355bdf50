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
 */
import type { PinholeIntrinsics } from './filters/depth-field';

export interface BackprojectOptions {
  stride: number;
  rayLength: boolean;
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
      const a = (u - intr.cx) / intr.fx;
      const b = (v - intr.cy) / intr.fy;
      const z = o.rayLength ? d / Math.sqrt(1 + a * a + b * b) : d;
      out[k] = a * z;
      out[k + 1] = b * z;
      out[k + 2] = z;
      out[k + 3] = 1;
    }
  }
  return out;
}
