/**
 * Filter kernels that only select input values, on real WebGPU against their CPU
 * references (src/core/filters), on the real frames and on generated fields with
 * holes, edges and special values: threshold, median, neighbour and left hole filling,
 * decimation, inverse depth. No tolerance: they compare and copy (inverse depth
 * computes the correctly rounded reciprocal in integers, as the reference's float64
 * division rounded once is), so every output must be bit-identical to the reference;
 * NaN only has to be NaN (the kernels write one NaN pattern). Bilateral computes, and
 * has a bound derived below.
 */
import { test, expect, type Page } from '@playwright/test';
import { addSample, addValues, generatedField, holesAndEdges, openHarness } from './kernel-fields';
import type { KernelName } from './harness-kernels';

async function compare(page: Page, caseName: string, name: KernelName, args: number[], gpuArgs?: number[]) {
  return page.evaluate(({ caseName, name, args, gpuArgs }) => window.harness.compareFilter(caseName, name, args, gpuArgs), { caseName, name, args, gpuArgs });
}

async function expectExact(page: Page, caseName: string, name: KernelName, args: number[], minValidShare = 1 / 4) {
  const r = await compare(page, caseName, name, args);
  expect(r.diffs, `${caseName}: ${name}(${args})`).toEqual([]);
  expect(r.diffCount).toBe(0);
  expect(r.overBound).toBe(0); // also tells +0 from -0
  expect(r.valid, `${caseName}: ${name}(${args}) compared real values, not only holes`).toBeGreaterThan(r.pixels * minValidShare);
  return r;
}

/** Kernels that only select input values, or do integer arithmetic (decimation's mean of whole units): bit-exact. */
const FILTERS: [name: KernelName, args: number[]][] = [
  ['threshold', [1.5, 3]],
  ['threshold', [0, 100]],
  ['median3', []],
  ['median5', []],
  ['fill-farthest', []],
  ['fill-nearest', []],
  ['fill-left', []],
  ['inverse-depth', []],
  ['decimate', [2]],
  ['decimate', [3]],
  ['decimate', [4, 0.001]],
  ['decimate', [8, 1 / 5000]],
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
    const r = await compare(page, caseName, name, args);
    expect(r.validityMismatches, `${name}(${args})`).toBe(0);
    expect(r.maxRel, `${name}(${args}) max relative error`).toBeLessThanOrEqual(bilateralBound(args[0]));
    expect(r.valid).toBeGreaterThan(r.pixels / 4);
  }
}

test('generated field (ragged 53 x 37): every filter matches its reference', async ({ page }) => {
  await openHarness(page);
  await addValues(page, 'gen', generatedField(53, 37), 53, 37);
  for (const [name, args] of FILTERS) await expectExact(page, 'gen', name, args, 1 / 3);
  await expectBilateralClose(page, 'gen');
});

for (const [name, file, scale] of [
  ['tum', 'tum/depth.png', 'tum'],
  ['nyu', 'nyu/depth.pgm', 'nyu'],
] as const) {
  test(`real ${name} frame: every filter matches its reference`, async ({ page }) => {
    await openHarness(page);
    await addSample(page, name, file, scale);
    for (const [filter, args] of FILTERS) await expectExact(page, name, filter, args);
    await expectBilateralClose(page, name);
  });
}

test('decimation: every factor, odd sizes, padding to 4, means above 3, inputs smaller than the factor', async ({ page }) => {
  await openHarness(page);
  await addSample(page, 'tum', 'tum/depth.png', 'tum');
  // Odd crops of the real frame: 637 x 479 leaves partial blocks at the right and bottom for every factor but 7 (637 = 7 * 91).
  await page.evaluate(() => window.harness.addCropCase('tum-odd', 'tum', 1, 0, 637, 479));
  await addValues(page, 'gen', generatedField(53, 37), 53, 37);
  await addValues(page, 'holes', holesAndEdges(101, 77), 101, 77);
  await addValues(page, 'tiny', generatedField(5, 9, 3), 5, 9);
  for (let factor = 2; factor <= 8; factor++) {
    for (const c of ['tum-odd', 'gen', 'holes']) {
      // Whole blocks, padded with no depth to a multiple of 4 (librealsense decimation-filter.cpp:335-345).
      const width = Math.ceil(Math.floor({ 'tum-odd': 637, gen: 53, holes: 101 }[c]! / factor) / 4) * 4;
      const units = await expectExact(page, c, 'decimate', [factor, 0.001], 1 / 8);
      expect(units.width).toBe(width);
      if (factor <= 3) continue;
      // The float mean: within the derived bound (e2e/harness-kernels.ts).
      const r = await compare(page, c, 'decimate', [factor]);
      expect(r.validityMismatches, `${c}: decimate(${factor})`).toBe(0);
      expect(r.overBound, `${c}: decimate(${factor})`).toBe(0);
      expect(r.width).toBe(width);
    }
  }
  // 5 x 9 by 6: no whole block across, an empty output (0 x 4 after padding), and nothing dispatched.
  const empty = await compare(page, 'tiny', 'decimate', [6]);
  expect([empty.width, empty.height, empty.pixels]).toEqual([0, 4, 0]);
  // Can fail: the unit (a mean of whole mm is not one of whole 0.2 mm).
  const wrongUnit = await compare(page, 'tum', 'decimate', [4, 0.001], [4, 0.0002]);
  expect(wrongUnit.diffCount).toBeGreaterThan(0);
});

