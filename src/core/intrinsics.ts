/**
 * Pinhole camera intrinsics: defaults, presets of real sensors, field of view,
 * and the back-projection the 3D view uses.
 *
 * Convention everywhere (the one of OpenCV, ROS, Open3D and librealsense): pixel
 * centres sit at integer coordinates, u = column and v = row from the top-left
 * pixel's centre, so an image W px wide spans u in [-0.5, W - 0.5] and its centre
 * is (W - 1) / 2. Depth z is along the optical axis, in metres.
 */
import type { PinholeIntrinsics } from './filters/depth-field';
import { pixelRay, projectThroughLens, type LensCamera } from './distortion';

/**
 * Pinhole intrinsics used where the user has given none: the Kinect v1 /
 * PrimeSense default (fx = fy = 525 px at 640 px wide, principal point at the
 * image centre, in the pixel-centre convention), scaled with the image width.
 * For the TUM frame this is exactly the dataset's 525 / 319.5 / 239.5.
 */
export function defaultIntrinsics(width: number, height: number): PinholeIntrinsics {
  const f = (525 * width) / 640;
  return { fx: f, fy: f, cx: (width - 1) / 2, cy: (height - 1) / 2 };
}

/** Intrinsics of an image decimated by `factor` (pixel-centre convention, see filters/decimate.ts). */
export function scaledIntrinsics(intr: PinholeIntrinsics, factor: number): PinholeIntrinsics {
  return { fx: intr.fx / factor, fy: intr.fy / factor, cx: (intr.cx + 0.5) / factor - 0.5, cy: (intr.cy + 0.5) / factor - 0.5 };
}

/** Intrinsics with the resolution they were calibrated at (a preset's, or a sidecar file's). */
export interface CalibratedIntrinsics extends PinholeIntrinsics {
  width: number;
  height: number;
  label?: string;
}

/** A sensor's intrinsics at the resolution they were calibrated at (scale with scalePreset). */
export interface IntrinsicsPreset extends CalibratedIntrinsics {
  id: string;
  label: string;
}

/**
 * Where each number comes from:
 * - tum-fr1/2/3: TUM RGB-D benchmark, "File Formats" page, intrinsics of the
 *   Freiburg 1/2/3 RGB cameras. TUM's depth images are registered to the RGB
 *   camera, so these are the depth images' intrinsics too. The page also lists
 *   distortion (fr1, fr2); fr3 images are already undistorted.
 * - primesense: the PrimeSense / Kinect v1 factory default used by ROS's
 *   openni driver, TUM's "ROS default" row and Open3D's PrimeSenseDefault.
 * - nyu: NYU Depth V2 toolbox, camera_params.m, fx_d fy_d cx_d cy_d (the depth /
 *   IR camera): for the RAW Kinect frames. Caveat: the toolbox's own
 *   depth_plane2depth_world.m evaluates them at 1-based pixel coordinates
 *   (meshgrid(1:640, 1:480)), so its clouds sit one pixel off ours.
 * - nyu-rgb: same file, fx_rgb fy_rgb cx_rgb cy_rgb: for the labelled set's
 *   depths, which the toolbox projected into the RGB camera.
 * - kinect2: Open3D's Kinect2DepthCameraDefault (Kinect v2 / Azure-era ToF, 512 x 424).
 * - d435-*: RealSense D435 depth stream, NOMINAL values rounded from published
 *   factory calibrations (`rs-enumerate-devices -c`: fx 634.7 to 644.0 at
 *   1280 x 720 and 382.6 to 386.4 at 640 x 480, principal points within a few px
 *   of the centre). Every unit has its own calibration: read it from the camera.
 *   640 x 480 is a 4:3 crop of the sensor scaled by 0.6, hence f = 0.6 x 640.
 * - iphone-lidar: ARKit sceneDepth (256 x 192). ARKit reports the intrinsics of
 *   the 1920 x 1440 camera image, per frame (focus moves them ~1 %); recent Pro
 *   iPhones give fx = fy of about 1590 there, i.e. about 212 once divided by 7.5.
 *   Typical only: use the frame's own ARCamera.intrinsics when you have them.
 */
