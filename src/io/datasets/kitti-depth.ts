/**
 * KITTI depth completion (data_depth_velodyne + data_depth_annotated):
 * <drive>/proj_depth/velodyne_raw/image_0X/NNNNNNNNNN.png (the projected
 * LiDAR scan, sparse) and <drive>/proj_depth/groundtruth/image_0X/ (the dense
 * annotated depth). The sparse scans are the frames; each one's ground truth,
 * paired by core/file-pairing.ts (same relative path below image_0X/), is its
 * reference. Each drive's camera (image_02 left, image_03 right) is a depth
 * stream; the first is opened unless one is chosen.
 *
 * Units, from the devkit's readme.txt (depth completion / prediction benchmark
 * 2017): "Depth maps (annotated and raw Velodyne scans) are saved as uint16 PNG
 * images. A 0 value indicates an invalid pixel ... the depth for a pixel can be
 * computed in meters by converting the uint16 value to float and dividing it by
 * 256.0". The groundtruth starts at frame 5 (it accumulates 11 scans), so the
 * first and last 5 scans of a drive have none: with ground truth present, only
 * paired scans are frames (the rest counted in a note).
 */
import { DepthDecodeError } from '../../core/depth-image';
import { pairFiles } from '../../core/file-pairing';
import type { FileTree } from '../../core/recording';
import type { DatasetLayout, OpenDatasetOptions } from './dataset-recording';
import { commonFolder, compareNames, pairingFile, stemOf } from './dataset-tree';

const SCAN = /^(?:(.*)\/)?(velodyne_raw|groundtruth)\/(image_0\d)\/[^/]+\.png$/;

/** KITTI's stored unit: 1/256 m (devkit readme.txt, above). */
export const KITTI_UNIT_M = 1 / 256;
const UNIT_SOURCE = 'KITTI: value / 256 m, 0 = no depth (devkit readme.txt)';

interface Stream {
  sparse: string[];
  dense: string[];
}

/** A scan's drive and camera ("2011_09_26_drive_0001_sync/image_02"; "/image_02" when the tree is inside the drive). */
const driveCamera = (m: RegExpExecArray) => `${(m[1] ?? '').replace(/\/?proj_depth$/, '')}/${m[3]}`;

/** Streams by id ("2011_09_26_drive_0001_sync/image_02"; the folders all streams share left out, so one drive's are "image_02", "image_03"). */
function streams(tree: FileTree): Map<string, Stream> {
  const out = new Map<string, Stream>();
  const scans = [...tree.files.keys()].flatMap((path) => {
    const m = SCAN.exec(path);
    return m ? [{ path, m }] : [];
  });
  const shared = commonFolder(scans.map(({ m }) => driveCamera(m))).length;
  for (const { path, m } of scans) {
    const id = driveCamera(m).slice(shared);
    const s = out.get(id) ?? { sparse: [], dense: [] };
    (m[2] === 'velodyne_raw' ? s.sparse : s.dense).push(path);
    out.set(id, s);
  }
  return new Map([...out].filter(([, s]) => s.sparse.length > 0).sort(([a], [b]) => compareNames(a, b)));
}

export function isKittiDepth(tree: FileTree): boolean {
  return [...tree.files.keys()].some((p) => SCAN.exec(p)?.[2] === 'velodyne_raw');
}

export async function readKittiDepth(tree: FileTree, options: OpenDatasetOptions): Promise<DatasetLayout> {
  const all = streams(tree);
  const chosen = options.depthStream ?? [...all.keys()][0];
  const stream = all.get(chosen);
  if (!stream) throw new DepthDecodeError(`“${tree.name}” has no KITTI stream “${chosen}”; it has ${[...all.keys()].join(', ')}.`);
  const { pairs, unpairedPredictions } = pairFiles(stream.sparse.map(pairingFile), stream.dense.map(pairingFile), { kind: 'relative-path' });
  const notes: string[] = ['No camera calibration in the depth-completion folders: the intrinsics are the default.'];
  const frames =
    pairs.length > 0
      ? pairs.map((p) => ({ depthPath: p.prediction.webkitRelativePath, referencePath: p.reference.webkitRelativePath }))
      : [...stream.sparse].sort(compareNames).map((depthPath) => ({ depthPath, referencePath: null }));
  if (pairs.length > 0 && unpairedPredictions.length > 0) notes.push(`${unpairedPredictions.length} scans without ground truth are left out (KITTI's starts 5 frames in).`);
  if (pairs.length === 0) notes.push('No groundtruth/ beside velodyne_raw/: the scans open without a reference.');
  const unit = { unitM: KITTI_UNIT_M, unitSource: UNIT_SOURCE };
  return {
    kind: 'kitti-depth',
    // KITTI names scans by their frame number; another name keeps the frame's place.
    frames: frames.map((f, i) => ({ ...f, stamp: /^\d+$/.test(stemOf(f.depthPath)) ? Number(stemOf(f.depthPath)) : i, colourPath: null, pose: null })),
    // The raw recordings' scan rate.
    framesPerSecond: 10,
    depthUnitM: unit.unitM,
    depthUnitSource: unit.unitSource,
    depthCamera: null,
    colourCamera: null,
    depthStream: chosen,
    colourStream: null,
    otherDepthStreams: [...all].filter(([id]) => id !== chosen).map(([id, s]) => ({ id, frames: s.sparse.length })),
    notes,
    ...(pairs.length > 0 ? { reference: unit } : {}),
  };
}
