/**
 * Opens a dropped folder or unpacked archive as a Recording, recognising its
 * layout from its files: TUM RGB-D (rgb.txt + depth.txt), 7-Scenes
 * (seq-XX/frame-N.depth.png), ScanNet (depth/ with pose/ or intrinsic/), Redwood /
 * Open3D (depth/ with color/ or image/), KITTI depth completion (velodyne_raw/ with
 * groundtruth/), predictions with their ground truth ({id}_pred ↔ {id}_gt, or
 * pred/ ↔ gt/), else a plain folder of depth files. In a
 * recognised layout only the layout's depth files are depth: colour never is.
 */
import { DepthDecodeError } from '../../core/depth-image';
import type { FileTree, Recording } from '../../core/recording';
import type { DatasetLayout, OpenDatasetOptions } from './dataset-recording';
import { buildDatasetRecording } from './dataset-recording';
import { rootedTree, withoutDebris } from './dataset-tree';
import { readGroundTruthPairs } from './ground-truth-pairs';
import { isKittiDepth, readKittiDepth } from './kitti-depth';
import { folderUnit, readPlainFolder } from './plain-folder';
import { isRedwood, readRedwood } from './redwood';
import { isScanNet, readScanNet } from './scannet';
import { isSevenScenes, readSevenScenes } from './seven-scenes';
import { isTum, readTum } from './tum';

export type { ColourDecoder, OpenDatasetOptions } from './dataset-recording';

const RECOGNISED =
  'TUM RGB-D (rgb.txt, depth.txt), Redwood / Open3D (depth/, color/), 7-Scenes (seq-XX/frame-N.depth.png), ScanNet (depth/, pose/, intrinsic/), KITTI depth completion (proj_depth/velodyne_raw/, groundtruth/), predictions with ground truth ({id}_pred.png with {id}_gt.png, or pred/ with gt/) or a folder of depth files (PNG, TIFF, PGM, PFM, NPY, EXR)';

async function readLayout(tree: FileTree, options: OpenDatasetOptions): Promise<DatasetLayout> {
  if (isTum(tree)) return readTum(tree);
  if (isSevenScenes(tree)) return readSevenScenes(tree, options);
  if (isScanNet(tree)) return readScanNet(tree);
  if (isRedwood(tree)) return readRedwood(tree);
  const pairs = await readGroundTruthPairs(tree);
  if (pairs) return pairs;
  const { layout, colourOnly } = await readPlainFolder(tree);
  if (layout) {
    const { unitM, unitSource } = await folderUnit(tree, layout.frames[0].depthPath);
    return { ...layout, depthUnitM: unitM, depthUnitSource: unitSource };
  }
  const found = colourOnly > 0 ? `only colour pictures (${colourOnly})` : 'no depth files';
  throw new DepthDecodeError(`“${tree.name}” is not a dataset Depthscope recognises: it holds ${found}. Recognised: ${RECOGNISED}.`);
}

export async function openDataset(tree: FileTree, options: OpenDatasetOptions = {}): Promise<Recording> {
  const rooted = rootedTree(tree);
  if (rooted.files.size === 0) throw new DepthDecodeError(`“${tree.name}” is empty.`);
  options.onProgress?.('Reading the dataset’s index', null);
  // KITTI is told by its folder names, which re-rooting strips from a drive holding velodyne_raw/ alone.
  const clean = withoutDebris(tree);
  if (isKittiDepth(clean)) return buildDatasetRecording(clean, await readKittiDepth(clean, options), options);
  const layout = await readLayout(rooted, options);
  return buildDatasetRecording(rooted, layout, options);
}
