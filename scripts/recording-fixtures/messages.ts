/** The fixtures' messages as plain objects, in ROS 1 (seq, nsec, K/D) or ROS 2 (nanosec, k/d) spelling. */
import type { RosTime } from './bag-writer';
import type { Calibration } from './content';
import { H, W } from './content';

export type Ros = 1 | 2;

/** An image's size: the fixtures' W x H unless a stream says otherwise. */
export interface Size {
  width: number;
  height: number;
}

const FIXTURE_SIZE: Size = { width: W, height: H };

export function header(ros: Ros, t: RosTime, frame: string): Record<string, unknown> {
  return ros === 1 ? { seq: 0, stamp: { sec: t.sec, nsec: t.nsec }, frame_id: frame } : { stamp: { sec: t.sec, nanosec: t.nsec }, frame_id: frame };
}

/** A raw image; `bigEndian` stores 16/32-bit samples big-endian (allowed by sensor_msgs/Image, rare). */
export function image(ros: Ros, t: RosTime, encoding: string, bytesPerPixel: number, samples: Uint8Array | Uint16Array | Float32Array, bigEndian = false, size = FIXTURE_SIZE): Record<string, unknown> {
  const { width: w, height: h } = size;
  const step = w * bytesPerPixel + 4; // rows padded, so the reader must honour `step`
  const data = new Uint8Array(step * h);
  const view = new DataView(data.buffer);
  const perSample = samples.BYTES_PER_ELEMENT;
  const perPixel = bytesPerPixel / perSample;
  for (let y = 0; y < h; y++) {
    for (let i = 0; i < w * perPixel; i++) {
      const v = samples[y * w * perPixel + i];
      const at = y * step + i * perSample;
      if (samples instanceof Uint16Array) view.setUint16(at, v, !bigEndian);
      else if (samples instanceof Float32Array) view.setFloat32(at, v, !bigEndian);
      else view.setUint8(at, v);
    }
  }
  return { header: header(ros, t, 'camera'), height: h, width: w, encoding, is_bigendian: bigEndian ? 1 : 0, step, data };
}

export function compressedImage(ros: Ros, t: RosTime, format: string, data: Uint8Array): Record<string, unknown> {
  return { header: header(ros, t, 'camera'), format, data };
}

export function cameraInfo(ros: Ros, t: RosTime, c: Calibration, { width, height } = FIXTURE_SIZE): Record<string, unknown> {
  const k = [c.fx, 0, c.cx, 0, c.fy, c.cy, 0, 0, 1];
  const r = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  const p = [c.fx, 0, c.cx, 0, 0, c.fy, c.cy, 0, 0, 0, 1, 0];
  const roi = { x_offset: 0, y_offset: 0, height: 0, width: 0, do_rectify: false };
  const base = { header: header(ros, t, 'camera'), height, width, distortion_model: c.model, binning_x: 0, binning_y: 0, roi };
  return ros === 1 ? { ...base, D: c.d, K: k, R: r, P: p } : { ...base, d: c.d, k, r, p };
}
