/**
 * Microsoft 7-Scenes: seq-XX/frame-NNNNNN.depth.png (16-bit, millimetres, 65535
 * where the sensor gave nothing), .color.png, .pose.txt (4x4 camera-to-world).
 * Each sequence is a depth stream; the first is opened unless one is chosen.
 */
import { SEVEN_SCENES_DEPTH_CAMERA } from './published-cameras';
import { DepthDecodeError } from '../../core/depth-image';
import type { FileTree } from '../../core/recording';
import type { DatasetLayout, OpenDatasetOptions } from './dataset-recording';
import { readTreeFile } from './dataset-recording';
import { decodeText, isRigidPose, parseMatrix4 } from './dataset-text';
import { compareNames } from './dataset-tree';

const DEPTH_FRAME = /^(?:(.*)\/)?(seq-\d+)\/frame-(\d+)\.depth\.png$/;

function sequences(tree: FileTree): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const path of tree.files.keys()) {
    const m = DEPTH_FRAME.exec(path);
    if (!m) continue;
    const seq = path.slice(0, path.lastIndexOf('/'));
    out.set(seq, [...(out.get(seq) ?? []), path]);
  }
  return new Map([...out].sort(([a], [b]) => compareNames(a, b)).map(([seq, paths]) => [seq, paths.sort(compareNames)]));
}

export function isSevenScenes(tree: FileTree): boolean {
  return [...tree.files.keys()].some((p) => DEPTH_FRAME.test(p));
}

export async function readSevenScenes(tree: FileTree, options: OpenDatasetOptions): Promise<DatasetLayout> {
  const seqs = sequences(tree);
  const chosen = options.depthStream ?? [...seqs.keys()][0];
  const depthPaths = seqs.get(chosen);
  if (!depthPaths) throw new DepthDecodeError(`“${tree.name}” has no sequence “${chosen}”; it has ${[...seqs.keys()].join(', ')}.`);
  const frames = [];
  let withoutPose = 0;
  for (const depthPath of depthPaths) {
    const base = depthPath.slice(0, -'.depth.png'.length);
    const posePath = `${base}.pose.txt`;
    let pose = null;
    if (tree.files.has(posePath)) {
      const m = parseMatrix4(decodeText(await readTreeFile(tree, posePath), posePath), posePath);
      if (isRigidPose(m)) pose = m;
    }
    if (!pose) withoutPose++;
    const colourPath = `${base}.color.png`;
    frames.push({
      stamp: Number(DEPTH_FRAME.exec(depthPath)![3]),
      depthPath,
      colourPath: tree.files.has(colourPath) ? colourPath : null,
      pose,
    });
  }
  const notes = ['65535 marks pixels without a measurement.'];
  if (withoutPose > 0) notes.push(`${withoutPose} frames have no usable pose file.`);
  return {
    kind: '7scenes',
    frames,
    framesPerSecond: 30,
    depthUnitM: 0.001,
    depthUnitSource: '7-Scenes: millimetres',
    depthCamera: SEVEN_SCENES_DEPTH_CAMERA,
    colourCamera: null,
    depthStream: chosen,
    colourStream: `${chosen} (colour)`,
    otherDepthStreams: [...seqs].filter(([seq]) => seq !== chosen).map(([id, paths]) => ({ id, frames: paths.length })),
    notes,
  };
}
