/**
 * When the GPU device is lost, the app says so, makes a new device and shows the
 * same heatmap again, with the image, probes and settings kept.
 */
import { test, expect } from '@playwright/test';
import { colormapTable } from '../src/core/colormap-tables';
import { colormapIndex, colormapPosition } from '../src/core/colorize';
import { colorClose, destroyAppDevice, openApp, screenColor } from './helpers';

test('device loss: notice, a new device, the same picture', async ({ page }) => {
  await openApp(page, '?src=/samples/tum-depth.png&scale=tum&colormap=viridis&range=1.5,3.5&probe=320,240');
  const t = colormapPosition(2.184, { lo: 1.5, hi: 3.5, logScale: false, reverse: false, checkerPx: 4 });
  const k = colormapIndex(t as number) * 3;
  const expected = [...colormapTable('viridis').subarray(k, k + 3)];
  await expect.poll(async () => colorClose(await screenColor(page, 320, 240), expected, 2)).toBe(true);

  await destroyAppDevice(page);
  await expect(page.getByTestId('backend-notice')).toContainText('lost');
  await expect(page.getByTestId('backend-notice')).toContainText('reconnected');
  await expect(page.getByTestId('app')).toHaveAttribute('data-backend', 'webgpu');
  await expect.poll(async () => colorClose(await screenColor(page, 320, 240), expected, 2)).toBe(true);
  // A canvas keeps its last frame after a loss: only a new picture proves the new device draws.
  await page.getByTestId('colormap').selectOption('magma');
  const m = [...colormapTable('magma').subarray(k, k + 3)];
  await expect.poll(async () => colorClose(await screenColor(page, 320, 240), m, 2)).toBe(true);
  await expect(page.getByTestId('probe')).toHaveAttribute('data-depth-m', '2.184');
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', '640');
});
