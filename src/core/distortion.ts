/**
 * Lens distortion on normalised image coordinates (x = X / Z, y = Y / Z), as
 * librealsense's rs2_project_point_to_pixel and rs2_deproject_pixel_to_point
 * (src/rs.cpp, since librealsense 2.45: PRs 8753 and 8759) and OpenCV's
 * undistortPoints apply it. Coefficients are k1, k2, p1, p2, k3.
 *
 * Which side gets the polynomial, per model:
 * - 'brown-conrady' (OpenCV / ROS plumb_bob, RS2_DISTORTION_BROWN_CONRADY):
 *   projection evaluates the polynomial (undistorted -> distorted) with the
 *   tangential terms on the undistorted x, y; deprojection inverts it by
 *   fixed-point iteration.
 * - 'inverse-brown-conrady' (RS2_DISTORTION_INVERSE_BROWN_CONRADY, D400 colour):
 *   projection also evaluates a polynomial, librealsense's "modified" form in
 *   which the tangential terms use x, y already scaled by the radial factor
 *   (with r^2 of the unscaled ones); deprojection inverts that by the same
 *   kind of iteration. Older librealsense (before 2.45) applied the polynomial
 *   once on deprojection and nothing on projection, which did not round-trip;
 *   we follow the current SDK, whose two directions are inverses.
 * - 'none': the pinhole model.
 *
 * The iterations are librealsense's (10) and OpenCV's (5, undistortPoints'
 * default criteria); both converge to the same fixed point, fast for real
 * lenses: the step's contraction is about |3 k1 r^2| (0.1 at a D435 colour
 * corner), so 10 steps leave 1e-10 of the distortion.
 */
import type { PinholeIntrinsics } from './filters/depth-field';
import type { DistortionModel } from './recording';

/** The lens part of a CameraModel (recording.ts). */
export interface LensDistortion {
  readonly distortion: DistortionModel;
  /** k1, k2, p1, p2, k3. */
  readonly coeffs: readonly number[];
}

/** A pinhole camera with its lens: what CameraModel gives, without its size and source. */
export type LensCamera = PinholeIntrinsics & LensDistortion;

export const NO_DISTORTION: LensDistortion = { distortion: 'none', coeffs: [0, 0, 0, 0, 0] };

/** rs2_deproject_pixel_to_point's fixed count ("10 iterations determined empirically"). */
export const LIBREALSENSE_UNDISTORT_ITERATIONS = 10;
/** cv::undistortPoints' default TermCriteria(COUNT, 5, 0.01). */
export const OPENCV_UNDISTORT_ITERATIONS = 5;

export interface Normalised {
  x: number;
  y: number;
}

/** Why a lens is unusable, or null: a known model and five finite coefficients. */
export function checkDistortion(lens: LensDistortion): string | null {
  if (!['none', 'brown-conrady', 'inverse-brown-conrady'].includes(lens.distortion)) return `Unknown distortion model "${String(lens.distortion)}".`;
  if (lens.coeffs.length !== 5) return `Distortion needs 5 coefficients (k1, k2, p1, p2, k3), not ${lens.coeffs.length}.`;
  if (!lens.coeffs.every(Number.isFinite)) return `The distortion coefficients must be finite numbers, not ${lens.coeffs.join(', ')}.`;
  return null;
}

/** Whether the lens changes any coordinate (a model other than 'none' with a non-zero coefficient). */
export function hasDistortion(lens: LensDistortion): boolean {
  return lens.distortion !== 'none' && lens.coeffs.some((c) => c !== 0);
}

/** 1 + k1 r^2 + k2 r^4 + k3 r^6, in librealsense's Horner order. */
function radial(c: readonly number[], r2: number): number {
  return 1 + ((c[4] * r2 + c[1]) * r2 + c[0]) * r2;
}

/**
 * Undistorted -> distorted normalised coordinates: the step of
 * rs2_project_point_to_pixel between the division by z and the intrinsics.
 */
