/**
 * Dataset folders that ship ground truth open as recordings whose frames'
 * ground truth is the Compare panel's reference, following the timeline
 * (state/recording-reference.ts): a results folder paired by pattern
 * ({id}_pred.png with {id}_gt.png), one paired by sibling folders (pred/ PFM
 * metres, gt/ PNG millimetres), a KITTI depth-completion drive (1/256 m) and
 * the pattern folder as a .zip. Every expected number is computed here from the
 * generator's formulas (scripts/dataset-fixtures/ground-truth.ts) with the
 * float64 references of src/core, within compare-helpers.ts's derived
 * tolerances. The pairing is shown to matter: a frame scored against another
 * frame's ground truth gives numbers outside those tolerances, and the spec
 * checks the app's are not those.
 */
import { test, expect, type Page } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawDepthImage } from '../src/core/depth-image';
import { convertToDepth, DEFAULT_UNITS, type UnitSettings } from '../src/core/units';
import * as fixtures from '../scripts/dataset-fixtures/ground-truth';
import type { Field } from './compare-fixtures';

const { GT_H, GT_W, gridOf, gtMm, KITTI_GT_SCANS, kittiDense, kittiSparse, PATTERN_IDS, predMm } = fixtures;
import { evaluate, mismatches, readShown, type Expected } from './compare-helpers';
import { chooseFile, openApp } from './helpers';
import { zipOf } from './recording-fixtures';
import { readFileSync, readdirSync } from 'node:fs';

const DATASETS = fileURLToPath(new URL('../src/io/__fixtures__/datasets/', import.meta.url));

/** A stored 16-bit grid in metres, converted as the app converts it (src/core/units.ts). */
function field16(f: (x: number, y: number) => number, scale: UnitSettings['scale']): Field {
  const raw = { width: GT_W, height: GT_H, data: gridOf(new Uint16Array(GT_W * GT_H), f), sampleType: 'uint16' } as unknown as RawDepthImage;
  return { depth: convertToDepth(raw, { ...DEFAULT_UNITS, scale }), width: GT_W, height: GT_H };
}

const gt = (k: number) => field16((x, y) => gtMm(k, x, y), 'mm');
const predPng = (k: number) => field16((x, y) => predMm(k, x, y), 'mm');

const recording = (page: Page) => page.getByTestId('recording');
const reference = (page: Page) => page.getByTestId('reference');
const metrics = (page: Page) => page.getByTestId('metrics');

/** The metrics shown once they are of frame `frame`'s reference, against what they must be. */
async function expectFrameMetrics(page: Page, frame: number | '', want: Expected): Promise<void> {
  await expect(metrics(page)).toHaveAttribute('data-reference-frame', String(frame));
  await expect.poll(async () => mismatches(await readShown(page), want, 'none'), { message: `metrics of frame ${frame}` }).toEqual([]);
}

/** The shown metrics are not `wrong` (another pairing's numbers): some metric is outside the tolerance. */
async function expectNot(page: Page, wrong: Expected): Promise<void> {
  expect(mismatches(await readShown(page), wrong, 'none').length).toBeGreaterThan(0);
}

