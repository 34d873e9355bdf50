/**
 * Back and Forward walk through view states: a discrete choice (a colormap, a
 * probe) is a new history entry; a continuous change (panning, a typed range)
 * rewrites the current entry, so Back does not replay every step of a drag.
 */
import { test, expect, type Page } from '@playwright/test';
import { clickPixel, openApp, pixelOnScreen } from './helpers';

const historyLength = (page: Page) => page.evaluate(() => history.length);

test('discrete changes push history entries, drags and typed values replace them, Back and Forward restore them', async ({ page }) => {
  await openApp(page, '?src=/samples/tum-depth.png&scale=tum');
  const start = await historyLength(page);

  await page.getByTestId('colormap').selectOption('viridis');
  await expect.poll(() => page.url()).toContain('colormap=viridis');
  await expect.poll(() => historyLength(page)).toBe(start + 1);

  // Continuous: a pan (drag) and a typed range end of the colour scale.
  const from = await pixelOnScreen(page, 320, 240);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x - 120, from.y - 40, { steps: 10 });
  await page.mouse.up();
  await expect.poll(() => page.url()).toContain('state='); // the moved 2-D view travels in the compact parameter
  await page.getByTestId('range-min').fill('1.1');
  await page.getByTestId('range-min').press('Enter');
  await expect.poll(() => page.url()).toMatch(/range=1\.1,/);
  expect(await historyLength(page)).toBe(start + 1);
  const panned = await page.getByTestId('viewport').getAttribute('data-view');

  await page.getByTestId('colormap').selectOption('magma');
  // Changes within one write delay (100 ms) are one entry; a person's next click comes later than that.
  await expect.poll(() => historyLength(page)).toBe(start + 2);
  await clickPixel(page, 100, 200);
  await expect(page.getByTestId('probe')).toHaveCount(1);
  await expect.poll(() => historyLength(page)).toBe(start + 3);

  await page.goBack(); // the probe goes
  await expect(page.getByTestId('probe')).toHaveCount(0);
  await expect(page.getByTestId('colormap')).toHaveValue('magma');
  await page.goBack(); // magma goes; the entry of viridis holds the pan and the range made after it
  await expect(page.getByTestId('colormap')).toHaveValue('viridis');
  await expect(page.getByTestId('range-min')).toHaveValue('1.1');
  await expect(page.getByTestId('viewport')).toHaveAttribute('data-view', panned!);
  await page.goBack(); // the view the page opened with
  await expect(page.getByTestId('colormap')).toHaveValue('turbo');
  await expect(page.getByTestId('range-auto')).toBeDisabled();
  // The view refits to the toolbar's height in auto mode; a fitted view is the opener's own, so no pan is carried.
  await expect.poll(() => page.url()).not.toContain('state=');

  await page.goForward();
  await page.goForward();
  await expect(page.getByTestId('colormap')).toHaveValue('magma');
  await page.goForward();
  await expect(page.getByTestId('probe')).toHaveCount(1);
  await expect(page.getByTestId('probe')).toHaveAttribute('data-raw', '12335');
  // Walking the history is not a change of its own: no entry was added.
  expect(await historyLength(page)).toBe(start + 3);
});
