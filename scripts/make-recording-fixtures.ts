/**
 * Writes the recording fixtures of src/io/__fixtures__/recordings/: ROS 1
 * bags (plain, LZ4, BZ2, unindexed, several topics and encodings, RealSense's
 * layout) and ROS 2 MCAP files (LZ4, zstd), a few 16 x 12 frames each. The
 * values are those of scripts/recording-fixtures/content.ts, which the tests
 * compare decoded frames against; a test checks the committed files are what
 * this writes. Run: npx tsx scripts/make-recording-fixtures.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BagWriter } from './recording-fixtures/bag-writer';
import type { BagCompression, RosTime } from './recording-fixtures/bag-writer';
import { COLOUR_CAL, COLOUR_TIMES, DEPTH_CAL, DEPTH_TIMES, H, W, colourAs, colourRgb, colourRgbSized, compressedDepthData, depthM, depthMm, infraredY8 } from './recording-fixtures/content';
import type { Calibration } from './recording-fixtures/content';
import { cameraInfo, compressedImage, image, type Size } from './recording-fixtures/messages';
import { writeMcap } from './recording-fixtures/mcap-fixture';
import type { McapCompression, McapMessage } from './recording-fixtures/mcap-fixture';
import type { Ros1Type } from './recording-fixtures/ros-definitions';

export const FIXTURE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/io/__fixtures__/recordings');

export interface Planned {
  topic: string;
  type: Ros1Type;
  time: RosTime;
  message: Record<string, unknown>;
}

const CAL_TIME: RosTime = { sec: 100, nsec: 0 };

/** In time order (stable), as a recorder writes them. */
function sorted(messages: Planned[]): Planned[] {
  return messages.map((m, i) => ({ m, i })).sort((a, b) => a.m.time.sec - b.m.time.sec || a.m.time.nsec - b.m.time.nsec || a.i - b.i).map(({ m }) => m);
}

export function writeBag(messages: Planned[], compression: BagCompression, indexed = true, perChunk = 3): Uint8Array {
  const bag = new BagWriter(compression, perChunk);
  const conns = new Map<string, number>();
  for (const m of sorted(messages)) {
    let c = conns.get(m.topic);
    if (c === undefined) {
      c = bag.connection(m.topic, m.type);
      conns.set(m.topic, c);
    }
    bag.write(c, m.time, m.message);
  }
  return bag.finish(indexed);
}

/** The usual ROS 1 camera: 16UC1 depth, rgb8 colour, camera_info for each. */
export function cameraMessages(): Planned[] {
  return [
    { topic: '/camera/depth/camera_info', type: 'sensor_msgs/CameraInfo', time: CAL_TIME, message: cameraInfo(1, CAL_TIME, DEPTH_CAL) },
    { topic: '/camera/color/camera_info', type: 'sensor_msgs/CameraInfo', time: CAL_TIME, message: cameraInfo(1, CAL_TIME, COLOUR_CAL) },
    ...DEPTH_TIMES.map((t, i): Planned => ({ topic: '/camera/depth/image_raw', type: 'sensor_msgs/Image', time: t, message: image(1, t, '16UC1', 2, depthMm(i)) })),
    ...COLOUR_TIMES.map((t, i): Planned => ({ topic: '/camera/color/image_raw', type: 'sensor_msgs/Image', time: t, message: image(1, t, 'rgb8', 3, colourRgb(i)) })),
  ];
}

/** Several depth and colour topics, one per encoding the readers know. */
export function topicMessages(): Planned[] {
  const out: Planned[] = [];
  const per = (topic: string, type: Ros1Type, make: (t: RosTime, i: number) => Record<string, unknown>, times = DEPTH_TIMES.slice(0, 2)) =>
    times.forEach((t, i) => out.push({ topic, type, time: t, message: make(t, i) }));
  per('/cam_a/depth/image_raw', 'sensor_msgs/Image', (t, i) => image(1, t, '16UC1', 2, depthMm(i)));
  per('/cam_b/depth/image_raw', 'sensor_msgs/Image', (t, i) => image(1, t, '32FC1', 4, depthM(i)));
  per('/cam_b/depth/image_raw/compressedDepth', 'sensor_msgs/CompressedImage', (t, i) => compressedImage(1, t, '16UC1; compressedDepth png', compressedDepthData(i, '16UC1')));
  per('/cam_c/depth/image_raw/compressedDepth', 'sensor_msgs/CompressedImage', (t, i) => compressedImage(1, t, '32FC1; compressedDepth png', compressedDepthData(i, '32FC1')));
  per('/cam_d/depth/image_raw', 'sensor_msgs/Image', (t, i) => image(1, t, 'mono16', 2, depthMm(i), true));
  per('/cam_a/color/bgr8', 'sensor_msgs/Image', (t, i) => image(1, t, 'bgr8', 3, colourAs(i, 'bgr8')), COLOUR_TIMES.slice(0, 2));
  per('/cam_a/color/rgba8', 'sensor_msgs/Image', (t, i) => image(1, t, 'rgba8', 4, colourAs(i, 'rgba8')), COLOUR_TIMES.slice(0, 2));
  per('/cam_a/color/bgra8', 'sensor_msgs/Image', (t, i) => image(1, t, 'bgra8', 4, colourAs(i, 'bgra8')), COLOUR_TIMES.slice(0, 2));
  per('/cam_a/color/yuyv', 'sensor_msgs/Image', (t, i) => image(1, t, 'yuyv', 2, yuyv(i)), COLOUR_TIMES.slice(0, 2));
  per('/cam_a/color/yuv422', 'sensor_msgs/Image', (t, i) => image(1, t, 'yuv422', 2, uyvy(i)), COLOUR_TIMES.slice(0, 2));
  per('/cam_a/ir/image_raw', 'sensor_msgs/Image', (t, i) => image(1, t, 'mono8', 1, infraredY8(i)));
  per('/cam_b/depth/camera_info', 'sensor_msgs/CameraInfo', (t) => cameraInfo(1, t, { ...DEPTH_CAL, model: 'rational_polynomial', d: [0.1, 0, 0, 0, 0, 0, 0, 0] }), [CAL_TIME]);
  return out;
}

