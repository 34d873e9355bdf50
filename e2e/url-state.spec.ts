/** Links set the view at load, follow it as it changes, and reject bad values one by one. */
import { test, expect } from '@playwright/test';
import { clickPixel, openApp } from './helpers';

const LINK = '?src=/samples/tum-depth.png&scale=tum&colormap=magma_r&range=1.5,3.5&probe=320,240;100,200';

test('a link sets source, units, colormap, range and probes', async ({ page }) => {
  await openApp(page, LINK);
  await expect(page.getByTestId('colormap')).toHaveValue('magma');
  await expect(page.getByTestId('reverse')).toBeChecked();
  await expect(page.getByTestId('units')).toHaveValue('tum');
  await expect(page.getByTestId('legend')).toHaveAttribute('data-lo', '1.5');
  await expect(page.getByTestId('legend')).toHaveAttribute('data-hi', '3.5');
  const probes = page.getByTestId('probe');
  await expect(probes).toHaveCount(2);
  await expect(probes.nth(0)).toHaveAttribute('data-depth-m', '2.184');
  await expect(probes.nth(1)).toHaveAttribute('data-raw', '12335');
});

test('the URL follows the view, and opening it elsewhere reproduces it', async ({ page, context }) => {
  await openApp(page, LINK);
  await page.getByTestId('colormap').selectOption('plasma');
  await clickPixel(page, 500, 400);
  await expect.poll(() => page.url()).toContain('colormap=plasma_r');
  await expect.poll(() => page.url()).toContain('probe=320,240;100,200;500,400');
  const link = page.url();
  const statsBefore = await page.getByTestId('stats').evaluate((e) => ({ ...(e as HTMLElement).dataset }));

  const fresh = await context.newPage();
  await fresh.goto(link);
  await expect(fresh.getByTestId('probe')).toHaveCount(3);
  await expect(fresh.getByTestId('probe').nth(2)).toHaveAttribute('data-depth-m', '2.333');
  await expect(fresh.getByTestId('colormap')).toHaveValue('plasma');
  await expect(fresh.getByTestId('stats')).toHaveAttribute('data-width', '640');
  const statsAfter = await fresh.getByTestId('stats').evaluate((e) => ({ ...(e as HTMLElement).dataset }));
  expect(statsAfter).toEqual(statsBefore);
});

test('bad parameters are explained, shown only as text, and the rest applies', async ({ page }) => {
  let dialog = false;
  page.on('dialog', async (d) => {
    dialog = true;
    await d.dismiss();
  });
  await openApp(page, `?colormap=${encodeURIComponent('<img src=x onerror=alert(1)>')}&range=3,1&probe=320,240&scale=tum`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Ignored colormap="<img src=x onerror=alert(1)>"');
  await expect(alert).toContainText('Ignored range');
  await expect(page.getByTestId('colormap')).toHaveValue('turbo');
  await expect(page.getByTestId('probe')).toHaveAttribute('data-depth-m', '2.184');
  expect(await page.locator('img').count()).toBe(0);
  expect(dialog).toBe(false);
});

test('a src that cannot be fetched says so and keeps the app usable', async ({ page }) => {
  await page.goto('/?src=/samples/missing.png');
  await expect(page.getByRole('alert')).toContainText('404');
  await page.getByRole('combobox', { name: 'Open a bundled sample' }).selectOption('/samples/tum-depth.png');
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', '640');
});
