/**
 * A Recording (core/recording.ts) from a bag's or an MCAP file's messages:
 * which topics are depth, colour and infrared, the chosen streams, units,
 * cameras, extrinsics and the colour paired with each depth frame. Opening
 * decodes the first message of each image topic and the small calibration
 * topics; every frame after that is decoded when asked for.
 */
import type {
  CameraModel, OpenRecordingOptions, Recording, RecordingKind, RecordingStream, RecordingSummary, RigidTransform,
} from '../../core/recording';
import { nearestStamps } from '../../core/recording';
import { DepthDecodeError } from '../../core/depth-image';
import type { MessageStore } from './message-store';
import { COMPRESSED_TYPE, IMAGE_TYPE, colourFromMessage, depthFromMessage, imageShape } from './ros-image';
import { cameraFromInfo } from './camera-info';
import { FILE_VERSION_TOPIC, depthToColour, depthUnitsTopic, float32Decimal, realSenseStream, stereoBaselineTopic, transformMatrix } from './realsense';

interface ImageTopic {
  readonly topic: string;
  readonly type: string;
  readonly stream: RecordingStream;
}

export async function buildRecording(store: MessageStore, container: 'rosbag' | 'mcap', name: string, options: OpenRecordingOptions): Promise<Recording> {
  const what = container === 'mcap' ? 'MCAP' : 'ROS bag';
  if (store.topics.size === 0) throw new DepthDecodeError(`${what}: the file holds no messages.`);
  const realsense = container === 'rosbag' && store.topics.has(FILE_VERSION_TOPIC);
  const kind: RecordingKind = realsense ? 'realsense-bag' : container;
  const notes = [...store.notes];
  if (realsense) {
    const version = Number((await lastMessage(store, FILE_VERSION_TOPIC))?.data);
    if (version !== 3) notes.push(`RealSense file format ${version}: this reader follows format 3, so options such as Depth Units may be missed.`);
  }
  const images = await listImageTopics(store, realsense);
  const depth = choose(images, options.depthStream, 'depth', what);
  if (!depth) {
    const found = [...store.topics.values()].map((t) => `${t.topic} (${t.type})`).join(', ');
    throw new DepthDecodeError(`${what}: no depth topic was found (a sensor_msgs/Image in 16UC1, mono16 or 32FC1, or a compressedDepth image); the file has ${found}.`);
  }
  const colour = choose(images, options.colourStream, 'colour', what);
  const depthTimes = store.topics.get(depth.topic)?.times ?? [];
  const colourTimes = colour ? (store.topics.get(colour.topic)?.times ?? []) : [];
  const pairs = colour ? nearestStamps(depthTimes, colourTimes, pairTolerance(depthTimes)) : depthTimes.map(() => -1);
  const t0 = depthTimes[0];
  const unit = await depthUnit(store, depth, realsense);
  const depthCamera = await camera(store, depth.topic, realsense, notes);
  const colourCamera = colour ? await camera(store, colour.topic, realsense, notes) : null;
  const summary: RecordingSummary = {
    kind,
    name,
    frames: depthTimes.map((stamp, i) => ({ timeS: stamp - t0, stamp, pose: null, hasColour: pairs[i] >= 0 })),
    depthUnitM: unit.m,
    depthUnitSource: unit.source,
    depthCamera,
    colourCamera,
    ...(await stereoBaseline(store, depth, realsense)),
    depthToColour: realsense && colour ? await extrinsics(store, depth.topic, colour.topic) : null,
    streams: images.map((i) => i.stream),
    depthStream: depth.topic,
    colourStream: colour?.topic ?? null,
    hasReference: false,
    notes,
  };
  return {
    summary,
    async readDepth(index) {
      return depthFromMessage(depth.type, await store.read(depth.topic, index), `${what} ${depth.topic} frame ${index}`);
    },
    async readColour(index) {
      const j = pairs[index];
      if (!colour || j === undefined || j < 0) return null;
      return colourFromMessage(colour.type, await store.read(colour.topic, j), `${colour.topic} #${j}`, `${what} ${colour.topic} frame ${j}`);
    },
    readReference: () => Promise.resolve(null),
  };
}

/** Colour within half the median depth interval counts as the same moment (0.05 s for a single frame). */
function pairTolerance(times: readonly number[]): number {
  if (times.length < 2) return 0.05;
  const gaps = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
  return gaps[gaps.length >> 1] / 2;
}