export function distortNormalised(x: number, y: number, lens: LensDistortion): Normalised {
  if (lens.distortion === 'none') return { x, y };
  const [, , p1, p2] = lens.coeffs;
  const r2 = x * x + y * y;
  const f = radial(lens.coeffs, r2);
  // Brown-Conrady: tangential terms on (x, y); the inverse model's "modified" form: on (f x, f y).
  const tx = lens.distortion === 'brown-conrady' ? x : x * f;
  const ty = lens.distortion === 'brown-conrady' ? y : y * f;
  return {
    x: x * f + 2 * p1 * tx * ty + p2 * (r2 + 2 * tx * tx),
    y: y * f + 2 * p2 * tx * ty + p1 * (r2 + 2 * ty * ty),
  };
}

/**
 * Distorted -> undistorted normalised coordinates: rs2_deproject_pixel_to_point's
 * fixed-point iteration x <- (x_d - tangential(x)) / radial(r^2(x)), from x = x_d,
 * `iterations` times, for either model (each inverting its distortNormalised).
 */
export function undistortNormalised(xd: number, yd: number, lens: LensDistortion, iterations = LIBREALSENSE_UNDISTORT_ITERATIONS): Normalised {
  if (lens.distortion === 'none') return { x: xd, y: yd };
  const c = lens.coeffs;
  const [, , p1, p2] = c;
  const inverseModel = lens.distortion === 'inverse-brown-conrady';
  let x = xd;
  let y = yd;
  for (let i = 0; i < iterations; i++) {
    const r2 = x * x + y * y;
    const icdist = 1 / radial(c, r2);
    const tx = inverseModel ? x / icdist : x;
    const ty = inverseModel ? y / icdist : y;
    const dx = 2 * p1 * tx * ty + p2 * (r2 + 2 * tx * tx);
    const dy = 2 * p2 * tx * ty + p1 * (r2 + 2 * ty * ty);
    x = (xd - dx) * icdist;
    y = (yd - dy) * icdist;
  }
  return { x, y };
}

/**
 * OpenCV's undistortPoints for plumb_bob (what ROS image_geometry's rectifyPoint
 * calls): the same iteration as Brown-Conrady's above, OpenCV's default 5 steps,
 * and OpenCV's guard: a step whose radial factor turns negative (a point far
 * outside where the polynomial is monotonic) returns the distorted point unchanged.
 */
export function undistortPlumbBob(xd: number, yd: number, coeffs: readonly number[], iterations = OPENCV_UNDISTORT_ITERATIONS): Normalised {
  const [, , p1, p2] = coeffs;
  let x = xd;
  let y = yd;
  for (let i = 0; i < iterations; i++) {
    const r2 = x * x + y * y;
    const icdist = 1 / radial(coeffs, r2);
    if (icdist < 0) return { x: xd, y: yd };
    const dx = 2 * p1 * x * y + p2 * (r2 + 2 * x * x);
    const dy = p1 * (r2 + 2 * y * y) + 2 * p2 * x * y;
    x = (xd - dx) * icdist;
    y = (yd - dy) * icdist;
  }
  return { x, y };
}

/** The pixel (u, v) where camera-frame point (x, y, z), z != 0, is seen through the lens (rs2_project_point_to_pixel). */
export function projectThroughLens(p: { x: number; y: number; z: number }, camera: LensCamera): { u: number; v: number } {
  const d = distortNormalised(p.x / p.z, p.y / p.z, camera);
  return { u: d.x * camera.fx + camera.cx, v: d.y * camera.fy + camera.cy };
}

/** Undistorted normalised coordinates of the ray through pixel (u, v) (rs2_deproject_pixel_to_point without the depth). */
export function pixelRay(u: number, v: number, camera: LensCamera, iterations = LIBREALSENSE_UNDISTORT_ITERATIONS): Normalised {
  return undistortNormalised((u - camera.cx) / camera.fx, (v - camera.cy) / camera.fy, camera, iterations);
}
