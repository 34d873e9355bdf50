/**
 * The filter chain as a user meets it: build a chain in the panel, read raw
 * and filtered values side by side, see holes close on the canvas, compare
 * before and after with the split and difference views, and get it all back
 * from the link. Expected values: the CPU reference chain on the same frame
 * (e2e/chain-reference.ts). The stages used here are selection kernels
 * (median, hole filling, decimation), bit-exact on the GPU, so the filtered
 * probe values must be equal, not close.
 */
import { test, expect, type Page } from '@playwright/test';
import { colormapTable, divergingTable } from '../src/core/colormap-tables';
import { CHECKER_DARK, CHECKER_LIGHT, colormapIndex, colormapPosition } from '../src/core/colorize';
import { clickPixel, colorClose, openApp, pixelOnScreen, screenColor } from './helpers';
import { filteredTum, findPixel, tumMetres } from './chain-reference';
import { defaultIntrinsics } from '../src/core/intrinsics';
import { discontinuityMask, normalsFromDepth } from '../src/core/filters/normals';
import { normalsToRgba } from '../src/core/surface-views';

const RANGE = { lo: 1.5, hi: 3.5, logScale: false, reverse: false, checkerPx: 4 };
const APP = '?src=/samples/tum-depth.png&scale=tum&colormap=viridis&range=1.5,3.5';

function viridis(m: number): number[] {
  const k = colormapIndex(colormapPosition(m, RANGE) as number) * 3;
  return [...colormapTable('viridis').subarray(k, k + 3)];
}

function checker(x: number, y: number): number[] {
  const v = ((x >> 2) + (y >> 2)) & 1 ? CHECKER_DARK : CHECKER_LIGHT;
  return [v, v, v];
}

async function expectColor(page: Page, x: number, y: number, rgb: number[]) {
  await expect.poll(async () => colorClose(await screenColor(page, x, y), rgb, 2), { message: `pixel (${x}, ${y}) ≈ ${rgb}` }).toBe(true);
}

async function addStage(page: Page, kind: string) {
  await page.getByTestId('add-stage-kind').selectOption(kind);
  await page.getByTestId('add-stage').click();
}

async function probe(page: Page, x: number, y: number) {
  await clickPixel(page, x, y);
  return page.locator(`[data-testid="probe"][data-x="${x}"][data-y="${y}"]`);
}

const raw = tumMetres();

test('a median and hole-fill chain built in the panel: filtered probes equal the reference, holes close on screen, the link keeps it', async ({ page }) => {
  await openApp(page, APP);
  await addStage(page, 'median');
  await page.getByTestId('stage').nth(0).getByTestId('param-size').selectOption('5');
  await addStage(page, 'hole-fill');
  await expect(page.getByTestId('stage')).toHaveCount(2);
  await expect.poll(() => page.url()).toContain('filters=median:5;hole-fill:farthest,4');

  const ref = filteredTum('median:5;hole-fill:farthest,4');
  const smoothed = findPixel(ref, 300, 200, (i) => Number.isFinite(raw.depth[i]) && ref.depth[i] !== raw.depth[i]);
  const filled = findPixel(ref, 0, 0, (i) => !Number.isFinite(raw.depth[i]) && Number.isFinite(ref.depth[i]));
  const at = (p: { x: number; y: number }) => ref.depth[p.y * ref.width + p.x];

  const p1 = await probe(page, smoothed.x, smoothed.y);
  await expect(p1).toHaveAttribute('data-filtered', String(at(smoothed)));
  await expect(p1).toContainText(' m · filtered ');
  const p2 = await probe(page, filled.x, filled.y);
  await expect(p2).toHaveAttribute('data-depth-m', '');
  await expect(p2).toHaveAttribute('data-filtered', String(at(filled)));
  await expect(p2).toContainText('no depth · filtered');

  // The hole is drawn filled in the filtered view, and as "no depth" in the raw view.
  await expectColor(page, filled.x, filled.y, viridis(at(filled)));
  await page.getByTestId('display').selectOption('raw');
  await expectColor(page, filled.x, filled.y, checker(filled.x, filled.y));
  await page.getByTestId('display').selectOption('filtered');

  // The link reproduces the chain and its values.
  await page.waitForTimeout(200); // the URL is written 100 ms after the last change
  await page.goto(page.url());
  await expect(page.getByTestId('stage')).toHaveCount(2);
  const again = page.locator(`[data-testid="probe"][data-x="${filled.x}"][data-y="${filled.y}"]`);
  await expect(again).toHaveAttribute('data-filtered', String(at(filled)));
});

