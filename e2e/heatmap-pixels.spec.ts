/**
 * The canvas shows the colours the colormap says, at known pixels, on the
 * WebGPU path and on the WebGL fallback; and changing the colormap in the UI
 * changes them.
 *
 * Expected colours come from the CPU reference (src/core/colorize.ts, itself
 * checked against the kernel in kernel-colormap.spec.ts) applied to the README's
 * independently decoded depths. Tolerance ±2 levels per channel: the page
 * compositor may round once more; a wrong table entry or a shifted pixel is
 * further off than that at the pixels chosen (inside flat regions).
 */
import { test, expect, type Page } from '@playwright/test';
import { colormapTable, type ColormapName } from '../src/core/colormap-tables';
import { CHECKER_DARK, CHECKER_LIGHT, colormapIndex, colormapPosition } from '../src/core/colorize';
import { colorClose, openApp, screenColor } from './helpers';

const RANGE = { lo: 1.5, hi: 3.5, logScale: false, reverse: false, checkerPx: 4 };

function expected(colormap: ColormapName, metres: number, reverse = false): number[] {
  const t = colormapPosition(metres, { ...RANGE, reverse });
  const k = colormapIndex(t as number) * 3;
  return [...colormapTable(colormap).subarray(k, k + 3)];
}

async function expectColor(page: Page, x: number, y: number, rgb: number[]) {
  await expect.poll(async () => colorClose(await screenColor(page, x, y), rgb, 2), { message: `pixel (${x}, ${y}) ≈ ${rgb}` }).toBe(true);
}

// TUM frame (raw / 5000), probes from ../shared/samples/README.md.
const KNOWN: [number, number, number][] = [
  [320, 240, 2.184],
  [100, 200, 2.467],
  [500, 400, 2.333],
];

async function checkHeatmap(page: Page) {
  for (const [x, y, m] of KNOWN) await expectColor(page, x, y, expected('viridis', m));
  // (10, 10) has no depth: checkerboard cell (10/4 + 10/4) & 1 = 0, the light square.
  await expectColor(page, 10, 10, [CHECKER_LIGHT, CHECKER_LIGHT, CHECKER_LIGHT]);
  await expectColor(page, 5, 10, [CHECKER_DARK, CHECKER_DARK, CHECKER_DARK]);
}

test('WebGPU: the heatmap shows the colormap at known pixels and follows the colormap control', async ({ page }) => {
  await openApp(page, '?src=/samples/tum-depth.png&scale=tum&colormap=viridis&range=1.5,3.5');
  await expect(page.getByTestId('app')).toHaveAttribute('data-backend', 'webgpu');
  await expect(page.getByTestId('backend-notice')).toHaveCount(0);
  await checkHeatmap(page);

  await page.getByTestId('colormap').selectOption('inferno');
  await page.getByTestId('reverse').check();
  for (const [x, y, m] of KNOWN) await expectColor(page, x, y, expected('inferno', m, true));
});

test('WebGL fallback when WebGPU is absent: a notice, and the same colours from the CPU path', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
  });
  await openApp(page, '?src=/samples/tum-depth.png&scale=tum&colormap=viridis&range=1.5,3.5');
  await expect(page.getByTestId('app')).toHaveAttribute('data-backend', 'webgl');
  await expect(page.getByTestId('backend-notice')).toContainText('WebGPU is not available');
  await checkHeatmap(page);
});
