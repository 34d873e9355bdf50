/**
 * Filter kernels on real WebGPU against their CPU references (src/core/filters),
 * on the real frames and on a generated field with holes, edges and specials.
 *
 * Tolerance: none. threshold and median only select input values (compare and
 * sort, no arithmetic), so every output must be bit-identical to the reference;
 * NaN only has to be NaN (the kernels write one NaN pattern).
 */
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { sample } from './helpers';

async function harness(page: Page) {
  await page.goto('/e2e/harness.html');
  await page.waitForFunction(() => 'harness' in window);
}

function generatedField(width: number, height: number): (number | string)[] {
  let seed = 99;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  return Array.from({ length: width * height }, (_, i) => {
    const x = i % width;
    const y = Math.floor(i / width);
    const r = rand();
    if (r < 0.08) return 'NaN';
    if (r < 0.09) return 'Infinity';
    if (r < 0.1) return -1;
    // A step edge plus a vertical ramp and noise: about 60% inside the [1.5, 3] threshold band.
    return (x < width / 3 ? 1.2 : 2.2) + (1.2 * y) / height + (rand() - 0.5) * 0.3;
  });
}

const FILTERS: [name: 'threshold' | 'median3' | 'median5', args: number[]][] = [
  ['threshold', [1.5, 3]],
  ['threshold', [0, 100]],
  ['median3', []],
  ['median5', []],
];

test('generated field (ragged 53 x 37): every filter bit-exact', async ({ page }) => {
  await harness(page);
  await page.evaluate((v) => window.harness.addValuesCase('gen', v, 53, 37), generatedField(53, 37));
  for (const [name, args] of FILTERS) {
    const r = await page.evaluate(({ name, args }) => window.harness.compareFilter('gen', name, args), { name, args });
    expect(r.diffs, `${name}(${args})`).toEqual([]);
    expect(r.diffCount).toBe(0);
    expect(r.valid).toBeGreaterThan(r.pixels / 3); // the comparison covered real values, not only holes
  }
});

for (const [name, file, scale] of [
  ['tum', 'tum/depth.png', 'tum'],
  ['nyu', 'nyu/depth.pgm', 'nyu'],
] as const) {
  test(`real ${name} frame: every filter bit-exact`, async ({ page }) => {
    await harness(page);
    const b64 = readFileSync(sample(file)).toString('base64');
    await page.evaluate(({ name, b64, scale }) => window.harness.addFileCase(name, b64, scale), { name, b64, scale });
    for (const [filter, args] of FILTERS) {
      const r = await page.evaluate(({ name, filter, args }) => window.harness.compareFilter(name, filter, args), { name, filter, args });
      expect(r.diffs, `${filter}(${args})`).toEqual([]);
      expect(r.valid).toBeGreaterThan(r.pixels / 4);
    }
  });
}
