/**
 * sensor_msgs/CameraInfo to the CameraModel of core/recording.ts. ROS 1 spells
 * the fields K, D (upper case), ROS 2 k, d. Distortion names: ROS's plumb_bob
 * and librealsense's "Brown Conrady" are OpenCV's five coefficients;
 * librealsense's "Inverse Brown Conrady" maps distorted to undistorted.
 */
import type { CameraModel, DistortionModel } from '../../core/recording';

const MODELS: Record<string, DistortionModel> = {
  plumb_bob: 'brown-conrady',
  'brown conrady': 'brown-conrady',
  'inverse brown conrady': 'inverse-brown-conrady',
  none: 'none',
  '': 'none',
};

export interface CameraReading {
  readonly camera: CameraModel | null;
  /** Said when something was left out (an unknown distortion model). */
  readonly note: string | null;
}

export function cameraFromInfo(msg: Record<string, unknown>, source: string): CameraReading {
  const k = numbers(msg.K ?? msg.k);
  const d = numbers(msg.D ?? msg.d);
  const width = Number(msg.width);
  const height = Number(msg.height);
  if (k.length !== 9 || !(k[0] > 0) || !(k[4] > 0)) return { camera: null, note: `${source} has no calibration (K is empty or zero).` };
  const name = String(msg.distortion_model ?? '');
  let distortion = MODELS[name.toLowerCase()];
  let note: string | null = null;
  if (distortion === undefined) {
    note = `${source}: the distortion model “${name}” is not supported; the lens is taken as undistorted.`;
    distortion = 'none';
  }
  const coeffs = distortion === 'none' ? [0, 0, 0, 0, 0] : [0, 1, 2, 3, 4].map((i) => d[i] ?? 0);
  if (distortion === 'none' && d.some((c) => c !== 0) && note === null && name !== '') note = `${source}: distortion “${name}” with coefficients ignored.`;
  return { camera: { fx: k[0], fy: k[4], cx: k[2], cy: k[5], width, height, distortion, coeffs, source: `camera_info on ${source}` }, note };
}

function numbers(v: unknown): number[] {
  if (v instanceof Float64Array || v instanceof Float32Array || Array.isArray(v)) return Array.from(v as ArrayLike<number>, Number);
  return [];
}
