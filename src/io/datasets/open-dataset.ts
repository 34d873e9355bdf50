/**
 * Opens a dropped folder or unpacked archive as a Recording, recognising its
 * layout from its files: TUM RGB-D (rgb.txt + depth.txt), 7-Scenes
 * (seq-XX/frame-N.depth.png), ScanNet (depth/ with pose/ or intrinsic/), Redwood /
 * Open3D (depth/ with color/ or image/), else a plain folder of depth files. In a
 * recognised layout only the layout's depth files are depth: colour never is.
 */
import { DepthDecodeError, isFloatSample } from '../../core/depth-image';
import type { FileTree, Recording } from '../../core/recording';
import { decodeDepth } from '../decode-depth';
import type { DatasetLayout, OpenDatasetOptions } from './dataset-recording';
import { buildDatasetRecording, readTreeFile } from './dataset-recording';
import { rootedTree } from './dataset-tree';
import { readPlainFolder } from './plain-folder';
import { isRedwood, readRedwood } from './redwood';
import { isScanNet, readScanNet } from './scannet';
import { isSevenScenes, readSevenScenes } from './seven-scenes';
import { isTum, readTum } from './tum';

export type { ColourDecoder, OpenDatasetOptions } from './dataset-recording';

const RECOGNISED =
  'TUM RGB-D (rgb.txt, depth.txt), Redwood / Open3D (depth/, color/), 7-Scenes (seq-XX/frame-N.depth.png), ScanNet (depth/, pose/, intrinsic/) or a folder of depth files (PNG, TIFF, PGM, PFM, NPY, EXR)';

async function readLayout(tree: FileTree, options: OpenDatasetOptions): Promise<DatasetLayout> {
  if (isTum(tree)) return readTum(tree);
  if (isSevenScenes(tree)) return readSevenScenes(tree, options);
  if (isScanNet(tree)) return readScanNet(tree);
  if (isRedwood(tree)) return readRedwood(tree);
  const { layout, colourOnly } = await readPlainFolder(tree);
  if (layout) {
    // A plain folder states no unit: float samples are metres by convention, integers taken as millimetres.
    const first = decodeDepth(await readTreeFile(tree, layout.frames[0].depthPath));
    const float = isFloatSample(first.sampleType);
    return {
      ...layout,
      depthUnitM: float ? 1 : 0.001,
      depthUnitSource: float ? 'float samples: metres' : 'integer samples: millimetres assumed (the folder states no unit)',
    };
  }
  const found = colourOnly > 0 ? `only colour pictures (${colourOnly})` : 'no depth files';
  throw new DepthDecodeError(`“${tree.name}” is not a dataset Depthscope recognises: it holds ${found}. Recognised: ${RECOGNISED}.`);
}

export async function openDataset(tree: FileTree, options: OpenDatasetOptions = {}): Promise<Recording> {
  const rooted = rootedTree(tree);
  if (rooted.files.size === 0) throw new DepthDecodeError(`“${tree.name}” is empty.`);
  options.onProgress?.('Reading the dataset’s index', null);
  const layout = await readLayout(rooted, options);
  return buildDatasetRecording(rooted, layout, options);
}
