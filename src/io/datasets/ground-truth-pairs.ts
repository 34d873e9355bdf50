/**
 * A results folder of a monocular-depth or depth-completion model: predictions
 * with their ground truth, paired by core/file-pairing.ts (the batch
 * evaluation's rules), either by a pattern in one folder ("0001_pred.png" with
 * "0001_gt.png") or by the same relative path in two sibling folders
 * ("pred/a/0001.npy" with "gt/a/0001.png"). The predictions are the frames; each
 * frame's ground truth is its reference. Neither side states a unit, so each gets
 * the plain folder's rule from its own first file (float metres, integer mm).
 */
import { DepthDecodeError } from '../../core/depth-image';
import { pairFiles, type PairingRule } from '../../core/file-pairing';
import type { FileTree } from '../../core/recording';
import type { DatasetLayout } from './dataset-recording';
import { baseName, compareNames, DEPTH_IMAGE_EXTENSIONS, pairingFile } from './dataset-tree';
import { folderUnit } from './plain-folder';

const PRED_DIR = /^(pred|preds|prediction|predictions)$/i;
const GT_DIR = /^(gt|groundtruth|ground_truth|ground-truth)$/i;
const PRED_FILE = /_pred\.([A-Za-z0-9]+)$/;
const GT_FILE = /_gt\.([A-Za-z0-9]+)$/;

type TreeFile = ReturnType<typeof pairingFile>;

function depthFiles(tree: FileTree, keep: (path: string) => boolean): TreeFile[] {
  return [...tree.files.keys()]
    .filter((p) => DEPTH_IMAGE_EXTENSIONS.test(p) && !baseName(p).startsWith('.') && keep(p))
    .sort(compareNames)
    .map(pairingFile);
}

/** The two sides and the rule that pairs them, or null when the folder is neither kind. */
function sides(tree: FileTree): { predictions: TreeFile[]; references: TreeFile[]; rule: PairingRule; label: string } | null {
  const top = new Set([...tree.files.keys()].filter((p) => p.includes('/')).map((p) => p.slice(0, p.indexOf('/'))));
  const predDir = [...top].find((d) => PRED_DIR.test(d));
  const gtDir = [...top].find((d) => GT_DIR.test(d));
  if (predDir && gtDir) {
    const under = (dir: string) => (p: string) => p.startsWith(`${dir}/`);
    return { predictions: depthFiles(tree, under(predDir)), references: depthFiles(tree, under(gtDir)), rule: { kind: 'relative-path' }, label: `${predDir}/ ↔ ${gtDir}/ (same relative path)` };
  }
  const predictions = depthFiles(tree, (p) => PRED_FILE.test(p));
  const references = depthFiles(tree, (p) => GT_FILE.test(p));
  if (predictions.length === 0 || references.length === 0) return null;
  // The extensions the folder uses (a model's .npy beside .png ground truth is common).
  const rule: PairingRule = {
    kind: 'pattern',
    prediction: `{id}_pred.${PRED_FILE.exec(predictions[0].name)![1]}`,
    reference: `{id}_gt.${GT_FILE.exec(references[0].name)![1]}`,
  };
  return { predictions, references, rule, label: `${rule.prediction} ↔ ${rule.reference}` };
}

const listed = (paths: string[]) => `${paths.length} (${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ', …' : ''})`;

/** The layout, or null when the folder holds no predictions with ground truth. */
export async function readGroundTruthPairs(tree: FileTree): Promise<DatasetLayout | null> {
  const found = sides(tree);
  if (!found) return null;
  const { pairs, unpairedPredictions, unpairedReferences, duplicates } = pairFiles(found.predictions, found.references, found.rule);
  if (pairs.length === 0) {
    throw new DepthDecodeError(
      `“${tree.name}” holds predictions (${found.predictions.length}) and ground truth (${found.references.length}), but none pair by ${found.label}.`,
    );
  }
  const notes = [`Predictions paired with ground truth by ${found.label}: ${pairs.length} pairs.`];
  if (unpairedPredictions.length) notes.push(`Predictions without ground truth, left out: ${listed(unpairedPredictions)}.`);
  if (unpairedReferences.length) notes.push(`Ground truth without a prediction, left out: ${listed(unpairedReferences)}.`);
  if (duplicates.length) notes.push(`Names found twice (the first is used): ${listed(duplicates)}.`);
  const depth = await folderUnit(tree, pairs[0].prediction.webkitRelativePath);
  return {
    kind: 'folder',
    frames: pairs.map((p, i) => ({ stamp: i, depthPath: p.prediction.webkitRelativePath, colourPath: null, pose: null, referencePath: p.reference.webkitRelativePath })),
    framesPerSecond: 1,
    depthUnitM: depth.unitM,
    depthUnitSource: depth.unitSource,
    depthCamera: null,
    colourCamera: null,
    depthStream: `${tree.name} (predictions)`,
    colourStream: null,
    otherDepthStreams: [],
    notes,
    reference: await folderUnit(tree, pairs[0].reference.webkitRelativePath),
  };
}
