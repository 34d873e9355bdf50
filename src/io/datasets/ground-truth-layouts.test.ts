/**
 * Layouts that ship ground truth, opened from the generated fixtures
 * (scripts/dataset-fixtures/ground-truth.ts): which files are frames, which is
 * each frame's reference, both sides' units, and the samples exactly as written.
 */
import { describe, expect, it } from 'vitest';
import {
  FOLDER_PAIRS,
  GT_H,
  GT_W,
  gridOf,
  gtMm,
  KITTI_DRIVE,
  KITTI_GT_SCANS,
  kittiDense,
  kittiSparse,
  PATTERN_IDS,
  predMetresGrid,
  predMm,
} from '../../../scripts/dataset-fixtures/ground-truth';
import type { RawDepthImage } from '../../core/depth-image';
import type { FileTree } from '../../core/recording';
import { openDataset } from './open-dataset';
import { fixtureTree, memoryTree } from './test-support';

const values = (image: RawDepthImage | null) => Array.from(image!.data);
const grid16 = (f: (x: number, y: number) => number) => Array.from(gridOf(new Uint16Array(GT_W * GT_H), f));

/** The tree without some of its files, as a user drops part of a folder. */
function without(tree: FileTree, drop: (path: string) => boolean): FileTree {
  return { name: tree.name, files: new Map([...tree.files].filter(([p]) => !drop(p))) };
}

describe('predictions with ground truth, paired by pattern', () => {
  it('opens the predictions as frames in numeric id order, each with its own ground truth as the reference', async () => {
    const rec = await openDataset(fixtureTree('pairs-pattern'));
    const s = rec.summary;
    expect([s.kind, s.hasReference, s.frames.length]).toEqual(['folder', true, 3]);
    expect([s.depthUnitM, s.referenceUnitM]).toEqual([0.001, 0.001]);
    expect(s.notes[0]).toBe('Predictions paired with ground truth by {id}_pred.png ↔ {id}_gt.png: 3 pairs.');
    expect(s.notes[1]).toBe('Predictions without ground truth, left out: 1 (99_pred.png).');
    for (let k = 0; k < PATTERN_IDS.length; k++) {
      expect(values(await rec.readDepth(k))).toEqual(grid16((x, y) => predMm(k, x, y)));
      expect(values(await rec.readReference(k))).toEqual(grid16((x, y) => gtMm(k, x, y)));
    }
  });

  it('says so when predictions and ground truth are there but none pair', async () => {
    const bytes = async (p: string) => fixtureTree('pairs-pattern').files.get(p)!.read(0, 1e6);
    const lone = memoryTree('lone', { 'a_pred.png': await bytes('2_pred.png'), 'b_gt.png': await bytes('2_gt.png') });
    await expect(openDataset(lone)).rejects.toThrow('“lone” holds predictions (1) and ground truth (1), but none pair by {id}_pred.png ↔ {id}_gt.png.');
  });
});

describe('predictions with ground truth in sibling folders', () => {
  it('pairs pred/ with gt/ by relative path, each side in its own unit (float metres, integer millimetres)', async () => {
    const rec = await openDataset(fixtureTree('pairs-folders'));
    const s = rec.summary;
    expect([s.kind, s.hasReference, s.frames.length]).toEqual(['folder', true, FOLDER_PAIRS.length]);
    expect([s.depthUnitM, s.referenceUnitM]).toEqual([1, 0.001]);
    expect(s.notes[0]).toBe('Predictions paired with ground truth by pred/ ↔ gt/ (same relative path): 3 pairs.');
    for (let k = 0; k < FOLDER_PAIRS.length; k++) {
      const pred = await rec.readDepth(k);
      expect(pred.sampleType).toBe('float32');
      expect(Array.from(pred.data)).toEqual(Array.from(predMetresGrid(k)));
      expect(values(await rec.readReference(k))).toEqual(grid16((x, y) => gtMm(k, x, y)));
    }
  });

  it('a folder with only pred/ is a plain folder without a reference', async () => {
    const rec = await openDataset(without(fixtureTree('pairs-folders'), (p) => p.startsWith('gt/')));
    expect([rec.summary.kind, rec.summary.hasReference]).toEqual(['folder', false]);
    expect(await rec.readReference(0)).toBeNull();
  });
});

describe('KITTI depth completion', () => {
  it('opens the sparse scans that have ground truth, in KITTI units, the dense ground truth as each one’s reference', async () => {
    const rec = await openDataset(fixtureTree('kitti-depth'));
    const s = rec.summary;
    expect([s.kind, s.hasReference, s.depthUnitM, s.referenceUnitM]).toEqual(['kitti-depth', true, 1 / 256, 1 / 256]);
    // One drive: its folder is the tree's root (dataset-tree.ts), so the streams are its cameras.
    expect(s.depthStream).toBe('image_02');
    expect(s.streams.map((x) => x.id)).toEqual(['image_02', 'image_03']);
    expect(s.frames.map((f) => f.stamp)).toEqual(KITTI_GT_SCANS);
    expect(s.frames.map((f) => f.timeS)).toEqual([0, 0.1, 0.2]);
    expect(s.notes).toContain("2 scans without ground truth are left out (KITTI's starts 5 frames in).");
    for (const [i, n] of KITTI_GT_SCANS.entries()) {
      expect(values(await rec.readDepth(i))).toEqual(grid16((x, y) => kittiSparse(n, x, y)));
      expect(values(await rec.readReference(i))).toEqual(grid16((x, y) => kittiDense(n, x, y)));
    }
  });

  it('names streams by drive when a folder holds several', async () => {
    const tree = fixtureTree('kitti-depth');
    const twoDrives: FileTree = { name: 'train', files: new Map([...tree.files].flatMap(([p, b]) => [[p, b], [p.replace(KITTI_DRIVE, 'other_drive'), b]])) };
    const rec = await openDataset(twoDrives);
    expect(rec.summary.streams.map((x) => x.id)).toEqual([`${KITTI_DRIVE}/image_02`, `${KITTI_DRIVE}/image_03`, 'other_drive/image_02', 'other_drive/image_03']);
    expect(rec.summary.frames.length).toBe(KITTI_GT_SCANS.length);
  });

  it('opens another camera when chosen, and scans without groundtruth/ without a reference', async () => {
    const right = await openDataset(fixtureTree('kitti-depth'), { depthStream: 'image_03' });
    expect(values(await right.readReference(0))).toEqual(grid16((x, y) => kittiDense(50, x, y)));
    // Without groundtruth/ every file sits under velodyne_raw/, which re-rooting would strip: still KITTI, in its units.
    const sparseOnly = await openDataset(without(fixtureTree('kitti-depth'), (p) => p.includes('/groundtruth/')));
    expect(sparseOnly.summary.depthUnitM).toBe(1 / 256);
    expect([sparseOnly.summary.kind, sparseOnly.summary.hasReference, sparseOnly.summary.frames.length]).toEqual(['kitti-depth', false, 5]);
    expect(await sparseOnly.readReference(0)).toBeNull();
  });
});