test('editing a parameter, switching a stage off and removing it re-run the chain', async ({ page }) => {
  await openApp(page, `${APP}&filters=median:3;decimate:4`);
  const ref3 = filteredTum('median:3;decimate:4');
  const x = 321;
  const y = 243;
  const block = (f: typeof ref3) => f.depth[Math.floor(y / 4) * f.width + Math.floor(x / 4)];
  const p = await probe(page, x, y);
  await expect(p).toHaveAttribute('data-filtered', String(block(ref3)));

  await page.getByTestId('stage').nth(1).getByTestId('param-factor').fill('2');
  await page.getByTestId('stage').nth(1).getByTestId('param-factor').press('Enter');
  const ref2 = filteredTum('median:3;decimate:2');
  await expect(p).toHaveAttribute('data-filtered', String(ref2.depth[Math.floor(y / 2) * ref2.width + Math.floor(x / 2)]));

  // An out-of-range factor is refused, and the chain keeps the last good one.
  await page.getByTestId('stage').nth(1).getByTestId('param-factor').fill('9');
  await page.getByTestId('stage').nth(1).getByTestId('param-factor').press('Enter');
  await expect.poll(() => page.url()).toContain('decimate:2');

  await page.getByRole('checkbox', { name: 'Decimation on' }).uncheck();
  await expect.poll(() => page.url()).toContain('!decimate:2');
  const median = filteredTum('median:3');
  await expect(p).toHaveAttribute('data-filtered', String(median.depth[y * median.width + x]));

  await page.getByRole('button', { name: 'Move Decimation up' }).click();
  await expect.poll(() => page.url()).toContain('filters=!decimate:2;median:3');
  await page.getByRole('button', { name: 'Remove Median' }).click();
  await page.getByRole('button', { name: 'Remove Decimation' }).click();
  await expect(page.getByTestId('stage')).toHaveCount(0);
  await expect(p).not.toHaveAttribute('data-filtered');
});

test('before/after split with a draggable divider, and the difference view', async ({ page }) => {
  await openApp(page, `${APP}&filters=hole-fill:farthest,4&display=split&split=320`);
  const ref = filteredTum('hole-fill:farthest,4');
  // From row 100 on: the divider's "raw | filtered" labels sit over the top rows.
  const filledIn = (x0: number, x1: number) =>
    findPixel(ref, 0, 100, (i) => i % ref.width >= x0 && i % ref.width < x1 && !Number.isFinite(raw.depth[i]) && Number.isFinite(ref.depth[i]));
  const left = filledIn(0, 320);
  const right = filledIn(400, 640);
  const middle = filledIn(330, 390);
  const at = (p: { x: number; y: number }) => ref.depth[p.y * ref.width + p.x];
  await expectColor(page, left.x, left.y, checker(left.x, left.y));
  await expectColor(page, right.x, right.y, viridis(at(right)));
  await expectColor(page, middle.x, middle.y, viridis(at(middle)));

  // Drag the divider from column 320 to column 400, as a user would.
  const from = await pixelOnScreen(page, 320, 240);
  const to = await pixelOnScreen(page, 400, 240);
  await page.mouse.move(from.x - 0.5, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x - 0.5, to.y, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => page.url()).toMatch(/split=(399|400|401)\b/);
  await expectColor(page, middle.x, middle.y, checker(middle.x, middle.y));
  await expect(page.getByTestId('probe')).toHaveCount(0); // dragging the divider neither pans nor pins

  // Difference: filtered - raw on a diverging scale; a filled hole has no raw value to compare.
  await page.getByTestId('display').selectOption('difference');
  await page.getByTestId('diff-range').fill('0.01');
  await page.getByTestId('diff-range').press('Enter');
  await expect(page.getByTestId('legend')).toHaveAttribute('data-hi', '0.01');
  await expectColor(page, right.x, right.y, checker(right.x, right.y));
  const unchanged = findPixel(ref, 300, 240, (i) => Number.isFinite(raw.depth[i]));
  const k = colormapIndex(colormapPosition(0, { lo: -0.01, hi: 0.01, logScale: false, reverse: false, checkerPx: 4 }) as number) * 3;
  await expectColor(page, unchanged.x, unchanged.y, [...divergingTable().subarray(k, k + 3)]);
});

