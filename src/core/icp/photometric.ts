/**
 * The colour term of frame-to-model ICP (CPU reference of its half of
 * shaders/icp-rows.wgsl and of shaders/intensity-pyramid.wgsl).
 *
 * Point-to-plane ICP alone cannot tell where a camera sits along a wall or
 * the line where a wall meets the floor: those motions do not change any
 * point's distance to the planes (the synthetic room's corner views reach
 * condition numbers of 3e4, and the depth-only track drifts there). Colour
 * edges on those planes do change. So, as Open3D's hybrid RGB-D odometry and
 * ElasticFusion's tracker do, each geometric inlier also adds a photometric
 * residual: the last frame's intensity where the live point projects into the
 * last frame's camera (the camera the model maps were ray-cast from), minus
 * the live pixel's intensity,
 *
 *   r_c = I_last(pi(W p_w)) - I_live(u, v),
 *
 * with I_last read bilinearly (and its gradient from central differences, read
 * bilinearly too), so r_c moves smoothly with the pose. For a twist
 * xi = [w, t] applied on the left, d p_w = w x p_w + t, hence with
 * G = R_W^T dI/dq (the intensity's gradient in the world frame):
 * J_c = [p_w x G, G], the same shape as the geometric row [p_w x n_m, n_m].
 * Both rows go into the same normal equations, the colour row scaled by
 * `colourWeight` (metres per unit of intensity: a colour residual of 1 counts
 * as a distance of colourWeight metres).
 *
 * Why the last frame's image and not the model's fused colour: the fused
 * colour is blurred and shifted at colour edges (each voxel takes the colour
 * along its own rays, which depend on the viewpoint), and tracking against it
 * was worse than depth alone (the 40-frame room at 320 x 240, 1 cm voxels, CPU
 * reference: ATE 2.6 mm with the model's colour, 0.98 mm on depth alone,
 * 0.24 mm with the last frame's image). Geometry still comes from the model,
 * so the track does not drift the way pure frame-to-frame odometry does.
 *
 * Intensity is Rec. 601 luma in [0, 1] (Open3D's conversion) of the
 * depth-registered colour; coarser levels average 2 x 2 pixels.
 */
import type { PinholeIntrinsics } from '../filters/depth-field';

/** Rec. 601 luma weights over 255: intensity in [0, 1] from RGB 0-255. */
export const LUMA = [0.299 / 255, 0.587 / 255, 0.114 / 255] as const;

/** Intensity of RGBA8 pixels (4 bytes each). */
export function rgbaIntensity(rgba: ArrayLike<number>, pixels: number): Float32Array {
  const out = new Float32Array(pixels);
  for (let i = 0; i < pixels; i++) out[i] = LUMA[0] * rgba[4 * i] + LUMA[1] * rgba[4 * i + 1] + LUMA[2] * rgba[4 * i + 2];
  return out;
}

/** One level down: the mean of each 2 x 2 (floor(w / 2) x floor(h / 2)). */
export function downsampleIntensity(intensity: Float32Array, width: number, height: number): Float32Array {
  const w = Math.floor(width / 2);
  const h = Math.floor(height / 2);
  const out = new Float32Array(w * h);
  for (let v = 0; v < h; v++) {
    for (let u = 0; u < w; u++) {
      const i = 2 * v * width + 2 * u;
      out[v * w + u] = (intensity[i] + intensity[i + 1] + intensity[i + width] + intensity[i + width + 1]) / 4;
    }
  }
  return out;
}

/** Intensity and its gradient (per pixel) at a sub-pixel position. */
export interface IntensitySample {
  value: number;
  gx: number;
  gy: number;
  /** How fast value (`slope`) and the gradient (`bend`) can change per pixel of (x, y) within this cell: the largest differences between its taps. */
  slope: number;
  bend: number;
}

/**
 * Bilinear intensity at (x, y) and the bilinear blend of the central
 * differences at the four taps; null within a pixel of the border (the 12
 * pixels it takes must lie in the image).
 */
export function sampleIntensity(I: Float32Array, width: number, height: number, x: number, y: number): IntensitySample | null {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  if (x0 < 1 || y0 < 1 || x0 + 2 >= width || y0 + 2 >= height) return null;
  const at = (u: number, v: number) => I[v * width + u];
  const fx = x - x0;
  const fy = y - y0;
  const taps: number[][] = [];
  let value = 0;
  let gx = 0;
  let gy = 0;
  for (let c = 0; c < 4; c++) {
    const u = x0 + (c & 1);
    const v = y0 + (c >> 1);
    const k = (c & 1 ? fx : 1 - fx) * (c >> 1 ? fy : 1 - fy);
    const centre = at(u, v);
    const dx = (at(u + 1, v) - at(u - 1, v)) / 2;
    const dy = (at(u, v + 1) - at(u, v - 1)) / 2;
    value += k * centre;
    gx += k * dx;
    gy += k * dy;
    taps.push([centre, dx, dy]);
  }
  // Bilinear along x (or y) moves at most by the largest difference between the cell's neighbouring taps.
  const spread = (j: number) => Math.max(...[[0, 1], [2, 3], [0, 2], [1, 3]].map(([a, b]) => Math.abs(taps[a][j] - taps[b][j])));
  return { value, gx, gy, slope: spread(0), bend: Math.max(spread(1), spread(2)) };
}

/**
 * The colour row for a live point p_w (world) whose model-camera point is q
 * (W p_w) at sub-pixel (x, y) of the model maps: J_c and r_c, both scaled by
 * `weight`. `rot` is W's rotation (row-major 3 x 3 of the 3 x 4).
 */
export function colourRow(pw: readonly number[], q: readonly number[], s: IntensitySample, live: number, k: PinholeIntrinsics, rot: ArrayLike<number>, weight: number): { J: number[]; r: number } {
  const dq = [(s.gx * k.fx) / q[2], (s.gy * k.fy) / q[2], -(s.gx * k.fx * q[0] + s.gy * k.fy * q[1]) / (q[2] * q[2])];
  // G = R_W^T dq: the gradient with respect to the world point.
  const G = [0, 1, 2].map((c) => weight * (rot[c] * dq[0] + rot[4 + c] * dq[1] + rot[8 + c] * dq[2]));
  return { J: [pw[1] * G[2] - pw[2] * G[1], pw[2] * G[0] - pw[0] * G[2], pw[0] * G[1] - pw[1] * G[0], G[0], G[1], G[2]], r: weight * (s.value - live) };
}
