/** Image-viewer habits: wheel zooms around the pointer, drag pans, double-click fits, keys work, drop opens. */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { hoverPixel, openApp, pixelOnScreen, sample, viewInfo } from './helpers';

test('wheel zooms around the pointer; drag pans; double-click fits', async ({ page }) => {
  await openApp(page);
  const fitted = await viewInfo(page);
  await hoverPixel(page, 200, 150);
  await expect(page.getByTestId('readout')).toContainText('x 200, y 150');

  await page.mouse.wheel(0, -400);
  await expect.poll(async () => (await viewInfo(page)).zoom).toBeGreaterThan(fitted.zoom * 1.5);
  // The pixel under the pointer stays under it.
  await page.mouse.move((await pixelOnScreen(page, 200, 150)).x, (await pixelOnScreen(page, 200, 150)).y);
  await expect(page.getByTestId('readout')).toContainText('x 200, y 150');

  const zoomed = await viewInfo(page);
  const start = await pixelOnScreen(page, 200, 150);
  await page.mouse.down();
  await page.mouse.move(start.x + 60, start.y + 30, { steps: 5 });
  await page.mouse.up();
  const panned = await viewInfo(page);
  expect(panned.cx).toBeCloseTo(zoomed.cx - 60 / zoomed.zoom, 3);
  expect(panned.cy).toBeCloseTo(zoomed.cy - 30 / zoomed.zoom, 3);
  // A drag is not a click: no probe was pinned.
  await expect(page.getByTestId('probe')).toHaveCount(0);

  await page.getByTestId('viewport').dblclick();
  await expect.poll(() => viewInfo(page)).toEqual(fitted);

  await page.getByTestId('viewport').focus();
  await page.keyboard.press('+');
  await expect.poll(async () => (await viewInfo(page)).zoom).toBeCloseTo(fitted.zoom * 1.25, 6);
  await page.keyboard.press('0');
  await expect.poll(() => viewInfo(page)).toEqual(fitted);
});

test('dropping a file on the page opens it', async ({ page }) => {
  await openApp(page);
  const b64 = readFileSync(sample('redwood/depth.png')).toString('base64');
  const dataTransfer = await page.evaluateHandle((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'redwood-depth.png', { type: 'image/png' }));
    return dt;
  }, b64);
  await page.getByTestId('viewport').dispatchEvent('dragover', { dataTransfer });
  await page.getByTestId('viewport').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('stats').locator('h2')).toHaveText('redwood-depth.png');
  // The link follows (after its write delay): it no longer names the bundled sample, and a
  // local file too large for a link travels as its name and size. Reading the URL before the
  // write would reload the sample, so wait for it.
  await expect.poll(() => page.url()).not.toContain('samples');
  await page.goto(page.url());
  await expect(page.getByRole('alert')).toContainText('This link was made from the file “redwood-depth.png” (640 × 480), too large to travel in a link');
  await expect(page.getByTestId('stats').locator('h2')).toHaveCount(0);
});
