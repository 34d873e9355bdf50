/**
 * The comparison's metrics as a user gets them: open the map through the file
 * input and the reference through the Compare panel's own input (or both from
 * a link), choose the reference's units, the alignment, the crop and the cap,
 * draw a region, add filters, and read the metrics element; with WebGPU and
 * without. The views are in compare-views.spec.ts, batches in compare-batch.spec.ts.
 *
 * Expected values are computed here, in Node, with the float64 references of
 * src/core (depth-metrics.ts, depth-alignment.ts: no GPU code) on the real TUM
 * frame decoded with fast-png, and predictions whose errors are known in
 * closed form (a constant scale s gives AbsRel = |s - 1| and δ1 = 1 for s < 1.25).
 */
import { test, expect } from '@playwright/test';
import { resampleNearest } from '../src/core/depth-metrics';
import { runChainCpu } from '../src/core/run-chain-cpu';
import { stagesOf } from './chain-reference';
import { clickPixel, pixelOnScreen } from './helpers';
import { halfSizeTumPng, syntheticPair, tumMetres } from './compare-fixtures';
import { evaluate, expectEvaluation, H, openPair, W } from './compare-helpers';

test('a reference opened in the Compare panel with its own units: metrics equal the float64 reference, bad files leave it', async ({ page }) => {
  const { ref, pred } = await openPair(page, 1.1);
  const want = evaluate(pred, ref, 'none');
  // The closed form: a constant scale of 1.1 is 10 % off everywhere, never by 1.25.
  expect(want.metrics.absRel).toBeCloseTo(0.1, 6);
  expect(want.metrics.delta1).toBe(1);
  expect(want.metrics.count).toBe(ref.depth.filter((g) => g > 0).length);
  await expectEvaluation(page, want);
  await expect(page.getByTestId('metrics')).toContainText('0.1000');

  // In millimetres the reference is 5 times farther: the numbers must not look like that.
  const mm = evaluate(pred, { ...ref, depth: ref.depth.map((g) => g * 5) }, 'none');
  expect(Math.abs(mm.metrics.absRel - want.metrics.absRel)).toBeGreaterThan(0.5);

  // A file that is not depth: a clear message, and the reference and its metrics stay.
  await page.getByTestId('reference-input').setInputFiles({ name: 'junk.png', mimeType: 'image/png', buffer: Buffer.from('not a png at all') });
  await expect(page.getByTestId('compare-error')).toContainText('Could not open the reference “junk.png”');
  await expect(page.getByTestId('reference')).toHaveAttribute('data-name', 'depth.png');
  await expectEvaluation(page, want);
});

test('each alignment the field uses, the Eigen and Garg crops and the depth cap, fitted and scored on the GPU, match the reference', async ({ page }) => {
  const { ref, pred } = await openPair(page, 1.1);
  for (const method of ['median', 'lsq-scale', 'lsq-scale-shift-inverse'] as const) {
    await page.getByTestId('alignment').selectOption(method);
    const want = evaluate(pred, ref, method);
    // Aligned, a pure scale error disappears: scale 1 / 1.1, AbsRel near 0 instead of 0.1.
    expect(want.alignment.scale).toBeCloseTo(method === 'lsq-scale-shift-inverse' ? 1.1 : 1 / 1.1, 4);
    expect(want.metrics.absRel).toBeLessThan(1e-3);
    await expectEvaluation(page, want);
  }
  await page.getByTestId('alignment').selectOption('none');
  for (const crop of ['eigen-nyu', 'garg-kitti'] as const) {
    await page.getByTestId('crop').selectOption(crop);
    const want = evaluate(pred, ref, 'none', { crop });
    expect(want.metrics.count).toBeLessThan(evaluate(pred, ref, 'none').metrics.count);
    await expectEvaluation(page, want, crop);
  }
  await page.getByTestId('crop').selectOption('');
  // NYU's cap, then a tighter one that leaves out the far wall (TUM's depths run to about 4 m).
  await page.getByTestId('cap').check();
  const capped = evaluate(pred, ref, 'none', { cap: { min: 1e-3, max: 10 } });
  await expectEvaluation(page, capped);
  await page.getByTestId('cap-max').fill('2.5');
  await page.getByTestId('cap-max').press('Enter');
  const tight = evaluate(pred, ref, 'none', { cap: { min: 1e-3, max: 2.5 } });
  expect(tight.metrics.count).toBeLessThan(capped.metrics.count - 1000);
  await expectEvaluation(page, tight);
});

test('the metrics follow the filter chain: the filtered map is what is evaluated', async ({ page }) => {
  const { ref, pred } = await openPair(page, 1.1);
  await expectEvaluation(page, evaluate(pred, ref, 'none'));
  await page.getByTestId('add-stage-kind').selectOption('median');
  await page.getByTestId('add-stage').click();
  await page.getByTestId('stage').nth(0).getByTestId('param-size').selectOption('5');
  // The median is a selection: the GPU's filtered values are the CPU reference chain's exactly.
  const filtered = runChainCpu(pred, stagesOf('median:5'));
  const want = evaluate(filtered, ref, 'none');
  expect(Math.abs(want.metrics.rmse - evaluate(pred, ref, 'none').metrics.rmse)).toBeGreaterThan(1e-3);
  await expectEvaluation(page, want);
});

