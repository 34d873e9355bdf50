/**
 * Redwood / Open3D reconstruction layout: depth/ (16-bit PNG, millimetres: Open3D's
 * depth_scale 1000), color/ or image/, a .log trajectory (camera-to-world per
 * frame) and camera_intrinsic.json (Open3D's PinholeCameraIntrinsic).
 */
import { DepthDecodeError } from '../../core/depth-image';
import type { FileTree, RigidTransform } from '../../core/recording';
import type { DatasetLayout } from './dataset-recording';
import { pinholeCamera, readTreeFile } from './dataset-recording';
import { decodeText, parseOpen3dIntrinsic, parseTrajectoryLog } from './dataset-text';
import { COLOUR_IMAGE_EXTENSIONS, DEPTH_IMAGE_EXTENSIONS, filesIn, hasDir, stemOf } from './dataset-tree';

function colourDir(tree: FileTree): string | null {
  return hasDir(tree, 'color') ? 'color' : hasDir(tree, 'image') ? 'image' : null;
}

export function isRedwood(tree: FileTree): boolean {
  return hasDir(tree, 'depth') && colourDir(tree) !== null;
}

/** The trajectory: a .log at the top, one named for a trajectory first. */
function trajectoryFile(tree: FileTree): string | null {
  const logs = filesIn(tree, '').filter((p) => p.toLowerCase().endsWith('.log'));
  return logs.find((p) => /traj/i.test(p)) ?? logs[0] ?? null;
}

export async function readRedwood(tree: FileTree): Promise<DatasetLayout> {
  const colour = colourDir(tree)!;
  const depthPaths = filesIn(tree, 'depth').filter((p) => DEPTH_IMAGE_EXTENSIONS.test(p));
  if (depthPaths.length === 0) throw new DepthDecodeError(`“${tree.name}”: depth/ holds no depth images.`);
  const colourByStem = new Map(filesIn(tree, colour).filter((p) => COLOUR_IMAGE_EXTENSIONS.test(p)).map((p) => [stemOf(p), p]));
  const notes: string[] = [];
  let poses: (RigidTransform | null)[] = depthPaths.map(() => null);
  const log = trajectoryFile(tree);
  if (log) {
    const entries = parseTrajectoryLog(decodeText(await readTreeFile(tree, log), log), log);
    const outside = entries.find((e) => e.frame >= depthPaths.length);
    if (outside) throw new DepthDecodeError(`“${log}” has a pose for frame ${outside.frame}, but depth/ holds ${depthPaths.length} frames.`);
    poses = depthPaths.map(() => null);
    for (const e of entries) poses[e.frame] = e.pose;
    notes.push(`Poses from ${log} (frame by the first id of each entry).`);
  }
  const intrinsicFile = filesIn(tree, '').find((p) => /intrinsic.*\.json$/i.test(p)) ?? null;
  const camera = intrinsicFile
    ? pinholeCamera(parseOpen3dIntrinsic(decodeText(await readTreeFile(tree, intrinsicFile), intrinsicFile), intrinsicFile), intrinsicFile)
    : null;
  return {
    kind: 'redwood',
    frames: depthPaths.map((p, i) => ({ stamp: i, depthPath: p, colourPath: colourByStem.get(stemOf(p)) ?? null, pose: poses[i] })),
    framesPerSecond: 30,
    depthUnitM: 0.001,
    depthUnitSource: 'Redwood / Open3D: millimetres (depth_scale 1000)',
    depthCamera: camera,
    colourCamera: camera,
    depthStream: 'depth',
    colourStream: colour,
    otherDepthStreams: [],
    notes,
  };
}