/** YUYV with U = V = 128 (gray): Y0 128 Y1 128 per pixel pair. */
export function yuyv(frame: number): Uint8Array {
  const y = infraredY8(frame);
  return Uint8Array.from({ length: y.length * 2 }, (_, i) => (i % 2 === 0 ? y[i >> 1] : 128));
}

/** UYVY (ROS's yuv422) with U = V = 128: 128 Y0 128 Y1 per pixel pair. */
export function uyvy(frame: number): Uint8Array {
  const y = infraredY8(frame);
  return Uint8Array.from({ length: y.length * 2 }, (_, i) => (i % 2 === 1 ? y[i >> 1] : 128));
}

/** librealsense's layout (file format 3): depth in 0.1 mm units, colour with its extrinsics, an infrared stream (Y8, written as 8UC1). */
export const REALSENSE_DEPTH_UNITS = 0.0001;
/** The Stereo Baseline option (mm): not a D435's 50, so a test can tell it came from the file. */
export const REALSENSE_STEREO_BASELINE_MM = 49.8;
/** Colour's extrinsics to the reference (depth): a half turn about z and a small offset, exact in binary64 products. */
export const REALSENSE_COLOUR_TF = { translation: { x: 0.015, y: -0.002, z: 0.0005 }, rotation: { x: 0, y: 0, z: 1, w: 0 } };

/** What differs between the RealSense fixtures: units, the colour camera and where it sits. */
export interface RealSenseLayout {
  depthUnits: number;
  colourCal: Calibration;
  colourSize: Size;
  colourTf: { translation: { x: number; y: number; z: number }; rotation: { x: number; y: number; z: number; w: number } };
  colour: (frame: number) => Uint8Array;
}

const REALSENSE: RealSenseLayout = {
  depthUnits: REALSENSE_DEPTH_UNITS,
  colourCal: { ...COLOUR_CAL, model: 'Inverse Brown Conrady', d: [0.01, 0.02, 0.003, 0.004, 0.05] },
  colourSize: { width: W, height: H },
  colourTf: REALSENSE_COLOUR_TF,
  colour: colourRgb,
};

/**
 * An unaligned D400-like pair, for "Align depth to colour": depth in mm, colour
 * at 24 x 18 (another grid, the same 4:3) through its own inverse Brown-Conrady
 * lens, 15 mm beside the depth camera and turned 0.5 degrees about y.
 */
export const UNALIGNED: RealSenseLayout = {
  depthUnits: 0.001,
  colourCal: { fx: 30.5, fy: 30.25, cx: 11.75, cy: 8.5, model: 'Inverse Brown Conrady', d: [-0.0557, 0.0656, -0.0004, 0.0008, -0.0211] },
  colourSize: { width: 24, height: 18 },
  colourTf: { translation: { x: -0.015, y: 0.0001, z: 0.0002 }, rotation: { x: 0, y: Math.sin((0.25 * Math.PI) / 180), z: 0, w: Math.cos((0.25 * Math.PI) / 180) } },
  colour: (frame) => colourRgbSized(frame, 24, 18),
};

