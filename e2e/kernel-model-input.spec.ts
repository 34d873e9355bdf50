/**
 * shaders/model-input.wgsl (the depth model's input made on the GPU) on real
 * WebGPU against modelInputReference (src/core/model-input.ts) on random frames:
 * an identity size, Depth Anything's downscale of a 640 x 480 camera frame, an
 * upscale (edges clamped) and an odd size; within the tolerance derived
 * below. A rescale factor 1e-4 off on the GPU must fail it.
 */
import { test, expect, type Page } from '@playwright/test';
import type { ModelInputComparison } from './harness-model-input';

/**
 * Tolerance, derived (u = 2^-24, values in grey levels 0..255):
 * - the taps and the split of each position are integer, exact; the weight
 *   rem / den (< 1) is one f32 division, within 2.5 ulp: |Δw| ≤ 2.5 u;
 * - each lerp a + w (b − a) rounds twice (≤ 2 · 255 u) and carries |Δw| · 255;
 *   three lerps (two on rows, one across): ≤ 3 · (2 · 255 u + 2.5 u · 255) ≈ 6.8e-5 levels;
 * - normalisation, |v · rescale| ≤ 1, |value| ≤ 2.7: fl(v · rescale) and fl(· − mean)
 *   round by ≤ u each (≤ 6e-8 and 3.1e-8), mean as an f32 constant by ≤ 2.9e-8; all three
 *   are divided by std ≥ 0.224 (× 4.46): ≤ 5.4e-7; std as f32 adds ≤ 2.7 u = 1.6e-7; WGSL's
 *   division is within 2.5 ulp of 2.7 (ulp 2^-22): ≤ 6e-7; in all ≤ 1.3e-6;
 * - the interpolation's 6.8e-5 levels become 6.8e-5 · rescale / min(std) ≈ 1.2e-6;
 * so |gpu − cpu| ≤ 2.5e-6 for Depth Anything's constants: MODEL_INPUT_TOLERANCE = 3e-6.
 * An identity resize reads bytes as they are, leaving only the normalisation's share.
 */
const MODEL_INPUT_TOLERANCE = 3e-6;

const MODULE = '/e2e/harness-model-input.ts';

async function compare(page: Page, size: [number, number, number, number], seed: number, perturb = 1): Promise<ModelInputComparison> {
  return page.evaluate(
    async ({ size, seed, perturb, module }) =>
      ((await import(module)) as typeof import('./harness-model-input')).compareModelInput(size[0], size[1], size[2], size[3], seed, perturb),
    { size, seed, perturb, module: MODULE },
  );
}

const CASES: [string, [number, number, number, number]][] = [
  ['identity 518 x 392', [518, 392, 518, 392]],
  ['640 x 480 to 518 x 392 (Depth Anything at 480p)', [640, 480, 518, 392]],
  ['160 x 90 up to 518 x 294', [160, 90, 518, 294]],
  ['odd 333 x 101 to 70 x 28', [333, 101, 70, 28]],
];

test('model input on the GPU matches the reference within the derived bound; a perturbed rescale fails', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/e2e/harness.html');
  for (const [label, size] of CASES) {
    const r = await compare(page, size, 7);
    expect(r.compared, label).toBe(3 * size[2] * size[3]);
    expect(r.largest, label).toBeLessThanOrEqual(2.7); // the range the tolerance was derived for
    expect(r.worst, label).toBeLessThanOrEqual(MODEL_INPUT_TOLERANCE);
    expect(r.colourMismatches, label).toBe(0);
    console.log(`${label}: worst ${r.worst.toExponential(2)} (bound ${MODEL_INPUT_TOLERANCE})`);
  }
  const perturbed = await compare(page, CASES[1][1], 7, 1 + 1e-4);
  expect(perturbed.worst).toBeGreaterThan(MODEL_INPUT_TOLERANCE);
});
