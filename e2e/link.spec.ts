/**
 * Shareable links as a user meets them: build a view by hand, press "Copy
 * link", open what was copied in a browser context that shares nothing with
 * the first, and find the same view: the same probes, statistics,
 * measurement and placed objects, and the same pixels.
 *
 * Pixels are compared exactly, the orbited 3-D view included: both pages
 * run in the same Chromium on the same SwiftShader driver, so the same inputs
 * must draw the same picture. (The 3-D view stores the pose rounded to 0.1 mm
 * and puts the sender's camera there too when a drag ends, so the link's
 * camera is the sender's, to the bit.)
 */
import { test, expect, type Page } from '@playwright/test';
import { clickPixel } from './helpers';
import { copyLink, datasets, distinctColours, expectSamePixels, openInFreshContext, settledPixels } from './link-helpers';

const W = 640;
const H = 480;

/** Image pixel (u, v) on a canvas that shows the whole image with its aspect (the 3-D sensor view, the AR preview). */
async function onCanvas(page: Page, testId: string, u: number, v: number) {
  const box = await page.locator(`[data-testid="${testId}"] canvas`).boundingBox();
  if (!box) throw new Error(`no canvas in ${testId}`);
  const k = box.height / H;
  return { x: box.x + box.width / 2 + (u + 0.5 - W / 2) * k, y: box.y + box.height / 2 + (v + 0.5 - H / 2) * k };
}

async function typeNumber(page: Page, testId: string, value: string, scope = page.locator('body')) {
  await scope.getByTestId(testId).fill(value);
  await scope.getByTestId(testId).press('Enter');
}

/** The settings a user sees, read from the controls. */
async function controls(page: Page) {
  const value = (id: string) => page.getByTestId(id).inputValue();
  return {
    colormap: await value('colormap'),
    reverse: await page.getByTestId('reverse').isChecked(),
    range: [await value('range-min'), await value('range-max')],
    stages: await datasets(page.getByTestId('stage')),
    intrinsics: [await value('intr-fx'), await value('intr-fy'), await value('intr-cx'), await value('intr-cy')],
    mode: await value('mode'),
  };
}

