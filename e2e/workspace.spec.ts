/**
 * The workspace layout (issue 14): a reference's metrics are seen without scrolling,
 * `?` lists the keyboard shortcuts, every control has an accessible name, and the
 * side sections remember being collapsed, and in 3-D the camera section is in view.
 */
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

const LINK = '?src=/samples/tum-depth.png&ref=/samples/tum-depth.png';

test('with ?src=…&ref=… in a 1280×800 window the metrics are in the viewport without scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, LINK);
  await expect(page.getByTestId('metrics')).toHaveAttribute('data-state', 'ready');
  const overlay = page.getByTestId('metrics-overlay');
  await expect(overlay).toBeInViewport({ ratio: 1 });
  await expect(overlay).toContainText('AbsRel');
  // Nothing scrolled to get there.
  expect(await page.evaluate(() => [window.scrollY, document.querySelector('.side')?.scrollTop ?? 0])).toEqual([0, 0]);
});

test('? shows the keyboard shortcuts, Escape closes them', async ({ page }) => {
  await openApp(page, '?src=/samples/tum-depth.png');
  await page.getByTestId('viewport').focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Zoom in');
  await expect(dialog).toContainText('Pan the image');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // The toolbar's button opens it too.
  await page.getByRole('button', { name: 'Keyboard shortcuts (?)' }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('every button, input and select on the page has an accessible name', async ({ page }) => {
  await openApp(page, LINK);
  await expect(page.getByTestId('metrics')).toHaveAttribute('data-state', 'ready');
  const controls = page.locator('button, input, select, textarea');
  const count = await controls.count();
  expect(count).toBeGreaterThan(20);
  for (let i = 0; i < count; i++) {
    const control = controls.nth(i);
    const what = await control.evaluate((el) => el.outerHTML.slice(0, 160));
    await expect(control, what).toHaveAccessibleName(/\S/, { timeout: 2000 });
  }
});

test('a side section collapses, stays collapsed after a reload, and reopens', async ({ page }) => {
  await openApp(page, '?src=/samples/tum-depth.png');
  const toggle = page.getByRole('button', { name: 'Filters', exact: true });
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('section-filters')).toHaveAttribute('data-open', 'false');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Filters', exact: true })).toHaveAttribute('aria-expanded', 'false');
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await expect(page.getByTestId('section-filters')).toHaveAttribute('data-open', 'true');
});

test('in 3-D at 1280×800 the Camera and 3-D section opens in the viewport; the Filters section has one heading', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, '?src=/samples/tum-depth.png');
  await expect(page.getByRole('heading', { name: 'Filters', exact: true })).toHaveCount(1);
  await page.getByTestId('mode').selectOption('cloud');
  const section = page.getByTestId('section-camera');
  await expect(section).toHaveAttribute('data-open', 'true');
  await expect(page.getByRole('button', { name: 'Camera and 3-D', exact: true })).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('cloud-stride')).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('reset-3d')).toBeInViewport({ ratio: 1 });
});
