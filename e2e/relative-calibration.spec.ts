/**
 * An 8-bit image opens as relative depth; picking pixels of known distance
 * makes it metric (one point: scale; two points: scale and shift in inverse
 * depth, since larger = nearer for such images by default).
 */
import { test, expect } from '@playwright/test';
import { encode } from 'fast-png';
import { chooseFile, clickPixel, openApp } from './helpers';

/** 64 x 48 gray ramp: value = 20 + 3x at column x, so each column has a known relative value. */
function ramp(): Buffer {
  const w = 64;
  const h = 48;
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = 20 + 3 * x;
  return Buffer.from(encode({ width: w, height: h, depth: 8, channels: 1, data }));
}

test('relative depth made metric with one and two known points', async ({ page }) => {
  await openApp(page);
  await chooseFile(page, { name: 'ramp.png', mimeType: 'image/png', buffer: ramp() });
  await expect(page.getByTestId('units')).toHaveValue('relative');
  await expect(page.getByTestId('stats')).toHaveAttribute('data-min-m', '');

  const panel = page.getByTestId('calibration');
  await panel.getByTestId('calibrate-pick').click();
  await clickPixel(page, 10, 20); // value 50
  await panel.getByTestId('calibration-distance-0').fill('2');
  await panel.getByTestId('calibration-distance-0').press('Enter');
  await panel.getByTestId('calibrate-apply').click();
  await expect(panel.getByTestId('calibration-result')).toHaveAttribute('data-space', 'inverse');

  await clickPixel(page, 10, 20);
  await clickPixel(page, 40, 20); // value 140
  const probes = page.getByTestId('probe');
  await expect(probes).toHaveCount(2);
  expect(Number(await probes.nth(0).getAttribute('data-depth-m'))).toBeCloseTo(2, 9);
  // Scale only, in inverse depth: 1/z proportional to value, so z(140) = 2 * 50 / 140.
  expect(Number(await probes.nth(1).getAttribute('data-depth-m'))).toBeCloseTo((2 * 50) / 140, 9);
  await expect(page.getByTestId('stats')).toHaveAttribute('data-min-m', /\d/);

  await panel.getByTestId('calibrate-pick').click();
  await clickPixel(page, 10, 20);
  await clickPixel(page, 40, 20);
  await panel.getByTestId('calibration-distance-0').fill('3');
  await panel.getByTestId('calibration-distance-0').press('Enter');
  await panel.getByTestId('calibration-distance-1').fill('1.5');
  await panel.getByTestId('calibration-distance-1').press('Enter');
  await panel.getByTestId('calibrate-apply').click();
  await expect.poll(async () => Number(await probes.nth(0).getAttribute('data-depth-m'))).toBeCloseTo(3, 9);
  expect(Number(await probes.nth(1).getAttribute('data-depth-m'))).toBeCloseTo(1.5, 9);
});
