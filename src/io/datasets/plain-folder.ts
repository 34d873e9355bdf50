/**
 * A plain folder of depth files: every file whose bytes are a depth format (a
 * 16-bit or 8-bit gray PNG, TIFF, PGM, PFM, NPY, EXR), in numeric name order, with
 * the colour picture of the same name paired to it ("0007.png" with "0007.jpg",
 * "frame_7_depth.png" with "frame_7_rgb.png"). Files are told apart by their
 * first bytes, never by their names: an 8-bit RGB PNG is colour, never depth.
 */
import { DepthDecodeError, isFloatSample } from '../../core/depth-image';
import { decodeDepth } from '../decode-depth';
import type { FileTree } from '../../core/recording';
import { isColourPicture, sniffFormat } from '../sniff-format';
import type { DatasetLayout } from './dataset-recording';
import { readHeadOf, readTreeFile } from './dataset-recording';
import { baseName, compareNames, dirName, stemOf } from './dataset-tree';

/** Enough for every magic number and a PNG's IHDR. */
const HEAD_BYTES = 32;

const DEPTH_FORMATS = new Set(['png', 'tiff', 'pgm', 'pfm', 'npy', 'exr']);

/** The name a depth file and its colour share: the stem without words that say which it is. */
export function pairingName(path: string): string {
  const stem = stemOf(path)
    .toLowerCase()
    .replace(/(^|[-_. ])(depth|depths|colou?r|rgb|image|img|gt)(?=$|[-_. ])/g, '$1')
    .replace(/[-_. ]+$/, '')
    .replace(/^[-_. ]+/, '');
  return `${dirName(path).replace(/(^|\/)(depth|colou?r|rgb|image)s?$/i, '$1')}/${stem}`;
}

export async function readPlainFolder(tree: FileTree): Promise<{ layout: DatasetLayout | null; colourOnly: number }> {
  const depth: string[] = [];
  const colour = new Map<string, string>();
  for (const path of [...tree.files.keys()].sort(compareNames)) {
    if (baseName(path).startsWith('.')) continue;
    const head = await readHeadOf(tree, path, HEAD_BYTES);
    if (isColourPicture(head)) {
      if (!colour.has(pairingName(path))) colour.set(pairingName(path), path);
    } else if (DEPTH_FORMATS.has(sniffFormat(head))) {
      depth.push(path);
    }
  }
  if (depth.length === 0) return { layout: null, colourOnly: colour.size };
  if (depth.length > MAX_FOLDER_FRAMES) throw new DepthDecodeError(`“${tree.name}” holds ${depth.length} depth files; at most ${MAX_FOLDER_FRAMES} open as one recording.`);
  return {
    layout: {
      kind: 'folder',
      frames: depth.map((p, i) => ({ stamp: i, depthPath: p, colourPath: colour.get(pairingName(p)) ?? null, pose: null })),
      framesPerSecond: 1,
      // Replaced by openDataset from the first frame's sample type.
      depthUnitM: 0.001,
      depthUnitSource: '',
      depthCamera: null,
      colourCamera: null,
      depthStream: tree.name,
      colourStream: `${tree.name} (colour)`,
      otherDepthStreams: [],
      notes: [],
    },
    colourOnly: 0,
  };
}

/** A million frames: an hour at 30 Hz ten times over; the summary stays ~100 MB at most. */
export const MAX_FOLDER_FRAMES = 1_000_000;

/**
 * The unit of a folder that states none, from its first depth file: float samples
 * are metres by convention, integers taken as millimetres.
 */
export async function folderUnit(tree: FileTree, firstPath: string): Promise<{ unitM: number; unitSource: string }> {
  const float = isFloatSample(decodeDepth(await readTreeFile(tree, firstPath)).sampleType);
  return float
    ? { unitM: 1, unitSource: 'float samples: metres' }
    : { unitM: 0.001, unitSource: 'integer samples: millimetres assumed (the folder states no unit)' };
}