export const INTRINSICS_PRESETS: readonly IntrinsicsPreset[] = [
  { id: 'tum-fr1', label: 'TUM RGB-D freiburg1', width: 640, height: 480, fx: 517.3, fy: 516.5, cx: 318.6, cy: 255.3 },
  { id: 'tum-fr2', label: 'TUM RGB-D freiburg2', width: 640, height: 480, fx: 520.9, fy: 521.0, cx: 325.1, cy: 249.7 },
  { id: 'tum-fr3', label: 'TUM RGB-D freiburg3', width: 640, height: 480, fx: 535.4, fy: 539.2, cx: 320.1, cy: 247.6 },
  { id: 'primesense', label: 'PrimeSense / Kinect v1 default', width: 640, height: 480, fx: 525, fy: 525, cx: 319.5, cy: 239.5 },
  {
    id: 'nyu',
    label: 'NYU Depth V2, raw Kinect depth',
    width: 640,
    height: 480,
    fx: 5.8262448167737955e2,
    fy: 5.8269103270988637e2,
    cx: 3.1304475870804731e2,
    cy: 2.3844389626620386e2,
  },
  {
    id: 'nyu-rgb',
    label: 'NYU Depth V2, depth registered to RGB',
    width: 640,
    height: 480,
    fx: 5.1885790117450188e2,
    fy: 5.1946961112127485e2,
    cx: 3.2558244941119034e2,
    cy: 2.5373616633400465e2,
  },
  { id: 'kinect2', label: 'Kinect v2 depth (Open3D default)', width: 512, height: 424, fx: 365.456, fy: 365.456, cx: 254.878, cy: 205.395 },
  { id: 'd435-640x480', label: 'RealSense D435 depth 640×480 (typical)', width: 640, height: 480, fx: 384, fy: 384, cx: 319.5, cy: 239.5 },
  { id: 'd435-1280x720', label: 'RealSense D435 depth 1280×720 (typical)', width: 1280, height: 720, fx: 640, fy: 640, cx: 639.5, cy: 359.5 },
  { id: 'iphone-lidar', label: 'iPhone LiDAR, ARKit 256×192 (typical)', width: 256, height: 192, fx: 212, fy: 212, cx: 127.5, cy: 95.5 },
];

export function findPreset(id: string): IntrinsicsPreset | undefined {
  return INTRINSICS_PRESETS.find((p) => p.id === id);
}

/**
 * Why `preset` cannot be scaled to a width x height image, or null when it can:
 * only a resampled copy of the calibrated frame (same aspect ratio) keeps the
 * optics; a crop or another sensor mode (e.g. D435 640 x 480 vs 1280 x 720) has
 * other intrinsics. One pixel of slack on the height covers rounded sizes.
 */
export function presetScaleProblem(preset: CalibratedIntrinsics, width: number, height: number): string | null {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    return `The image size ${width} x ${height} is not a pair of whole numbers > 0.`;
  }
  if (Math.abs((preset.height * width) / preset.width - height) > 1) {
    return (
      `The ${preset.label ?? 'given'} intrinsics are for ${preset.width} x ${preset.height}; ${width} x ${height} has another ` +
      'aspect ratio, so it is a crop or another sensor mode and needs its own intrinsics.'
    );
  }
  return null;
}

/**
 * The preset's intrinsics for the same view resampled to width x height. Each
 * axis gets its own ratio s (width / preset.width, height / preset.height; equal
 * up to rounding, see presetScaleProblem) so the image edges map onto edges:
 * with pixel centres at integers the frame spans [-0.5, W - 0.5], and
 * u' + 0.5 = s (u + 0.5) gives f' = s f and c' = s (c + 0.5) - 0.5. The naive
 * c' = s c would move the principal point by (s - 1) / 2 px, e.g. 319.5 at 640 px
 * wide would become 159.75 at 320 instead of the centre, 159.5.
 * Throws a RangeError saying why when presetScaleProblem finds a problem.
 */
export function scalePreset(preset: CalibratedIntrinsics, width: number, height: number): PinholeIntrinsics {
  const problem = presetScaleProblem(preset, width, height);
  if (problem !== null) throw new RangeError(problem);
  const sx = width / preset.width;
  const sy = height / preset.height;
  return { fx: preset.fx * sx, fy: preset.fy * sy, cx: sx * (preset.cx + 0.5) - 0.5, cy: sy * (preset.cy + 0.5) - 0.5 };
}

/**
 * Intrinsics of a centred pinhole camera whose field of view spans the whole
 * image, edge to edge (W px, hence fx = W / (2 tan(hfov / 2))). Square pixels
 * (fy = fx) when vfovDeg is omitted. Throws a RangeError for a size that is not
 * whole numbers > 0 or an angle outside (0, 180) degrees.
 */
export function intrinsicsFromFov(width: number, height: number, hfovDeg: number, vfovDeg?: number): PinholeIntrinsics {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new RangeError(`The image size ${width} x ${height} is not a pair of whole numbers > 0.`);
  }
  const focal = (pixels: number, fovDeg: number, what: string): number => {
    if (!(fovDeg > 0 && fovDeg < 180)) throw new RangeError(`The ${what} field of view must be between 0 and 180 degrees, not ${fovDeg}.`);
    return pixels / (2 * Math.tan((fovDeg * Math.PI) / 360));
  };
  const fx = focal(width, hfovDeg, 'horizontal');
  const fy = vfovDeg === undefined ? fx : focal(height, vfovDeg, 'vertical');
  return { fx, fy, cx: (width - 1) / 2, cy: (height - 1) / 2 };
}

