/**
 * shaders/error-map.wgsl on real WebGPU against errorMap (src/core/depth-metrics-maps.ts,
 * float64 stored as f32), pixel by pixel, on real frames with predictions made from
 * them, in every mode (signed, abs-rel, δ failures) and alignment space, with crops, a
 * region and a cap. Which pixels have an error must match exactly; values within the
 * per-pixel bounds derived in e2e/harness-error-map.ts; and a GPU given a scale 1e-4
 * off must break them.
 */
import { test, expect, type Page } from '@playwright/test';
import { openWithSampleFrames } from './metrics-frames';
import type { ErrorMapComparison } from './harness-error-map';
import type { Scenario } from './harness-metrics';
import type { ErrorMapMode } from '../src/core/depth-metrics-maps';

// Served by the Vite dev server to the harness page (typed from the same files).
const MODULE = '/e2e/harness-error-map.ts';

async function compare(page: Page, s: Scenario, mode: ErrorMapMode): Promise<ErrorMapComparison> {
  return page.evaluate(
    async ({ s, mode, module }) => ((await import(module)) as typeof import('./harness-error-map')).compareErrorMap(s, mode),
    { s, mode, module: MODULE },
  );
}

const SCENARIOS: [string, Scenario][] = [
  ['tum, no alignment, noise and holes', { frame: 'tum', prediction: 'noisy', kind: 'depth', method: 'none', settings: {} }],
  ['nyu, Eigen crop, cap 1e-3..3 m', { frame: 'nyu', prediction: 'far', kind: 'depth', method: 'none', settings: { crop: 'eigen-nyu', cap: { min: 1e-3, max: 3 } } }],
  ['nyu, region, least-squares scale', { frame: 'nyu', prediction: 'scaled', kind: 'depth', method: 'lsq-scale', settings: { region: { x0: 30, y0: 20, x1: 400, y1: 333 } } }],
  ['tum, scale and shift in inverse depth, cap 10 m', { frame: 'tum', prediction: 'affineInverse', kind: 'inverse', method: 'lsq-scale-shift-inverse', settings: { cap: { min: 1e-3, max: 10 } } }],
];

test('error maps on the GPU: the same pixels as the reference, values within the derived bounds', async ({ page }) => {
  test.setTimeout(180_000);
  await openWithSampleFrames(page);
  for (const [label, s] of SCENARIOS) {
    for (const mode of ['signed', 'abs-rel', 'delta'] as const) {
      const r = await compare(page, s, mode);
      const what = `${label}, ${mode}`;
      expect(r.evaluated, what).toBeGreaterThan(50_000);
      expect(r.validityMismatches, what).toBe(0);
      expect(r.overBound, what).toBe(0);
    }
  }
});

test('a GPU scale 1e-4 off breaks the signed and abs-rel bounds', async ({ page }) => {
  await openWithSampleFrames(page);
  for (const [label, s] of SCENARIOS) {
    for (const mode of ['signed', 'abs-rel'] as const) {
      // p moves by 1e-4 p, thousands of times its bound of a few u p, wherever the cap does
      // not clamp it (in the capped NYU case most predictions are past 3 m: 3 % are not).
      const r = await compare(page, { ...s, gpuScaleFactor: 1 + 1e-4 }, mode);
      expect(r.overBound, `${label}, ${mode}`).toBeGreaterThan(Math.min(1000, r.evaluated / 2));
    }
  }
});
