/**
 * shaders/depth-stats.wgsl (count of finite values, least, greatest, mean of one
 * field: a live frame's statistics without reading the frame back) on real WebGPU
 * against computeStats (float64) on the real TUM and NYU frames, on a relative
 * model's kind of output (affine inverse depth with holes), and on a tiled frame that
 * takes three reduction levels. count, min and max must be equal exactly, the mean
 * within the bound e2e/harness-depth-stats.ts derives; a GPU that sees the field
 * 1e-3 larger must fail both. shaders/radix-select.wgsl's percentiles (src/gpu/select-pass.ts)
 * must equal percentileOfSorted over sortedValid exactly.
 */
import { test, expect, type Page } from '@playwright/test';
import { checkScenarios, FRAMES_MODULE, inHarness } from './metrics-frames';
import type { StatsScenario } from './harness-depth-stats';

const percentiles = (page: Page, s: StatsScenario) =>
  inHarness<(typeof import('./harness-depth-stats'))['comparePercentiles']>(page, '/e2e/harness-depth-stats.ts', 'comparePercentiles', s);
const compare = (page: Page, s: StatsScenario) => inHarness<(typeof import('./harness-depth-stats'))['compareDepthStats']>(page, '/e2e/harness-depth-stats.ts', 'compareDepthStats', s);

const SCENARIOS: [string, StatsScenario][] = [
  ['tum depth (metres, holes)', { frame: 'tum', field: 'depth' }],
  ['nyu depth', { frame: 'nyu', field: 'depth' }],
  ['tum, affine inverse depth with holes (a relative model)', { frame: 'tum', field: 'affineInverse' }],
  ['nyu tiled 3 x 3 (three reduction levels)', { frame: 'nyu3', field: 'depth' }],
];

/** For the selection: values of both signs too (the order key flips negative floats). */
const SELECT_SCENARIOS: [string, StatsScenario][] = [...SCENARIOS.slice(0, 3), ['nyu depth less 2 m (both signs)', { frame: 'nyu', field: 'centred' }]];

async function withTiled(page: Page): Promise<void> {
  await page.evaluate(async (module) => ((await import(module)) as typeof import('./harness-metrics')).addTiledFrame('nyu3', 'nyu', 3, 3), FRAMES_MODULE);
}

test('GPU count, min, max equal the float64 statistics exactly, the mean within the derived bound', async ({ page }) => {
  let tiled = false;
  await checkScenarios(page, SCENARIOS, async (label, s) => {
    if (!tiled) await withTiled(page);
    tiled = true;
    const r = await compare(page, s);
    expect(r.cpu.validCount, label).toBeGreaterThan(100_000);
    expect(r.gpu.validCount, label).toBe(r.cpu.validCount);
    expect(r.gpu.min, label).toBe(r.cpu.min);
    expect(r.gpu.max, label).toBe(r.cpu.max);
    expect(Math.abs(r.gpu.mean - r.cpu.mean), `${label}: mean ${r.gpu.mean} vs ${r.cpu.mean}, bound ${r.meanBound}`).toBeLessThanOrEqual(r.meanBound);
  });
});

test('a field 1e-3 larger on the GPU side fails the max and the mean bound', async ({ page }) => {
  let tiled = false;
  await checkScenarios(page, SCENARIOS, async (label, s) => {
    if (!tiled) await withTiled(page);
    tiled = true;
    const r = await compare(page, { ...s, gpuFactor: 1 + 1e-3 });
    expect(r.gpu.max, label).not.toBe(r.cpu.max);
    // 1e-3 of the mean against 7 L u max|v| (L = 28 to 36 here: about 1.2e-5 to 1.5e-5 of the max).
    expect(Math.abs(r.gpu.mean - r.cpu.mean), label).toBeGreaterThan(r.meanBound);
  });
});

test('percentiles by GPU radix selection equal percentileOfSorted exactly, and a 1e-3 larger field fails', async ({ page }) => {
  await checkScenarios(page, SELECT_SCENARIOS, async (label, s) => {
    const r = await percentiles(page, s);
    // The selection returns the very f32 values at the two ranks, and the interpolation is the same code.
    expect(r.gpu, label).toEqual(r.cpu);
    expect(r.cpu.every(Number.isFinite), label).toBe(true);
    const off = await percentiles(page, { ...s, gpuFactor: 1 + 1e-3 });
    expect(off.gpu.filter((v, i) => v !== r.cpu[i]).length, label).toBeGreaterThan(0);
  });
});
