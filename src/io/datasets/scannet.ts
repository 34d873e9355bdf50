/**
 * ScanNet exports (the SensReader's output): color/N.jpg, depth/N.png (16-bit,
 * millimetres), pose/N.txt (4x4 camera-to-world; -inf where tracking was lost),
 * intrinsic/intrinsic_depth.txt and intrinsic_color.txt (4x4, fx fy cx cy in
 * the upper-left 3x3).
 */
import { DepthDecodeError } from '../../core/depth-image';
import type { CameraModel, FileTree } from '../../core/recording';
import type { DatasetLayout } from './dataset-recording';
import { pinholeCamera, readHeadOf, readTreeFile } from './dataset-recording';
import { decodeText, isRigidPose, parseMatrix4, pinholeFromMatrix4 } from './dataset-text';
import { DEPTH_IMAGE_EXTENSIONS, filesIn, hasDir, stemOf } from './dataset-tree';
import { probeImageSize } from './image-size';
import { decodeDepth } from '../decode-depth';

export function isScanNet(tree: FileTree): boolean {
  return hasDir(tree, 'depth') && (hasDir(tree, 'pose') || hasDir(tree, 'intrinsic'));
}

async function intrinsicCamera(tree: FileTree, file: string, imagePath: string | null, isDepth: boolean): Promise<CameraModel | null> {
  if (!tree.files.has(file) || imagePath === null) return null;
  const m = parseMatrix4(decodeText(await readTreeFile(tree, file), file), file);
  // The matrix has no size: it belongs to the images it sits beside.
  let size: { width: number; height: number } | null;
  if (isDepth) {
    const image = decodeDepth(await readTreeFile(tree, imagePath));
    size = { width: image.width, height: image.height };
  } else {
    size = probeImageSize(await readHeadOf(tree, imagePath));
  }
  if (!size) return null;
  return pinholeCamera(pinholeFromMatrix4(m, size.width, size.height, file), file);
}

export async function readScanNet(tree: FileTree): Promise<DatasetLayout> {
  const depthPaths = filesIn(tree, 'depth').filter((p) => DEPTH_IMAGE_EXTENSIONS.test(p));
  if (depthPaths.length === 0) throw new DepthDecodeError(`“${tree.name}”: depth/ holds no depth images.`);
  const colourByStem = new Map(filesIn(tree, 'color').map((p) => [stemOf(p), p]));
  const frames = [];
  let lost = 0;
  for (const depthPath of depthPaths) {
    const stem = stemOf(depthPath);
    const posePath = `pose/${stem}.txt`;
    let pose = null;
    if (tree.files.has(posePath)) {
      const m = parseMatrix4(decodeText(await readTreeFile(tree, posePath), posePath), posePath);
      if (isRigidPose(m)) pose = m;
      else lost++;
    }
    const n = Number(stem);
    frames.push({ stamp: Number.isFinite(n) ? n : frames.length, depthPath, colourPath: colourByStem.get(stem) ?? null, pose });
  }
  const notes: string[] = [];
  if (lost > 0) notes.push(`${lost} poses are invalid (-inf: tracking was lost) and are left out.`);
  const firstColour = frames.find((f) => f.colourPath)?.colourPath ?? null;
  return {
    kind: 'scannet',
    frames,
    framesPerSecond: 30,
    depthUnitM: 0.001,
    depthUnitSource: 'ScanNet: millimetres',
    depthCamera: await intrinsicCamera(tree, 'intrinsic/intrinsic_depth.txt', depthPaths[0], true),
    colourCamera: await intrinsicCamera(tree, 'intrinsic/intrinsic_color.txt', firstColour, false),
    depthStream: 'depth',
    colourStream: 'color',
    otherDepthStreams: [],
    notes,
  };
}
