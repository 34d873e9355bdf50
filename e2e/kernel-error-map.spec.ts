/**
 * shaders/error-map.wgsl on real WebGPU against errorMap (src/core/depth-metrics-maps.ts,
 * float64 stored as f32), pixel by pixel, on real frames with predictions made from
 * them, in every mode (signed, abs-rel, δ failures) and alignment space, with crops, a
 * region and a cap. Which pixels have an error must match exactly; values within the
 * per-pixel bounds derived in e2e/harness-error-map.ts; and a GPU given a scale 1e-4
 * off must break them.
 */
import { test, expect, type Page } from '@playwright/test';
import { checkScenarios, inHarness, MAP_SCENARIOS as SCENARIOS } from './metrics-frames';
import type { Scenario } from './harness-metrics';
import type { ErrorMapMode } from '../src/core/depth-metrics-maps';

const compare = (page: Page, s: Scenario, mode: ErrorMapMode) =>
  inHarness<(typeof import('./harness-error-map'))['compareErrorMap']>(page, '/e2e/harness-error-map.ts', 'compareErrorMap', s, mode);

test('error maps on the GPU: the same pixels as the reference, values within the derived bounds', async ({ page }) => {
  await checkScenarios(page, SCENARIOS, async (label, s) => {
    for (const mode of ['signed', 'abs-rel', 'delta'] as const) {
      const r = await compare(page, s, mode);
      const what = `${label}, ${mode}`;
      expect(r.evaluated, what).toBeGreaterThan(50_000);
      expect(r.validityMismatches, what).toBe(0);
      expect(r.overBound, what).toBe(0);
    }
  });
});

test('a GPU scale 1e-4 off breaks the signed and abs-rel bounds', async ({ page }) => {
  await checkScenarios(page, SCENARIOS, async (label, s) => {
    for (const mode of ['signed', 'abs-rel'] as const) {
      // p moves by 1e-4 p, thousands of times its bound of a few u p, wherever the cap does
      // not clamp it (in the capped NYU case most predictions are past 3 m: 3 % are not).
      const r = await compare(page, { ...s, gpuScaleFactor: 1 + 1e-4 }, mode);
      expect(r.overBound, `${label}, ${mode}`).toBeGreaterThan(Math.min(1000, r.evaluated / 2));
    }
  });
});
