/**
 * Axis conventions of 3-D exports. Depthscope computes in OpenCV's camera
 * axes (x right, y down, z forward; the TSDF world is the poses' world in the
 * same handedness), and converts once, on export, to what the receiving tool
 * expects:
 * - 'opencv': x right, y down, z forward (Open3D, COLMAP, TUM camera frames);
 * - 'opengl': x right, y up, z back (OpenGL, three.js, glTF, Blender's camera);
 * - 'ros': x forward, y left, z up (REP 103's body frame).
 * Each is a proper rotation of OpenCV's axes (determinant +1), so triangle
 * winding and the handedness of poses are kept.
 */
import type { RigidTransform } from './recording';

export type AxisConvention = 'opencv' | 'opengl' | 'ros';

export const AXIS_CONVENTIONS: readonly { id: AxisConvention; label: string }[] = [
  { id: 'opencv', label: 'OpenCV (x right, y down, z forward)' },
  { id: 'opengl', label: 'OpenGL / three.js / glTF (y up, z back)' },
  { id: 'ros', label: 'ROS (x forward, z up)' },
];

/** Row-major 3x3 rotation taking OpenCV coordinates to the convention's. */
export function axisRotation(to: AxisConvention): readonly number[] {
  if (to === 'opengl') return [1, 0, 0, 0, -1, 0, 0, 0, -1];
  // ROS: forward = OpenCV z, left = -OpenCV x, up = -OpenCV y.
  if (to === 'ros') return [0, 0, 1, -1, 0, 0, 0, -1, 0];
  return [1, 0, 0, 0, 1, 0, 0, 0, 1];
}

/**
 * xyz triples (positions or normals) from OpenCV axes to `to`, in a new array.
 * Each axis is another one, maybe negated: copied, never summed, so values stay
 * exact (NaN stays NaN, -0 stays signed).
 */
export function convertAxes(xyz: Float32Array, to: AxisConvention): Float32Array {
  const r = axisRotation(to);
  const from = [0, 1, 2].map((row) => [0, 1, 2].find((col) => r[3 * row + col] !== 0)!);
  const sign = from.map((col, row) => r[3 * row + col]);
  const out = new Float32Array(xyz.length);
  for (let i = 0; i + 2 < xyz.length; i += 3) {
    for (let k = 0; k < 3; k++) out[i + k] = sign[k] === 1 ? xyz[i + from[k]] : -xyz[i + from[k]];
  }
  return out;
}

/**
 * A camera-to-world pose with both the world and the camera re-expressed in
 * `to`'s axes: A T A^T (row-major 4x4), so a point written in the new camera
 * axes lands where the exported mesh has it.
 */
export function convertPoseAxes(pose: RigidTransform, to: AxisConvention): number[] {
  const a = axisRotation(to);
  const out = [...pose.slice(0, 16)];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let sum = 0;
      for (let k = 0; k < 3; k++) for (let l = 0; l < 3; l++) sum += a[3 * i + k] * pose[4 * k + l] * a[3 * j + l];
      out[4 * i + j] = sum;
    }
    out[4 * i + 3] = a[3 * i] * pose[3] + a[3 * i + 1] * pose[7] + a[3 * i + 2] * pose[11];
  }
  return out;
}
