/**
 * A recording: a sequence of depth frames on a timeline, with what came with
 * them (colour, intrinsics, poses, ground truth). RealSense and ROS bags, MCAP
 * files and dataset folders (TUM, Redwood, 7-Scenes, ScanNet, a plain folder)
 * all open as one of these.
 *
 * A recording is indexed, not loaded: opening reads the index (a bag's chunk
 * index, an MCAP summary, a folder's listing and text files) and a frame is
 * decoded only when it is asked for. Everything in RecordingSummary is plain,
 * structured-clonable data: it travels from the recording worker to the main
 * thread and sits in the store.
 *
 * Conventions: times in seconds; poses camera-to-world as a row-major 4x4
 * rigid transform in the camera axes of OpenCV (x right, y down, z forward),
 * which TUM, Redwood, 7-Scenes and ScanNet already use.
 */
import type { ColourImage } from './colour-image';
import type { RawDepthImage } from './depth-image';
import type { PinholeIntrinsics } from './filters/depth-field';

/** Random access to one file's bytes: a File slice, or HTTP range requests. */
export interface ByteSource {
  readonly name: string;
  readonly size: number;
  /** Exactly `length` bytes from `offset` (fewer only at the end of the file). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A dropped or picked folder, or an unpacked archive: files by relative path ("seq-01/frame-000000.depth.png"). */
export interface FileTree {
  readonly name: string;
  readonly files: ReadonlyMap<string, ByteSource>;
}

export type RecordingKind = 'realsense-bag' | 'rosbag' | 'mcap' | 'tum' | 'redwood' | '7scenes' | 'scannet' | 'kitti-depth' | 'folder';

/** What each kind is called in the UI. */
export const RECORDING_KIND_NAMES: Readonly<Record<RecordingKind, string>> = {
  'realsense-bag': 'RealSense recording (.bag)',
  rosbag: 'ROS 1 bag',
  mcap: 'MCAP (ROS 2)',
  tum: 'TUM RGB-D',
  redwood: 'Redwood / Open3D',
  '7scenes': '7-Scenes',
  scannet: 'ScanNet',
  'kitti-depth': 'KITTI depth completion',
  folder: 'Folder of depth files',
};

/**
 * Lens distortion. `brown-conrady` is OpenCV's and ROS's plumb_bob (k1, k2, p1,
 * p2, k3), mapping undistorted normalised coordinates to distorted ones;
 * `inverse-brown-conrady` is librealsense's model of the same name (the
 * polynomial maps distorted to undistorted), which RealSense colour and D400
 * depth streams record.
 */
export type DistortionModel = 'none' | 'brown-conrady' | 'inverse-brown-conrady';

export interface CameraModel extends PinholeIntrinsics {
  /** The resolution the intrinsics belong to. */
  readonly width: number;
  readonly height: number;
  readonly distortion: DistortionModel;
  /** k1, k2, p1, p2, k3 (zeros when `none`). */
  readonly coeffs: readonly number[];
  /** Where they came from, shown in the UI: "camera_info on /camera/depth/camera_info", "camera_intrinsic.json". */
  readonly source: string;
}

/** Row-major 4x4 rigid transform (16 numbers). */
export type RigidTransform = readonly number[];

export interface RecordingFrame {
  /** Seconds since the first depth frame. */
  readonly timeS: number;
  /** The stamp as recorded (seconds: ROS time, a TUM timestamp; the index for folders without times). */
  readonly stamp: number;
  /** Camera-to-world, when the source has a pose for this frame (nearest within the source's tolerance). */
  readonly pose: RigidTransform | null;
  /** Whether a colour frame is paired with this depth frame. */
  readonly hasColour: boolean;
}

export interface RecordingStream {
  /** The topic, or the folder the frames come from. */
  readonly id: string;
  readonly role: 'depth' | 'colour' | 'infrared';
  /** As recorded: "16UC1", "mono16", "rgb8", "png", "jpeg"... */
  readonly encoding: string;
  readonly width: number;
  readonly height: number;
  /** Recorded frame rate, when the source states one. */
  readonly fps: number | null;
  readonly frames: number;
}

export interface RecordingSummary {
  readonly kind: RecordingKind;
  /** The file's or folder's name. */
  readonly name: string;
  /** One entry per depth frame of the chosen depth stream, in time order. */
  readonly frames: readonly RecordingFrame[];
  /** Metres per stored depth unit (0.001 for mm, 0.0002 for TUM, 1 for float metres). */
  readonly depthUnitM: number;
  /** Where the unit comes from ("Depth Units option", "TUM: 5000 per metre", "16UC1: millimetres by ROS convention"). */
  readonly depthUnitSource: string;
  readonly depthCamera: CameraModel | null;
  readonly colourCamera: CameraModel | null;
  /**
   * The stereo baseline in mm when the recording states it (a RealSense D400's
   * "Stereo Baseline" option): the filter chain's disparity is then in
   * librealsense's 1/32-px units, as the Viewer computes it on that recording.
   */
  readonly stereoBaselineMm?: number;
  /** Depth camera to colour camera, when recorded (RealSense tf extrinsics). */
  readonly depthToColour: RigidTransform | null;
  /** Every image stream found; the chosen ones are depthStream and colourStream. */
  readonly streams: readonly RecordingStream[];
  readonly depthStream: string;
  readonly colourStream: string | null;
  /** Whether readReference gives ground-truth depth (datasets shipping it). */
  readonly hasReference: boolean;
  /** Metres per stored unit of the ground truth, and where that comes from (when hasReference). */
  readonly referenceUnitM?: number;
  readonly referenceUnitSource?: string;
  /** Things the user should know about how it was read ("re-indexed: the bag had no index"). */
  readonly notes: readonly string[];
}

export interface Recording {
  readonly summary: RecordingSummary;
  /** Depth frame `index`, raw samples exactly as stored (depthUnitM gives metres). */
  readDepth(index: number): Promise<RawDepthImage>;
  /** The colour frame paired with depth frame `index` (nearest stamp), or null. */
  readColour(index: number): Promise<ColourImage | null>;
  /** Ground-truth depth for frame `index`, when summary.hasReference. */
  readReference(index: number): Promise<RawDepthImage | null>;
}

/** Choices made when opening: which of several topics, reported progress. */
export interface OpenRecordingOptions {
  depthStream?: string;
  colourStream?: string;
  /** Called during long work (re-indexing, listing); fraction in [0, 1] or null when unknown. */
  onProgress?: (stage: string, fraction: number | null) => void;
}

/** The index of the frame nearest in time to `timeS` (frames sorted by time). */
export function frameAtTime(frames: readonly RecordingFrame[], timeS: number): number {
  let lo = 0;
  let hi = frames.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (frames[mid].timeS < timeS) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && timeS - frames[lo - 1].timeS <= frames[lo].timeS - timeS) return lo - 1;
  return lo;
}

/**
 * For each stamp of `targets`, the index of the nearest stamp in `candidates`
 * within `maxDiff`, or -1 (both sorted ascending). One sweep, as TUM's
 * associate.py pairs colour with depth (0.02 s by default).
 */
export function nearestStamps(targets: readonly number[], candidates: readonly number[], maxDiff: number): number[] {
  const out = new Array<number>(targets.length).fill(-1);
  let j = 0;
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i];
    while (j + 1 < candidates.length && Math.abs(candidates[j + 1] - t) <= Math.abs(candidates[j] - t)) j++;
    if (j < candidates.length && Math.abs(candidates[j] - t) <= maxDiff) out[i] = j;
  }
  return out;
}