test('without WebGPU the same chain runs on the CPU in a worker, with the same values', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
  });
  await openApp(page, `${APP}&filters=median:5;hole-fill:farthest,4`);
  await expect(page.getByTestId('app')).toHaveAttribute('data-backend', 'webgl');
  const ref = filteredTum('median:5;hole-fill:farthest,4');
  const filled = findPixel(ref, 0, 0, (i) => !Number.isFinite(raw.depth[i]) && Number.isFinite(ref.depth[i]));
  const p = await probe(page, filled.x, filled.y);
  await expect(p).toHaveAttribute('data-filtered', String(ref.depth[filled.y * ref.width + filled.x]));
  await expectColor(page, filled.x, filled.y, viridis(ref.depth[filled.y * ref.width + filled.x]));
});

test("the Sensor default preset is RealSense Viewer's D400 chain, in librealsense's disparity units, and equals the port", async ({ page }) => {
  await openApp(page, APP);
  await page.getByTestId('preset').selectOption('sensor');
  await expect(page.getByTestId('stage')).toHaveCount(7);
  const spatial = page.locator('[data-testid="stage"][data-kind="spatial"]');
  await expect(spatial).toContainText('in disparity (1/32 px, as librealsense)');
  await expect(spatial).toContainText('delta (1/32 px)');
  await expect.poll(() => page.url()).toContain('filters=decimate:2;threshold:0.1,4;disparity:50;spatial:0.5,20,2,0;temporal:0.4,20,valid-2-of-4;!hole-fill:farthest,4;disparity:50');
  const filters = decodeURIComponent(new URL(page.url()).searchParams.get('filters')!);
  const ref = filteredTum(filters);
  // Every stage is bit-exact against its port (e2e/kernel-*.spec.ts), so the whole chain is.
  const [x, y] = [320, 240];
  const want = ref.depth[Math.floor(y / 2) * ref.width + Math.floor(x / 2)];
  expect(Number.isFinite(want)).toBe(true);
  expect(want).not.toBe(raw.depth[y * raw.width + x]); // the chain does change this pixel
  const p = await probe(page, x, y);
  await expect(p).toHaveAttribute('data-filtered', String(want));
  // A change of the chain is no longer the preset.
  await page.getByRole('button', { name: 'Remove Temporal' }).click();
  await expect(page.getByTestId('preset')).toHaveValue('');
});

test('normals and depth-edge views of the filtered surface match their references', async ({ page }) => {
  await openApp(page, `${APP}&filters=median:5&display=normals`);
  const ref = filteredTum('median:5');
  const intr = defaultIntrinsics(ref.width, ref.height);
  const normals = normalsFromDepth(ref.depth, ref.width, ref.height, intr);
  const layout = { width: ref.width, height: ref.height, filteredWidth: ref.width, filteredHeight: ref.height, factor: 1 };
  const rgba = normalsToRgba(normals, layout, 4);
  const colorAt = (x: number, y: number) => [...rgba.subarray((y * ref.width + x) * 4, (y * ref.width + x) * 4 + 3)];
  for (const [x, y] of [[320, 240], [100, 200], [500, 400]]) {
    expect(Number.isFinite(normals[3 * (y * ref.width + x)])).toBe(true);
    await expectColor(page, x, y, colorAt(x, y));
  }
  const none = findPixel(ref, 0, 0, (i) => !Number.isFinite(normals[3 * i]));
  await expectColor(page, none.x, none.y, checker(none.x, none.y));

  // Edges: white on the discontinuity mask, the depth heatmap elsewhere.
  await page.getByTestId('display').selectOption('edges');
  await page.getByTestId('edge-jump').fill('0.03');
  await page.getByTestId('edge-jump').press('Enter');
  await expect.poll(() => page.url()).toContain('edge=0.03');
  const mask = discontinuityMask(ref.depth, ref.width, ref.height, 0.03);
  const edge = findPixel(ref, 0, 150, (i) => mask[i] === 1);
  const flat = findPixel(ref, 320, 240, (i) => mask[i] === 0 && Number.isFinite(ref.depth[i]));
  await expectColor(page, edge.x, edge.y, [255, 255, 255]);
  await expectColor(page, flat.x, flat.y, viridis(ref.depth[flat.y * ref.width + flat.x]));
});