function choose(images: readonly ImageTopic[], wanted: string | undefined, role: 'depth' | 'colour', what: string): ImageTopic | null {
  if (wanted !== undefined) {
    const found = images.find((i) => i.topic === wanted);
    if (!found) throw new DepthDecodeError(`${what}: there is no image topic “${wanted}”; the image topics are ${images.map((i) => i.topic).join(', ') || 'none'}.`);
    return found;
  }
  return images.find((i) => i.stream.role === role) ?? null;
}

async function listImageTopics(store: MessageStore, realsense: boolean): Promise<ImageTopic[]> {
  const out: ImageTopic[] = [];
  const topics = [...store.topics.values()].filter((t) => (t.type === IMAGE_TYPE || t.type === COMPRESSED_TYPE) && t.times.length > 0);
  topics.sort((a, b) => (a.topic < b.topic ? -1 : 1));
  for (const t of topics) {
    const first = await store.read(t.topic, 0);
    const shape = imageShape(t.type, first);
    const rs = realsense ? realSenseStream(t.topic) : null;
    const role = rs ? rs.role : shape.role;
    if (!role) continue;
    let { width, height } = shape;
    if (t.type === COMPRESSED_TYPE && role === 'depth') ({ width, height } = depthFromMessage(t.type, first, t.topic));
    const fps = rs ? await streamFps(store, rs.prefix) : null;
    out.push({ topic: t.topic, type: t.type, stream: { id: t.topic, role, encoding: shape.encoding, width, height, fps, frames: t.times.length } });
  }
  return out;
}

async function streamFps(store: MessageStore, prefix: string): Promise<number | null> {
  const info = await lastMessage(store, `${prefix}/info`);
  return info && Number(info.fps) > 0 ? Number(info.fps) : null;
}

async function lastMessage(store: MessageStore, topic: string): Promise<Record<string, unknown> | null> {
  const t = store.topics.get(topic);
  return t && t.times.length ? store.read(topic, t.times.length - 1) : null;
}

async function stereoBaseline(store: MessageStore, depth: ImageTopic, realsense: boolean): Promise<{ stereoBaselineMm?: number }> {
  const rs = realsense ? realSenseStream(depth.topic) : null;
  const option = rs ? await lastMessage(store, stereoBaselineTopic(rs.sensor)) : null;
  return option && Number(option.data) > 0 ? { stereoBaselineMm: float32Decimal(Number(option.data)) } : {};
}

async function depthUnit(store: MessageStore, depth: ImageTopic, realsense: boolean): Promise<{ m: number; source: string }> {
  const rs = realsense ? realSenseStream(depth.topic) : null;
  if (rs) {
    const option = await lastMessage(store, depthUnitsTopic(rs.sensor));
    if (option && Number(option.data) > 0) return { m: float32Decimal(Number(option.data)), source: 'Depth Units option' };
  }
  const enc = depth.stream.encoding.split(';')[0].trim();
  if (enc === '32FC1') return { m: 1, source: '32FC1: metres by ROS convention' };
  if (enc === '16UC1' || enc === 'mono16' || enc === 'z16') {
    return { m: 0.001, source: rs ? `${enc} without a recorded Depth Units option: millimetres assumed` : `${enc}: millimetres by ROS convention` };
  }
  return { m: 1, source: `${enc}: the file states no unit` };
}

/** camera_info beside the image: RealSense's <stream>/info/camera_info, else the sibling camera_info topic. */
async function camera(store: MessageStore, topic: string, realsense: boolean, notes: string[]): Promise<CameraModel | null> {
  const rs = realsense ? realSenseStream(topic) : null;
  const base = topic.replace(/\/(compressedDepth|compressed)$/, '');
  const infoTopic = rs ? `${rs.prefix}/info/camera_info` : `${base.slice(0, base.lastIndexOf('/'))}/camera_info`;
  const msg = await lastMessage(store, infoTopic);
  if (!msg) return null;
  const { camera: model, note } = cameraFromInfo(msg, infoTopic);
  if (note) notes.push(note);
  return model;
}

async function extrinsics(store: MessageStore, depthTopic: string, colourTopic: string): Promise<RigidTransform | null> {
  const d = realSenseStream(depthTopic);
  const c = realSenseStream(colourTopic);
  if (!d || !c) return null;
  for (const t of store.topics.keys()) {
    if (!t.startsWith(`${d.prefix}/tf/`)) continue;
    const ref = t.slice(`${d.prefix}/tf/`.length);
    const dm = await lastMessage(store, t);
    const cm = await lastMessage(store, `${c.prefix}/tf/${ref}`);
    if (dm && cm) return depthToColour(transformMatrix(dm), transformMatrix(cm));
  }
  return null;
}
