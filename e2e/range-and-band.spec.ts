/**
 * The colour range: percentiles by default (checked against a percentile
 * computed here, numpy's 'linear' method, from the file), other percentiles,
 * a range dragged on the histogram; and the band of trusted depths.
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { decode } from 'fast-png';
import { clickPixel, openApp, sample } from './helpers';

/** TUM frame in metres, valid only, sorted: computed without the app's code. */
const sorted = Float64Array.from(
  Array.from(decode(readFileSync(sample('tum/depth.png'))).data as Uint16Array)
    .filter((r) => r > 0)
    .map((r) => Math.fround(r / 5000)),
).sort();

function percentile(p: number): number {
  const rank = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

async function legendRange(page: import('@playwright/test').Page): Promise<[number, number]> {
  const legend = page.getByTestId('legend');
  return [Number(await legend.getAttribute('data-lo')), Number(await legend.getAttribute('data-hi'))];
}

test('auto range is the 2nd-98th percentile; other percentiles can be typed', async ({ page }) => {
  await openApp(page);
  const [lo, hi] = await legendRange(page);
  expect(lo).toBeCloseTo(percentile(2), 5);
  expect(hi).toBeCloseTo(percentile(98), 5);

  await page.getByTestId('range-plo').fill('10');
  await page.getByTestId('range-plo').press('Enter');
  await page.getByTestId('range-phi').fill('90');
  await page.getByTestId('range-phi').press('Enter');
  await expect.poll(async () => (await legendRange(page))[0]).toBeCloseTo(percentile(10), 5);
  expect((await legendRange(page))[1]).toBeCloseTo(percentile(90), 5);
});

test('dragging across the histogram sets the range, and the link keeps it', async ({ page }) => {
  await openApp(page);
  const before = await legendRange(page);
  const box = (await page.getByTestId('histogram').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.05, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  await expect.poll(async () => (await legendRange(page))[0]).not.toBeCloseTo(before[0], 6);
  const [lo, hi] = await legendRange(page);
  expect(hi).toBeGreaterThan(lo);
  await expect(page.getByTestId('range-auto')).toBeEnabled();
  await expect(page.getByTestId('range-min')).toHaveValue(String(Number(lo.toPrecision(6))));
  await expect.poll(() => page.url()).toMatch(/range=[\d.]+,[\d.]+/);
  await page.getByTestId('range-auto').click();
  await expect.poll(async () => (await legendRange(page))[0]).toBeCloseTo(percentile(2), 5);
});

test('depths outside the trusted band become no depth', async ({ page }) => {
  await openApp(page, '?probe=320,240;500,400');
  const stats = page.getByTestId('stats');
  const validBefore = Number(await stats.getAttribute('data-valid-fraction'));
  await page.getByTestId('valid-max').fill('2.3');
  await page.getByTestId('valid-max').press('Enter');
  const probes = page.getByTestId('probe');
  await expect(probes.nth(1)).toHaveAttribute('data-depth-m', ''); // 2.333 m > 2.3
  await expect(probes.nth(1)).toHaveAttribute('data-raw', '11665'); // the stored sample is still shown
  await expect(probes.nth(0)).toHaveAttribute('data-depth-m', '2.184');
  const inBand = sorted.filter((v) => v <= 2.3).length / (640 * 480);
  await expect(stats).toHaveAttribute('data-valid-fraction', String(inBand));
  expect(inBand).toBeLessThan(validBefore);
  await clickPixel(page, 100, 200); // 2.467 m: outside too
  await expect(probes.nth(2)).toHaveAttribute('data-depth-m', '');
});
