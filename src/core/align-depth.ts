/**
 * Depth-to-colour registration ("align depth to colour"), as librealsense's
 * align block does it (src/proc/align.cpp, align_images and align_z_to_other):
 * for every depth pixel with depth, its top-left corner (u - 0.5, v - 0.5) and
 * bottom-right corner (u + 0.5, v + 0.5) are deprojected at its depth through
 * the depth camera's lens, moved into the colour camera by the extrinsics, and
 * projected through the colour lens; each projected coordinate c becomes the
 * pixel trunc(c + 0.5) (C's static_cast<int>, towards zero), and every colour
 * pixel of that rectangle gets the depth, the nearest winning where several
 * land. A rectangle with a corner outside the colour image is dropped whole, as
 * librealsense drops it. The value written is the depth pixel's own z, as
 * librealsense writes the raw depth sample (not the z in the colour camera's frame).
 *
 * One difference, for bounded GPU work: a rectangle more than MAX_FOOTPRINT
 * pixels across (a colour camera 32 times finer than the depth camera, which no
 * RGB-D pair is, or a point almost on the colour camera) is dropped.
 *
 * Float64 here; the kernel (shaders/align-depth-to-colour.wgsl) computes in
 * float32 like librealsense, so a projected corner within a rounding error of a
 * pixel boundary may land on either side: alignDepthToColourBounds gives what
 * any such choice can produce, for the equivalence spec.
 */
import type { PinholeIntrinsics } from './filters/depth-field';
import { distortNormalised, undistortNormalised, type LensDistortion } from './distortion';
import type { RigidTransform } from './recording';

/** A camera with the resolution its intrinsics are for: what CameraModel (recording.ts) provides. */
export interface SizedLensCamera extends PinholeIntrinsics, LensDistortion {
  readonly width: number;
  readonly height: number;
}

/** What registration needs: both cameras at their streams' sizes, and depth-camera points to colour-camera points (row-major 4x4). */
export interface ColourRegistration {
  readonly depthCamera: SizedLensCamera;
  readonly colourCamera: SizedLensCamera;
  readonly depthToColour: RigidTransform;
}

/** The widest rectangle (in colour pixels per side) one depth pixel may fill. */
export const MAX_FOOTPRINT = 32;

/** Where one corner of a depth pixel lands in the colour image (pixel coordinates, before rounding). */
export function alignCorner(u: number, v: number, z: number, depthCamera: SizedLensCamera, colourCamera: SizedLensCamera, depthToColour: RigidTransform): { u: number; v: number } {
  const n = undistortNormalised((u - depthCamera.cx) / depthCamera.fx, (v - depthCamera.cy) / depthCamera.fy, depthCamera);
  const x = n.x * z;
  const y = n.y * z;
  const t = depthToColour;
  const cx = t[0] * x + t[1] * y + t[2] * z + t[3];
  const cy = t[4] * x + t[5] * y + t[6] * z + t[7];
  const cz = t[8] * x + t[9] * y + t[10] * z + t[11];
  const d = distortNormalised(cx / cz, cy / cz, colourCamera);
  return { u: d.x * colourCamera.fx + colourCamera.cx, v: d.y * colourCamera.fy + colourCamera.cy };
}

function checkInputs(depth: Float32Array, depthCamera: SizedLensCamera, colourCamera: SizedLensCamera, depthToColour: RigidTransform): void {
  for (const [what, cam] of [['depth', depthCamera], ['colour', colourCamera]] as const) {
    if (!(Number.isInteger(cam.width) && Number.isInteger(cam.height) && cam.width > 0 && cam.height > 0)) {
      throw new RangeError(`alignDepthToColour: the ${what} camera's size ${cam.width} x ${cam.height} is not a pair of whole numbers > 0.`);
    }
  }
  if (depth.length !== depthCamera.width * depthCamera.height) {
    throw new RangeError(`alignDepthToColour: the depth field has ${depth.length} values, expected ${depthCamera.width} x ${depthCamera.height}.`);
  }
  if (depthToColour.length !== 16) throw new RangeError(`alignDepthToColour: the extrinsics have ${depthToColour.length} numbers, not 16 (a row-major 4x4).`);
}

