/**
 * shaders/histogram-2d.wgsl and histogram-error.wgsl (the evaluation plots' histograms)
 * on real WebGPU against src/core/depth-metrics-histograms.ts, on real frames with
 * predictions made from them, with and without alignment, crops and a cap. The error
 * plot's counts must match exactly and its sums within the bounds derived in
 * e2e/harness-histograms.ts; the density plot's cells may differ only by pixels whose
 * prediction lies within its rounding of a bin edge. A GPU scale 1e-4 off must break both.
 */
import { test, expect, type Page } from '@playwright/test';
import { checkScenarios, inHarness, MAP_SCENARIOS as SCENARIOS } from './metrics-frames';
import type { Scenario } from './harness-metrics';

const compare = (page: Page, s: Scenario, bins: number) =>
  inHarness<(typeof import('./harness-histograms'))['compareHistograms']>(page, '/e2e/harness-histograms.ts', 'compareHistograms', s, 0.4, 9, bins);

test('histograms on the GPU: error plot counts exact, sums and density cells within the derived bounds', async ({ page }) => {
  await checkScenarios(page, SCENARIOS, async (label, s) => {
    for (const bins of [16, 64]) {
      const r = await compare(page, s, bins);
      const what = `${label}, ${bins} bins`;
      expect(r.counted, what).toBeGreaterThan(30_000);
      expect(r.binsUsed, what).toBeGreaterThanOrEqual(4); // several bins exercised (the capped NYU crop spans 9 of 64)
      expect(r.countMismatches, what).toBe(0);
      expect(r.sumsOutside, what).toEqual([]);
      expect(r.cellDifference, what).toBeLessThanOrEqual(r.cellAllowance);
    }
  });
});

test('a GPU scale 1e-4 off breaks the error sums and moves density cells', async ({ page }) => {
  await checkScenarios(page, SCENARIOS, async (label, s) => {
    const r = await compare(page, { ...s, gpuScaleFactor: 1 + 1e-4 }, 64);
    // Every unclamped p moves by 1e-4 p: the signed sums of all but the capped bins break,
    // and p's crossing a bin edge (1 / ln(9 / 0.4) * 64 * 1e-4 ≈ 0.2 % of them) move cells.
    expect(r.sumsOutside.length, label).toBeGreaterThan(r.binsUsed / 4);
    expect(r.cellDifference, label).toBeGreaterThan(r.cellAllowance);
  });
});