test('inverse depth and the selection kernels on random f32 bit patterns (subnormals, overflow, signs, NaNs)', async ({ page }) => {
  await openHarness(page);
  await page.evaluate(() => window.harness.addRandomBitsCase('bits', 1024, 1024, 12345));
  // About half the patterns are positive and finite: the rest (negative, NaN, +-Infinity) must come out NaN.
  const r = await expectExact(page, 'bits', 'inverse-depth', [], 0.4);
  expect(r.valid).toBeLessThan(r.pixels * 0.6);
  // Edge values: 1/v overflows f32 for v below about 2.94e-39 (a subnormal); v = 2^-127 and
  // the largest f32 give subnormal and exact results; zero of either sign and negatives are invalid.
  const edges = [1, 2, 3, 0.1, 1e-39, 2.9e-39, 2.95e-39, 3e-39, 1.2e-38, 2 ** -127, 2 ** -126, 2 ** 126, 2 ** 127, 3.4028234663852886e38, 1.7e38, 1e-45, -1, 0, '-0', 'NaN', 'Infinity', '-Infinity', 5000, 1 / 3, 0.9999999, 1.0000001];
  await addValues(page, 'edges', edges, edges.length, 1);
  await expectExact(page, 'edges', 'inverse-depth', [], 0.6);
  // The selection kernels on the same patterns: they compare order keys, exact for every
  // finite f32 (subnormals included).
  for (const [name, args] of [['fill-left', []], ['fill-nearest', []], ['median3', []], ['median5', []], ['decimate', [3]]] as const) {
    await expectExact(page, 'bits', name, [...args], 0.4);
  }
  await expectExact(page, 'bits', 'threshold', [1e-20, 1e20], 0.1);
});

test('selection kernels on ties and special values: +0 and -0, subnormals, negatives', async ({ page }) => {
  // Equal values (+0 and -0 compare equal) must resolve as the reference's stable sort
  // does, and subnormals must order exactly (an f32 comparison may flush them to zero).
  await openHarness(page);
  let seed = 17;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const pool = [0, '-0', 0, '-0', 1e-40, -1e-40, 3e-42, -2e-39, 1, -1, 2, 'NaN', 'Infinity'];
  const values = Array.from({ length: 61 * 43 }, () => pool[Math.floor(rand() * pool.length)]);
  await addValues(page, 'special', values, 61, 43);
  for (const [name, args] of [['median3', []], ['median5', []], ['decimate', [2]], ['decimate', [3]], ['fill-farthest', []], ['fill-nearest', []], ['threshold', [-1e-39, 1e-39]]] as const) {
    await expectExact(page, 'special', name, [...args], 0.5);
  }
});

test("librealsense's disparity both ways: bit-exact on real frames, Z16 units, float sources and random f32 patterns", async ({ page }) => {
  await openHarness(page);
  await addSample(page, 'tum', 'tum/depth.png', 'tum');
  await addSample(page, 'nyu', 'nyu/depth.pgm', 'nyu');
  // Factors: a D435 at 640 x 480 (50 mm, fx 382.5) in mm and in TUM's 1/5000 m, and in metres (float).
  const mm = 612000;
  for (const c of ['tum', 'nyu']) {
    await expectExact(page, c, 'disparity-to', [mm, 0.001]);
    await expectExact(page, c, 'disparity-to', [mm * 5, 1 / 5000]);
    await expectExact(page, c, 'disparity-to', [612, 0]);
    // Depth values read as disparities: quotients of every size, rounded to whole units half up.
    await expectExact(page, c, 'disparity-back', [60000, 0.001]);
    await expectExact(page, c, 'disparity-back', [612, 0]);
  }
  // The long division against the f32 quotient on random bit patterns: normal, subnormal,
  // overflowing and invalid quotients (about half the patterns are negative or not finite).
  await page.evaluate(() => window.harness.addRandomBitsCase('bits', 512, 512, 4242));
  for (const factor of [612000, 3.1e-30, 7.5e30]) await expectExact(page, 'bits', 'disparity-back', [factor, 0], 0.1);
  // Can fail: another factor.
  const r = await compare(page, 'tum', 'disparity-to', [mm, 0.001], [mm * 1.0000001, 0.001]);
  expect(r.diffCount).toBeGreaterThan(0);
});

test('threshold keeps exactly the depths the reference keeps when its bounds are not f32 values', async ({ page }) => {
  await openHarness(page);
  // f32(2.3) < 2.3 and f32(0.1) > 0.1: bounds rounded to nearest would keep the first with
  // min 2.3 and the second with max 0.1; the reference keeps neither.
  const f = Math.fround;
  const values = [f(2.3), 2.3000001, 2.2999998, f(0.1), 0.099999994, 0.10000001, 2.5, 0.05];
  await addValues(page, 'bounds', values, values.length, 1);
  const hi = await expectExact(page, 'bounds', 'threshold', [2.3, 5], 0);
  expect(hi.valid).toBe(2);
  const lo = await expectExact(page, 'bounds', 'threshold', [0, 0.1], 0);
  expect(lo.valid).toBe(2);
});

test('the comparisons can fail: a parameter changed on the GPU side only', async ({ page }) => {
  await openHarness(page);
  await addSample(page, 'tum', 'tum/depth.png', 'tum');
  // TUM depths come in Kinect steps (about 1 cm at 2.5 m): the bound has to cross one.
  const r = await compare(page, 'tum', 'threshold', [1.5, 2.5], [1.5, 2.45]);
  expect(r.validityMismatches).toBeGreaterThan(0);
  const b = await compare(page, 'tum', 'bilateral-abs', [3, 2, 0.05], [3, 2, 0.0505]);
  expect(b.maxRel).toBeGreaterThan(bilateralBound(3));
});

test('the harness fails on GPU validation errors', async ({ page }) => {
  await openHarness(page);
  const message = await page.evaluate(() => window.harness.provokeValidationError().catch((e: Error) => e.message));
  expect(message).toMatch(/GPU validation error/);
});