export function realsenseMessages(layout: RealSenseLayout = REALSENSE): Planned[] {
  const s0 = '/device_0/sensor_0';
  const s1 = '/device_0/sensor_1';
  const t0: RosTime = { sec: 0, nsec: 0 };
  const identity = { translation: { x: 0, y: 0, z: 0 }, rotation: { x: 0, y: 0, z: 0, w: 1 } };
  const out: Planned[] = [
    { topic: '/file_version', type: 'std_msgs/UInt32', time: t0, message: { data: 3 } },
    { topic: `${s0}/option/Depth_Units/value`, type: 'std_msgs/Float32', time: t0, message: { data: layout.depthUnits } },
    { topic: `${s0}/option/Depth_Units/description`, type: 'std_msgs/String', time: t0, message: { data: 'Number of meters represented by a single depth unit' } },
    { topic: `${s0}/option/Stereo_Baseline/value`, type: 'std_msgs/Float32', time: t0, message: { data: REALSENSE_STEREO_BASELINE_MM } },
    { topic: `${s0}/Depth_0/info`, type: 'realsense_msgs/StreamInfo', time: t0, message: { fps: 30, encoding: 'mono16', is_recommended: true } },
    { topic: `${s0}/Depth_0/info/camera_info`, type: 'sensor_msgs/CameraInfo', time: t0, message: cameraInfo(1, t0, { ...DEPTH_CAL, model: 'Brown Conrady' }) },
    { topic: `${s0}/Depth_0/tf/0`, type: 'geometry_msgs/Transform', time: t0, message: identity },
    { topic: `${s0}/Infrared_1/info`, type: 'realsense_msgs/StreamInfo', time: t0, message: { fps: 30, encoding: '8UC1', is_recommended: true } },
    { topic: `${s1}/Color_0/info`, type: 'realsense_msgs/StreamInfo', time: t0, message: { fps: 15, encoding: 'rgb8', is_recommended: true } },
    { topic: `${s1}/Color_0/info/camera_info`, type: 'sensor_msgs/CameraInfo', time: t0, message: cameraInfo(1, t0, layout.colourCal, layout.colourSize) },
    { topic: `${s1}/Color_0/tf/0`, type: 'geometry_msgs/Transform', time: t0, message: layout.colourTf },
  ];
  DEPTH_TIMES.forEach((t, i) => out.push({ topic: `${s0}/Depth_0/image/data`, type: 'sensor_msgs/Image', time: t, message: image(1, t, 'mono16', 2, depthMm(i)) }));
  DEPTH_TIMES.forEach((t, i) => out.push({ topic: `${s0}/Infrared_1/image/data`, type: 'sensor_msgs/Image', time: t, message: image(1, t, '8UC1', 1, infraredY8(i)) }));
  COLOUR_TIMES.forEach((t, i) =>
    out.push({ topic: `${s1}/Color_0/image/data`, type: 'sensor_msgs/Image', time: t, message: image(1, t, 'rgb8', 3, layout.colour(i), false, layout.colourSize) }),
  );
  return out;
}

/** ROS 2: 16UC1 depth, a 32FC1 depth topic, rgb8 colour, camera_info with lower-case k and d. */
export function ros2Messages(): McapMessage[] {
  const out: McapMessage[] = [
    { topic: '/camera/depth/camera_info', type: 'sensor_msgs/msg/CameraInfo', time: CAL_TIME, message: cameraInfo(2, CAL_TIME, DEPTH_CAL) },
    { topic: '/camera/color/camera_info', type: 'sensor_msgs/msg/CameraInfo', time: CAL_TIME, message: cameraInfo(2, CAL_TIME, COLOUR_CAL) },
  ];
  DEPTH_TIMES.forEach((t, i) => out.push({ topic: '/camera/depth/image_rect_raw', type: 'sensor_msgs/msg/Image', time: t, message: image(2, t, '16UC1', 2, depthMm(i)) }));
  DEPTH_TIMES.forEach((t, i) => out.push({ topic: '/camera/depth_float/image', type: 'sensor_msgs/msg/Image', time: t, message: image(2, t, '32FC1', 4, depthM(i)) }));
  DEPTH_TIMES.forEach((t, i) =>
    out.push({ topic: '/camera/depth/image_rect_raw/compressedDepth', type: 'sensor_msgs/msg/CompressedImage', time: t, message: compressedImage(2, t, '16UC1; compressedDepth png', compressedDepthData(i, '16UC1')) }),
  );
  COLOUR_TIMES.forEach((t, i) => out.push({ topic: '/camera/color/image_raw', type: 'sensor_msgs/msg/Image', time: t, message: image(2, t, 'rgb8', 3, colourRgb(i)) }));
  return out.sort((a, b) => a.time.sec - b.time.sec || a.time.nsec - b.time.nsec);
}

export async function recordingFixtures(): Promise<Map<string, Uint8Array>> {
  const mcap = (c: McapCompression) => writeMcap(ros2Messages(), c);
  return new Map([
    ['camera-plain.bag', writeBag(cameraMessages(), 'none')],
    ['camera-lz4.bag', writeBag(cameraMessages(), 'lz4')],
    ['camera-bz2.bag', writeBag(cameraMessages(), 'bz2')],
    ['camera-unindexed.bag', writeBag(cameraMessages(), 'lz4', false)],
    ['topics.bag', writeBag(topicMessages(), 'none', true, 5)],
    ['realsense.bag', writeBag(realsenseMessages(), 'lz4', true, 6)],
    ['realsense-unaligned.bag', writeBag(realsenseMessages(UNALIGNED), 'lz4', true, 6)],
    ['ros2-lz4.mcap', await mcap('lz4')],
    ['ros2-zstd.mcap', await mcap('zstd')],
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(FIXTURE_DIR, { recursive: true });
  for (const [name, bytes] of await recordingFixtures()) {
    writeFileSync(path.join(FIXTURE_DIR, name), bytes);
    console.log(`${name}: ${bytes.length} bytes`);
  }
}
