/**
 * Batch evaluation as a user runs it: pick the predictions and the references,
 * run, export the CSV, sort the table, open a pair. Expected rows: the float64
 * references of src/core on the same generated frames, computed here.
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { evaluateDepth, type DepthMetrics } from '../src/core/depth-metrics';
import { scaledPfm, tumMetres } from './compare-fixtures';
import { evaluate, expectEvaluation, H, W } from './compare-helpers';

test('batch: predictions and references paired by name, evaluated off the main thread, sorted, opened, exported as CSV', async ({ page }) => {
  const ref = tumMetres();
  // Ratios 1.1, 1.33 and 1.3: none within rounding of a δ threshold (0.8 would be: 1 / 0.8 = 1.25).
  const factors: Record<string, number> = { frame_1: 1.1, frame_2: 0.75, frame_10: 1.3 };
  const refFile = (name: string) => ({ ...scaledPfm(ref, 1, `${name}.pfm`).file });
  const preds = Object.entries(factors).map(([name, f]) => ({ name, ...scaledPfm(ref, f, `${name}.pfm`) }));
  await page.goto('/');
  await page.getByTestId('batch-predictions').setInputFiles([...preds.map((p) => p.file), scaledPfm(ref, 2, 'extra.pfm').file]);
  await page.getByTestId('batch-references').setInputFiles(Object.keys(factors).map(refFile));
  await expect(page.getByTestId('batch-pairing')).toHaveAttribute('data-pairs', '3');
  await expect(page.getByTestId('batch-pairing')).toHaveAttribute('data-unpaired', '1');
  await expect(page.getByTestId('batch-pairing')).toContainText('extra.pfm');
  await page.getByTestId('batch-run').click();
  await expect(page.getByTestId('batch-progress')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('batch-progress')).toHaveAttribute('data-done', '3');

  // The CSV: a header, the pairs in name order (frame_10 after frame_2), then the mean.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('batch-csv').click()]);
  expect(download.suggestedFilename()).toBe('depthscope-batch.csv');
  const lines = readFileSync(await download.path(), 'utf8').trimEnd().split('\r\n');
  const header = lines[0].split(',');
  expect(header).toEqual(['name', 'absRel', 'sqRel', 'rmse', 'rmseLog', 'log10', 'silog', 'delta1', 'delta2', 'delta3', 'count', 'scale', 'shift', 'error']);
  expect(lines.map((l) => l.split(',')[0])).toEqual(['name', 'frame_1', 'frame_2', 'frame_10', 'mean']);
  const expected = ['frame_1', 'frame_2', 'frame_10'].map((name) => {
    const pred = preds.find((p) => p.name === name)!;
    return evaluateDepth({ pred: pred.depth, ref: ref.depth, width: W, height: H }, 'none', 'depth').metrics;
  });
  // Closed form: AbsRel = |factor - 1| (to float32 rounding), so the rows really are the three frames.
  expected.forEach((m, k) => expect(m.absRel).toBeCloseTo(Math.abs([1.1, 0.75, 1.3][k] - 1), 6));
  // The worker runs the float64 references on the files' own float32 values, as this test
  // does: the same numbers up to the last bits of Math.log (the browser's and Node's may
  // differ by an ulp): 1e-12 relative. SILog subtracts mean(d)² from mean(d²), about 9e-3
  // each here, to leave ~1e-14: a few ulps there (8 · 2^-52 · mean(d²)) move its square
  // root by up to their square root, x 100.
  expected.forEach((m, k) => {
    const cells = lines[k + 1].split(',');
    header.slice(1, 11).forEach((column, c) => {
      const want = m[column as keyof DepthMetrics];
      const bound = column === 'silog' ? 100 * Math.sqrt(8 * 2 ** -52 * m.rmseLog ** 2) : 1e-12 * Math.abs(want);
      expect(Math.abs(Number(cells[c + 1]) - want), `${cells[0]} ${column}: ${cells[c + 1]} vs ${want}`).toBeLessThanOrEqual(bound);
    });
  });
  const meanCells = lines[4].split(',');
  expect(Number(meanCells[1])).toBeCloseTo((expected[0].absRel + expected[1].absRel + expected[2].absRel) / 3, 12);

  // Sorted by AbsRel, largest first; a click on a row opens that pair as map and reference.
  await page.getByTestId('batch-sort-absRel').click();
  await page.getByTestId('batch-sort-absRel').click();
  await expect(page.getByTestId('batch-row')).toHaveCount(3);
  expect(await page.getByTestId('batch-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')))).toEqual(['frame_10', 'frame_2', 'frame_1']);
  await page.locator('[data-testid="batch-row"][data-name="frame_2"]').click();
  await expect(page.getByTestId('stats').locator('h2')).toHaveText('frame_2.pfm');
  await expect(page.getByTestId('reference')).toHaveAttribute('data-name', 'frame_2.pfm');
  await expectEvaluation(page, evaluate({ depth: preds[1].depth, width: W, height: H }, ref, 'none'));
});