/**
 * Scatters every depth pixel's rectangle with the nearest-depth rule, each
 * projected coordinate c rounded as trunc(c + 0.5 + shift): shift 0 is the
 * registration itself; the bounds use -margin and +margin.
 */
function scatter(
  depth: Float32Array,
  depthCamera: SizedLensCamera,
  colourCamera: SizedLensCamera,
  depthToColour: RigidTransform,
  margin: number,
): { low: Float32Array; high: Float32Array } {
  checkInputs(depth, depthCamera, colourCamera, depthToColour);
  const W = colourCamera.width;
  const H = colourCamera.height;
  // low: nearest depth over the rectangles that may be filled; high: over those that are surely filled.
  const low = new Float32Array(W * H).fill(Number.POSITIVE_INFINITY);
  const high = new Float32Array(W * H).fill(Number.POSITIVE_INFINITY);
  const fill = (out: Float32Array, x0: number, x1: number, y0: number, y1: number, z: number) => {
    for (let y = Math.max(0, y0); y <= Math.min(H - 1, y1); y++) {
      for (let x = Math.max(0, x0); x <= Math.min(W - 1, x1); x++) if (z < out[y * W + x]) out[y * W + x] = z;
    }
  };
  // A rectangle is kept when its corners are in the image and it is at most MAX_FOOTPRINT across.
  const kept = (x0: number, x1: number, y0: number, y1: number) => x0 >= 0 && y0 >= 0 && x1 < W && y1 < H && x1 - x0 < MAX_FOOTPRINT && y1 - y0 < MAX_FOOTPRINT;
  for (let v = 0, i = 0; v < depthCamera.height; v++) {
    for (let u = 0; u < depthCamera.width; u++, i++) {
      const z = depth[i];
      if (!Number.isFinite(z) || z <= 0) continue;
      const a = alignCorner(u - 0.5, v - 0.5, z, depthCamera, colourCamera, depthToColour);
      const b = alignCorner(u + 0.5, v + 0.5, z, depthCamera, colourCamera, depthToColour);
      const lo = (c: number) => Math.trunc(c + 0.5 - margin);
      const hi = (c: number) => Math.trunc(c + 0.5 + margin);
      // trunc is non-decreasing: the lowest and highest pixel each corner can round to.
      const [x0lo, x0hi, y0lo, y0hi] = [lo(a.u), hi(a.u), lo(a.v), hi(a.v)];
      const [x1lo, x1hi, y1lo, y1hi] = [lo(b.u), hi(b.u), lo(b.v), hi(b.v)];
      if (kept(x0hi, x1lo, y0hi, y1lo)) fill(low, x0lo, x1hi, y0lo, y1hi, z);
      if (kept(x0lo, x1hi, y0lo, y1hi)) fill(high, x0hi, x1lo, y0hi, y1lo, z);
    }
  }
  for (const out of [low, high]) for (let k = 0; k < out.length; k++) if (out[k] === Number.POSITIVE_INFINITY) out[k] = Number.NaN;
  return { low, high };
}

/**
 * The depth registered to the colour camera: a colourCamera.width x height field
 * (metres, NaN where no depth pixel lands). `depthToColour` maps depth-camera
 * points to colour-camera points (row-major 4x4, OpenCV axes). Reference of
 * shaders/align-depth-to-colour.wgsl.
 */
export function alignDepthToColour(depth: Float32Array, depthCamera: SizedLensCamera, colourCamera: SizedLensCamera, depthToColour: RigidTransform): Float32Array {
  return scatter(depth, depthCamera, colourCamera, depthToColour, 0).low;
}

/**
 * What the registration can give when each projected corner may be off by up to
 * `marginPx` (float32 against float64): per colour pixel, `low` is the nearest
 * depth over every rectangle that may cover it and `high` over those that surely
 * do (NaN: none). Any registration within the margin lies in [low, high], NaN
 * counting as +Infinity; where low equals high it is exact.
 */
export function alignDepthToColourBounds(
  depth: Float32Array,
  depthCamera: SizedLensCamera,
  colourCamera: SizedLensCamera,
  depthToColour: RigidTransform,
  marginPx: number,
): { low: Float32Array; high: Float32Array } {
  return scatter(depth, depthCamera, colourCamera, depthToColour, marginPx);
}