test('a reference of another size is resampled to the map grid (nearest neighbour) and the panel says so', async ({ page }) => {
  await openPair(page, 1.1);
  const half = halfSizeTumPng('half.png');
  await page.getByTestId('reference-input').setInputFiles(half.file);
  await expect(page.getByTestId('reference')).toHaveAttribute('data-width', '320');
  await page.getByTestId('reference-units').selectOption('tum');
  await expect(page.getByTestId('reference-note')).toContainText('resampled to the map\'s grid (nearest neighbour)');
  const map = tumMetres();
  const pred = { depth: map.depth.map((g) => 1.1 * g), width: W, height: H };
  const onGrid = { depth: resampleNearest(half.field.depth, 320, 240, W, H), width: W, height: H };
  // Each 2x2 block is scored against its bottom-right sample: no longer a pure scale error.
  const want = evaluate(pred, onGrid, 'none');
  expect(Math.abs(want.metrics.absRel - 0.1)).toBeGreaterThan(1e-3);
  await expectEvaluation(page, want);
});

/** The bundled synthetic sensor map and its ground truth, both named in the link. */
const SYNTHETIC_LINK = '?src=/samples/synthetic-depth.png&scale=mm&ref=/samples/synthetic-ground-truth.npy&refscale=m';

test('a link names the reference (ref=, refscale=): the synthetic sensor map scored against its ground truth', async ({ page }) => {
  const { map, truth } = syntheticPair();
  await page.goto(`/${SYNTHETIC_LINK}`);
  await expect(page.getByTestId('reference')).toHaveAttribute('data-name', 'synthetic-ground-truth.npy');
  await expect(page.getByTestId('reference')).toHaveAttribute('data-units', 'm');
  // The address bar keeps naming the reference, so the link can be passed on.
  await expect.poll(() => page.url()).toMatch(/[?&]ref=(\/|%2F)samples(\/|%2F)synthetic-ground-truth\.npy(&|$)/);
  await expect.poll(() => page.url()).toMatch(/[?&]refscale=m(&|$)/);
  const want = evaluate(map, truth, 'none');
  // Sensor noise and holes, but the same scene: small errors, most pixels within δ1.
  expect(want.metrics.absRel).toBeGreaterThan(1e-4);
  expect(want.metrics.delta1).toBeGreaterThan(0.9);
  await expectEvaluation(page, want);
});

test('without WebGPU the same metrics come from the CPU references', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'gpu', { value: undefined });
  });
  const { map, truth } = syntheticPair();
  await page.goto(`/${SYNTHETIC_LINK}`);
  await expect(page.getByTestId('app')).toHaveAttribute('data-backend', 'webgl');
  await page.getByTestId('alignment').selectOption('lsq-scale');
  await expectEvaluation(page, evaluate(map, truth, 'lsq-scale'), 'none', 'cpu');
  await expect(page.getByTestId('compare-view')).toBeDisabled();
});

test('a region drawn on the image restricts the metrics, live while it is drawn, and "whole map" lifts it', async ({ page }) => {
  const { ref, pred } = await openPair(page, 1.1);
  // Fitted over the region alone: the scale and the counts are the region's.
  await page.getByTestId('alignment').selectOption('lsq-scale');
  await page.getByTestId('draw-region').click();
  const a = await pixelOnScreen(page, 100, 120);
  const b = await pixelOnScreen(page, 300, 260);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  const mid = await pixelOnScreen(page, 200, 200);
  await page.mouse.move(mid.x, mid.y, { steps: 4 });
  // Live: while the button is still down the metrics already cover the part drawn so far.
  await expectEvaluation(page, evaluate(pred, ref, 'lsq-scale', { region: { x0: 100, y0: 120, x1: 201, y1: 201 } }));
  await page.mouse.move(b.x, b.y, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByTestId('region')).toHaveAttribute('data-region', '100,120,301,261');
  await expect(page.getByTestId('region-outline')).toBeVisible();
  const want = evaluate(pred, ref, 'lsq-scale', { region: { x0: 100, y0: 120, x1: 301, y1: 261 } });
  expect(want.metrics.count).toBeLessThan(201 * 141 + 1);
  await expectEvaluation(page, want);
  // Drawing ended with the drag: a click now pins a probe as usual.
  await clickPixel(page, 320, 240);
  await expect(page.locator('[data-testid="probe"][data-x="320"][data-y="240"]')).toBeVisible();
  await page.getByTestId('clear-region').click();
  await expectEvaluation(page, evaluate(pred, ref, 'lsq-scale'));
});
