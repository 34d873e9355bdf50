/**
 * librealsense's layout inside a ROS bag (file format 3; src/media/ros in
 * librealsense): /file_version, per stream /device_D/sensor_S/<Stream>_<i>/
 * with image/data, info (realsense_msgs/StreamInfo), info/camera_info and
 * tf/<ref> (the stream's extrinsics to the reference stream <ref>, as
 * geometry_msgs/Transform), and per sensor option/<Name>/value (Float32).
 */
import type { RigidTransform } from '../../core/recording';

export const FILE_VERSION_TOPIC = '/file_version';

const STREAM = /^(\/device_\d+\/sensor_\d+)\/(Depth|Color|Infrared|Confidence|Fisheye)_\d+\/image\/data$/;

export interface RealSenseStream {
  /** "/device_0/sensor_0/Depth_0" */
  readonly prefix: string;
  readonly sensor: string;
  readonly role: 'depth' | 'colour' | 'infrared' | null;
}

export function realSenseStream(topic: string): RealSenseStream | null {
  const m = STREAM.exec(topic);
  if (!m) return null;
  const role = m[2] === 'Depth' ? 'depth' : m[2] === 'Color' ? 'colour' : m[2] === 'Infrared' ? 'infrared' : null;
  return { prefix: topic.slice(0, -'/image/data'.length), sensor: m[1], role };
}

export function depthUnitsTopic(sensor: string): string {
  return `${sensor}/option/Depth_Units/value`;
}

/** librealsense's RS2_OPTION_STEREO_BASELINE as the recorder writes it: "Distance in mm between the stereo imagers". */
export function stereoBaselineTopic(sensor: string): string {
  return `${sensor}/option/Stereo_Baseline/value`;
}

/**
 * The shortest decimal that is the same float32: the Depth Units option is a
 * float32, so 0.0001 is stored as 1.0000000474974513e-4 and means 0.0001.
 */
export function float32Decimal(v: number): number {
  for (let p = 1; p <= 9; p++) {
    const d = Number(v.toPrecision(p));
    if (Math.fround(d) === Math.fround(v)) return d;
  }
  return v;
}

/** geometry_msgs/Transform (translation, unit quaternion) as a row-major 4x4: p' = R p + t. */
export function transformMatrix(msg: Record<string, unknown>): number[] {
  const t = msg.translation as { x: number; y: number; z: number };
  const q = msg.rotation as { x: number; y: number; z: number; w: number };
  const { x, y, z, w } = q;
  return [
    1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w), t.x,
    2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w), t.y,
    2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y), t.z,
    0, 0, 0, 1,
  ];
}

/** a · b for row-major 4x4 matrices. */
export function multiply(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(16).fill(0);
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) for (let k = 0; k < 4; k++) out[4 * r + c] += a[4 * r + k] * b[4 * k + c];
  return out;
}

/** The inverse of a rigid transform: [Rᵀ, -Rᵀt]. */
export function invertRigid(m: readonly number[]): number[] {
  const out = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) out[4 * r + c] = m[4 * c + r];
  for (let r = 0; r < 3; r++) out[4 * r + 3] = -(out[4 * r] * m[3] + out[4 * r + 1] * m[7] + out[4 * r + 2] * m[11]);
  return out;
}

/** Depth to colour from each stream's extrinsics to the same reference: inv(colour→ref) · (depth→ref). */
export function depthToColour(depthToRef: readonly number[], colourToRef: readonly number[]): RigidTransform {
  // + 0 turns the -0 of products like -1 * 0 into 0, so the matrix compares and prints plainly.
  return multiply(invertRigid(colourToRef), depthToRef).map((v) => v + 0);
}
