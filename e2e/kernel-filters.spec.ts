/**
 * Filter kernels on real WebGPU against their CPU references (src/core/filters),
 * on the real frames and on a generated field with holes, edges and specials.
 *
 * Tolerance: none for threshold, median and neighbour hole filling: they only
 * select input values (compare and sort, no arithmetic), so every output must be
 * bit-identical to the reference; NaN only has to be NaN (the kernels write one
 * NaN pattern). Bilateral computes, and has a bound derived below.
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

type ExactFilter = 'threshold' | 'median3' | 'median5' | 'fill-farthest' | 'fill-nearest';

/** Kernels that only select input values: bit-exact. */
const FILTERS: [name: ExactFilter, args: number[]][] = [
  ['threshold', [1.5, 3]],
  ['threshold', [0, 100]],
  ['median3', []],
  ['median5', []],
  ['fill-farthest', []],
  ['fill-nearest', []],
];

/**
 * Bilateral does arithmetic: f32 on the GPU, float64 in the reference. The output
 * is a weighted mean of at most (2r+1)^2 window samples, so its relative error is
 * bounded by the error of the weights and sums: WGSL allows exp() 3 + 2|x| ULP and
 * division 2.5 ULP; f32 sums of n positive terms add up to n ULP (2^-23 each).
 * Bound used: relative 4 * (2r+1)^2 * 2^-23 (r = 3: 2.3e-5), i.e. about 0.05 mm
 * at 2 m. Validity (NaN or not) must match exactly.
 */
const BILATERAL: [name: 'bilateral-abs' | 'bilateral-rel', args: number[]][] = [
  ['bilateral-abs', [3, 2, 0.05]],
  ['bilateral-rel', [2, 1.5, 0.02]],
  ['bilateral-abs', [1, 0.8, 0.5]],
];
const bilateralBound = (r: number) => 4 * (2 * r + 1) ** 2 * 2 ** -23;

async function expectBilateralClose(page: Page, caseName: string) {
  for (const [name, args] of BILATERAL) {
    const r = await page.evaluate(({ caseName, name, args }) => window.harness.compareFilter(caseName, name, args), { caseName, name, args });
    expect(r.validityMismatches, `${name}(${args})`).toBe(0);
    expect(r.maxRel, `${name}(${args}) max relative error`).toBeLessThanOrEqual(bilateralBound(args[0]));
    expect(r.valid).toBeGreaterThan(r.pixels / 4);
  }
}

test('generated field (ragged 53 x 37): every filter matches its reference', async ({ page }) => {
  await harness(page);
  await page.evaluate((v) => window.harness.addValuesCase('gen', v, 53, 37), generatedField(53, 37));
  for (const [name, args] of FILTERS) {
    const r = await page.evaluate(({ name, args }) => window.harness.compareFilter('gen', name, args), { name, args });
    expect(r.diffs, `${name}(${args})`).toEqual([]);
    expect(r.diffCount).toBe(0);
    expect(r.valid).toBeGreaterThan(r.pixels / 3); // the comparison covered real values, not only holes
  }
  await expectBilateralClose(page, 'gen');
});

for (const [name, file, scale] of [
  ['tum', 'tum/depth.png', 'tum'],
  ['nyu', 'nyu/depth.pgm', 'nyu'],
] as const) {
  test(`real ${name} frame: every filter matches its reference`, async ({ page }) => {
    await harness(page);
    const b64 = readFileSync(sample(file)).toString('base64');
    await page.evaluate(({ name, b64, scale }) => window.harness.addFileCase(name, b64, scale), { name, b64, scale });
    for (const [filter, args] of FILTERS) {
      const r = await page.evaluate(({ name, filter, args }) => window.harness.compareFilter(name, filter, args), { name, filter, args });
      expect(r.diffs, `${filter}(${args})`).toEqual([]);
      expect(r.valid).toBeGreaterThan(r.pixels / 4);
    }
    await expectBilateralClose(page, name);
  });
}