test('a folder of {id}_pred.png with {id}_gt.png: each frame’s ground truth is the reference, its metrics follow the timeline, and the user’s own reference stays until closed', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('folder-input').setInputFiles(path.join(DATASETS, 'pairs-pattern'));
  await expect(recording(page)).toHaveAttribute('data-kind', 'folder');
  await expect(recording(page)).toHaveAttribute('data-ground-truth', 'true');
  await expect(recording(page)).toHaveAttribute('data-frames', String(PATTERN_IDS.length));
  await expect(recording(page)).toContainText('with ground truth');
  await expect(reference(page)).toHaveAttribute('data-origin', 'recording');
  await expect(reference(page)).toHaveAttribute('data-frame', '0');
  await expect(reference(page)).toHaveAttribute('data-units', 'mm');
  await expect(reference(page)).toHaveAttribute('data-resampled', 'false');

  const frame0 = evaluate(predPng(0), gt(0), 'none');
  // The closed form: the prediction is 10 % far everywhere (up to its rounding to whole mm).
  expect(frame0.metrics.absRel).toBeCloseTo(0.1, 3);
  await expectFrameMetrics(page, 0, frame0);

  await page.keyboard.press('.');
  await expect(recording(page)).toHaveAttribute('data-frame', '1');
  await expect(reference(page)).toHaveAttribute('data-frame', '1');
  const frame1 = evaluate(predPng(1), gt(1), 'none');
  expect(frame1.metrics.absRel).toBeCloseTo(0.15, 3);
  await expectFrameMetrics(page, 1, frame1);
  // Frame 1 against frame 0's ground truth (the reference not following) would read otherwise.
  await expectNot(page, evaluate(predPng(1), gt(0), 'none'));
  await expectNot(page, frame0);

  // The user opens frame 0's ground truth file as the reference: it is theirs, kept when stepping.
  await page.getByTestId('reference-input').setInputFiles(path.join(DATASETS, 'pairs-pattern', `${PATTERN_IDS[0]}_gt.png`));
  await expect(reference(page)).toHaveAttribute('data-origin', 'user');
  await expectFrameMetrics(page, '', evaluate(predPng(1), gt(0), 'none'));
  await page.keyboard.press('.');
  await expect(recording(page)).toHaveAttribute('data-frame', '2');
  await expect(reference(page)).toHaveAttribute('data-name', `${PATTERN_IDS[0]}_gt.png`);
  await expectFrameMetrics(page, '', evaluate(predPng(2), gt(0), 'none'));
  // Closed, the ground truth of the frame on screen comes back.
  await page.getByTestId('reference-clear').click();
  await expect(reference(page)).toHaveAttribute('data-origin', 'recording');
  await expect(reference(page)).toHaveAttribute('data-frame', '2');
  await expectFrameMetrics(page, 2, evaluate(predPng(2), gt(2), 'none'));
});

test('pred/ and gt/ folders: paired by relative path, each side in its own unit (PFM metres, PNG millimetres)', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('folder-input').setInputFiles(path.join(DATASETS, 'pairs-folders'));
  await expect(recording(page)).toHaveAttribute('data-kind', 'folder');
  await expect(recording(page)).toHaveAttribute('data-depth-unit-m', '1');
  await expect(reference(page)).toHaveAttribute('data-units', 'mm');
  const pred = (k: number): Field => ({ depth: fixtures.predMetresGrid(k), width: GT_W, height: GT_H });
  await expectFrameMetrics(page, 0, evaluate(pred(0), gt(0), 'none'));
  await page.keyboard.press('.');
  await expect(recording(page)).toHaveAttribute('data-frame', '1');
  await expectFrameMetrics(page, 1, evaluate(pred(1), gt(1), 'none'));
  await expectNot(page, evaluate(pred(1), gt(0), 'none'));
});

test('KITTI depth completion: the sparse scans are the frames, the dense ground truth the reference, both in 1/256 m', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('folder-input').setInputFiles(path.join(DATASETS, 'kitti-depth'));
  await expect(recording(page)).toHaveAttribute('data-kind', 'kitti-depth');
  await expect(recording(page)).toContainText('KITTI depth completion');
  await expect(recording(page)).toHaveAttribute('data-frames', String(KITTI_GT_SCANS.length));
  await expect(recording(page)).toHaveAttribute('data-depth-unit-m', String(1 / 256));
  await expect(reference(page)).toHaveAttribute('data-units', 'kitti');
  const sparse = (n: number) => field16((x, y) => kittiSparse(n, x, y), 'kitti');
  const dense = (n: number) => field16((x, y) => kittiDense(n, x, y), 'kitti');
  const [n0, n1] = KITTI_GT_SCANS;
  const scan0 = evaluate(sparse(n0), dense(n0), 'none');
  // Only the scanned third of the pixels is scored.
  expect(scan0.metrics.count).toBe(sparse(n0).depth.filter((d) => d > 0).length);
  await expectFrameMetrics(page, 0, scan0);
  await page.keyboard.press('.');
  await expectFrameMetrics(page, 1, evaluate(sparse(n1), dense(n1), 'none'));
  await expectNot(page, evaluate(sparse(n1), dense(n0), 'none'));
});

test('the pattern folder picked as a .zip opens the same way', async ({ page }) => {
  await openApp(page);
  const dir = path.join(DATASETS, 'pairs-pattern');
  const files = Object.fromEntries(readdirSync(dir).map((name) => [name, new Uint8Array(readFileSync(path.join(dir, name)))]));
  await chooseFile(page, { name: 'results.zip', mimeType: 'application/zip', buffer: Buffer.from(zipOf('results', files)) });
  await expect(recording(page)).toHaveAttribute('data-ground-truth', 'true');
  await expectFrameMetrics(page, 0, evaluate(predPng(0), gt(0), 'none'));
});