/** Horizontal and vertical field of view in degrees, edge to edge, of a width x height image (an off-centre principal point is allowed). */
export function fieldOfView(intr: PinholeIntrinsics, width: number, height: number): { hfovDeg: number; vfovDeg: number } {
  const span = (c: number, f: number, n: number) => ((Math.atan((c + 0.5) / f) + Math.atan((n - 0.5 - c) / f)) * 180) / Math.PI;
  return { hfovDeg: span(intr.cx, intr.fx, width), vfovDeg: span(intr.cy, intr.fy, height) };
}

/**
 * Why these intrinsics are unusable, or null when they are fine: every value
 * finite and fx, fy > 0 (a negative focal length would mirror the cloud; the
 * principal point may lie anywhere, even outside the image).
 */
export function checkIntrinsics(intr: PinholeIntrinsics): string | null {
  for (const key of ['fx', 'fy', 'cx', 'cy'] as const) {
    const v: unknown = intr[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) return `The intrinsics' ${key} must be a finite number, not ${String(v)}.`;
  }
  if (!(intr.fx > 0 && intr.fy > 0)) return `The focal lengths fx and fy must be > 0 pixels, not ${intr.fx} and ${intr.fy}.`;
  return null;
}

export interface Point3 {
  x: number;
  y: number;
  z: number;
}

/**
 * The camera-frame point (metres; x right, y down, z forward) seen at pixel
 * (u, v) with depth z along the optical axis: x = (u - cx) z / fx,
 * y = (v - cy) z / fy. Same formula and frame as Open3D's
 * PointCloud.create_from_depth_image (u = column j, v = row i). A non-finite z
 * gives non-finite coordinates; callers skip those pixels, as Open3D skips z <= 0.
 */
export function backprojectPixel(u: number, v: number, z: number, intr: PinholeIntrinsics): Point3 {
  return { x: ((u - intr.cx) * z) / intr.fx, y: ((v - intr.cy) * z) / intr.fy, z };
}

/** Inverse of backprojectPixel: the pixel (u, v) where point (x, y, z), z != 0, is seen. */
export function projectPoint(p: Point3, intr: PinholeIntrinsics): { u: number; v: number } {
  return { u: intr.cx + (intr.fx * p.x) / p.z, v: intr.cy + (intr.fy * p.y) / p.z };
}

/** Length of the ray through pixel (u, v) per metre of z: sqrt(1 + ((u - cx)/fx)^2 + ((v - cy)/fy)^2), >= 1. */
function rayStretch(u: number, v: number, intr: PinholeIntrinsics): number {
  const a = (u - intr.cx) / intr.fx;
  const b = (v - intr.cy) / intr.fy;
  return Math.sqrt(1 + a * a + b * b);
}

/**
 * Depth along the optical axis from r, the distance to the camera centre that
 * some renderers and time-of-flight sensors store (their maps look "bowed":
 * a flat wall reads farther at the edges): z = r / rayStretch.
 */
export function rayLengthToZ(u: number, v: number, r: number, intr: PinholeIntrinsics): number {
  return r / rayStretch(u, v, intr);
}

/** Inverse of rayLengthToZ: the distance to the camera centre of the point at depth z. */
export function zToRayLength(u: number, v: number, z: number, intr: PinholeIntrinsics): number {
  return z * rayStretch(u, v, intr);
}

/**
 * A whole ray-length map (row-major, width x height, metres) turned into z,
 * pixel (x, y) at u = x, v = y. Invalid samples stay invalid, as NaN (the
 * convention of filters/depth-field.ts).
 */
export function rayLengthFieldToZ(depth: Float32Array, width: number, height: number, intr: PinholeIntrinsics): Float32Array {
  if (depth.length !== width * height) {
    throw new RangeError(`rayLengthFieldToZ: the field has ${depth.length} values, expected ${width} x ${height}.`);
  }
  const out = new Float32Array(depth.length);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      const r = depth[i];
      out[i] = Number.isFinite(r) ? rayLengthToZ(x, y, r, intr) : Number.NaN;
    }
  }
  return out;
}

/**
 * backprojectPixel through a lens: the point at depth z on the ray through the
 * distorted pixel (u, v), as rs2_deproject_pixel_to_point gives it (see
 * distortion.ts for the models). Equal to backprojectPixel for 'none'.
 */
export function backprojectPixelThroughLens(u: number, v: number, z: number, camera: LensCamera): Point3 {
  const ray = pixelRay(u, v, camera);
  return { x: ray.x * z, y: ray.y * z, z };
}

/** Inverse of backprojectPixelThroughLens: the (distorted) pixel where point p, z != 0, is seen. */
export function projectPointThroughLens(p: Point3, camera: LensCamera): { u: number; v: number } {
  return projectThroughLens(p, camera);
}
