/**
 * TUM RGB-D (Sturm et al. 2012): rgb.txt and depth.txt list `timestamp filename`,
 * groundtruth.txt `timestamp tx ty tz qx qy qz qw` (camera-to-world); depth is
 * 16-bit PNG at 5000 units per metre. Colour pairs with depth as associate.py
 * pairs them, poses by the nearest ground-truth stamp within the same 20 ms.
 */
import { nearestStamps, type FileTree } from '../../core/recording';
import type { DatasetLayout } from './dataset-recording';
import { readTreeFile, requireFiles } from './dataset-recording';
import { decodeText, parseStampList, parseTumTrajectory } from './dataset-text';
import { associateStamps, TUM_MAX_DIFFERENCE_S } from './tum-associate';
import { tumCamera } from './published-cameras';

export function isTum(tree: FileTree): boolean {
  return tree.files.has('depth.txt') && tree.files.has('rgb.txt');
}

export async function readTum(tree: FileTree): Promise<DatasetLayout> {
  const depth = parseStampList(decodeText(await readTreeFile(tree, 'depth.txt'), 'depth.txt'), 'depth.txt');
  const rgb = parseStampList(decodeText(await readTreeFile(tree, 'rgb.txt'), 'rgb.txt'), 'rgb.txt');
  requireFiles(tree, depth.map((d) => d.path), 'depth.txt');
  requireFiles(tree, rgb.map((d) => d.path), 'rgb.txt');
  const notes = [`Colour paired with depth as TUM's associate.py does (one to one, within ${TUM_MAX_DIFFERENCE_S} s).`];
  const depthStamps = depth.map((d) => d.stamp);
  const colourOf = associateStamps(depthStamps, rgb.map((c) => c.stamp));
  let poseOf: number[] = depth.map(() => -1);
  let poses: { pose: readonly number[] }[] = [];
  if (tree.files.has('groundtruth.txt')) {
    const trajectory = parseTumTrajectory(decodeText(await readTreeFile(tree, 'groundtruth.txt'), 'groundtruth.txt'), 'groundtruth.txt');
    poses = trajectory;
    poseOf = nearestStamps(depthStamps, trajectory.map((p) => p.stamp), TUM_MAX_DIFFERENCE_S);
    notes.push(`Poses from groundtruth.txt: the nearest stamp within ${TUM_MAX_DIFFERENCE_S} s.`);
  }
  // Depth is registered to colour (TUM's page): one camera for both, when the sequence's name says which Kinect.
  const camera = tumCamera(tree.name);
  if (!camera) notes.push('The name does not say which Kinect (freiburg1, 2 or 3) recorded it: default intrinsics.');
  return {
    kind: 'tum',
    frames: depth.map((d, i) => ({
      stamp: d.stamp,
      depthPath: d.path,
      colourPath: colourOf[i] < 0 ? null : rgb[colourOf[i]].path,
      pose: poseOf[i] < 0 ? null : poses[poseOf[i]].pose,
    })),
    framesPerSecond: null,
    depthUnitM: 1 / 5000,
    depthUnitSource: 'TUM: 5000 per metre',
    depthCamera: camera,
    colourCamera: camera,
    depthStream: 'depth.txt',
    colourStream: 'rgb.txt',
    otherDepthStreams: [],
    notes,
  };
}