test('a rich view survives Copy link: probes, stats, measurement, AR object, 3-D pose and pixels', async ({ page, browser, baseURL }) => {
  await page.goto('/?src=/samples/tum-depth.png&scale=tum');
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', String(W));

  // Colormap, range, a filter chain, intrinsics and two probes, all through the controls.
  await page.getByTestId('colormap').selectOption('plasma');
  await page.getByTestId('reverse').check();
  await typeNumber(page, 'range-min', '1.2');
  await typeNumber(page, 'range-max', '3.8');
  await page.getByTestId('add-stage-kind').selectOption('median');
  await page.getByTestId('add-stage').click();
  await page.getByTestId('stage').nth(0).getByTestId('param-size').selectOption('5');
  await page.getByTestId('add-stage-kind').selectOption('hole-fill');
  await page.getByTestId('add-stage').click();
  await expect(page.getByTestId('stage')).toHaveCount(2);
  await typeNumber(page, 'intr-fx', '540');
  await typeNumber(page, 'intr-fy', '545.5');
  await clickPixel(page, 320, 240);
  await clickPixel(page, 100, 200);
  await expect(page.getByTestId('probe')).toHaveCount(2);

  // An AR object stood on the surface.
  await page.getByTestId('mode').selectOption('ar');
  await expect(page.getByTestId('ar-frame')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('ar-place').selectOption('cube');
  // A click places on the filtered depth, which the preview computes once it is ready.
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
  const at = await onCanvas(page, 'ar-canvas', 300, 260);
  await page.mouse.click(at.x, at.y);
  await expect(page.getByTestId('ar-objects')).toHaveAttribute('data-count', '1');

  // 3-D: measure two surface points, then orbit away from the sensor view.
  await page.getByTestId('mode').selectOption('cloud');
  await expect(page.locator('[data-testid="viewport"] canvas')).toBeVisible();
  // Picking reads the cloud on the GPU: wait until it is drawn.
  await expect.poll(async () => distinctColours(await settledPixels(page.getByTestId('viewport')))).toBeGreaterThan(50);
  await page.getByTestId('measure-toggle').click();
  for (const [u, v] of [[320, 240], [500, 400]]) {
    const p = await onCanvas(page, 'viewport', u, v);
    await page.mouse.click(p.x, p.y);
  }
  await expect(page.getByTestId('measure')).toHaveAttribute('data-distance-m', /\d/);
  const centre = await onCanvas(page, 'viewport', 320, 240);
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.down();
  await page.mouse.move(centre.x + 180, centre.y + 50, { steps: 6 });
  await page.mouse.up();
  await expect.poll(() => page.url()).toContain('pose=');
  await page.mouse.move(0, 0);

  const link = await copyLink(page);
  // "Copied" goes by itself after a moment, so the popup never hides the view being compared.
  await expect(page.getByTestId('copy-link-popup')).toHaveCount(0);
  expect(link).toMatch(/[?&]state=/); // measurements and the AR object travel in the compact parameter
  expect(link).not.toContain('#'); // the depth has a URL: nothing embedded

  for (const i of [0, 1]) await expect(page.getByTestId('probe').nth(i)).toHaveAttribute('data-filtered', /\d/);
  const before = {
    controls: await controls(page),
    probes: await datasets(page.getByTestId('probe')),
    stats: await datasets(page.getByTestId('stats')),
    measure: await datasets(page.getByTestId('measure')),
    cloud: await settledPixels(page.getByTestId('viewport')),
  };
  // A blank or one-colour canvas would compare equal to anything blank: the view must show a picture.
  expect(distinctColours(before.cloud)).toBeGreaterThan(50);

  const fresh = await openInFreshContext(browser, baseURL!, link);
  const other = fresh.page;
  await expect(other.getByTestId('mode')).toHaveValue('cloud');
  await expect(other.getByTestId('probe')).toHaveCount(2);
  await expect(other.getByTestId('measure')).toHaveAttribute('data-distance-m', before.measure[0].distanceM);
  expect(await controls(other)).toEqual(before.controls);
  // The filtered value of a probe is read back from the GPU a moment after the page opens.
  await expect.poll(() => datasets(other.getByTestId('probe'))).toEqual(before.probes);
  expect(await datasets(other.getByTestId('stats'))).toEqual(before.stats);
  const cloud = await settledPixels(other.getByTestId('viewport'));
  await expectSamePixels(cloud, before.cloud, 'cloud');

  // The same heatmap, and the same AR preview with its object, in both pages.
  for (const mode of ['heatmap', 'ar'] as const) {
    for (const p of [page, other]) await p.getByTestId('mode').selectOption(mode);
    if (mode === 'ar') await expect(other.getByTestId('ar-objects')).toHaveAttribute('data-count', '1');
    const mine = await settledPixels(page.getByTestId('viewport'));
    expect(distinctColours(mine)).toBeGreaterThan(50);
    await expectSamePixels(await settledPixels(other.getByTestId('viewport')), mine, mode);
  }
  await fresh.context.close();
});

test('where the browser refuses the clipboard, the link is shown selected to copy by hand', async ({ page, browser, baseURL }) => {
  await page.goto('/?src=/samples/tum-depth.png&scale=tum&colormap=gray');
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', String(W));
  // No clipboard permission in this context, and writeText made to refuse as a browser without access does.
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new Error('Write permission denied.'));
  });
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-status')).toContainText('Could not copy the link (Write permission denied.)');
  const field = page.getByTestId('link-text');
  await expect(field).toBeFocused();
  const link = await field.inputValue();
  expect(await field.evaluate((e: HTMLInputElement) => e.value.slice(e.selectionStart!, e.selectionEnd!))).toBe(link);
  const fresh = await openInFreshContext(browser, baseURL!, link);
  await expect(fresh.page.getByTestId('colormap')).toHaveValue('gray');
  await fresh.context.close();
});
