/**
 * shaders/alignment-sums.wgsl (the least-squares alignment fits as a parallel
 * reduction, solved by the same solveLineFit as the CPU fit and the point calibration)
 * on real WebGPU against fitAlignment (float64), on real frames with predictions made
 * from them: least-squares scale of depth and of inverse predictions, and scale and
 * shift in inverse depth (MiDaS), with crops, a region and a cap. Each coefficient must
 * be within the bound e2e/harness-alignment.ts derives from the fit's own pairs, and a
 * GPU that sees the prediction 1e-4 larger must fall outside it; the
 * pairs in the mask must be the same exactly.
 */
import { test, expect, type Page } from '@playwright/test';
import { checkScenarios, inHarness, openWithSampleFrames } from './metrics-frames';
import type { AlignmentScenario } from './harness-alignment';

const compare = (page: Page, s: AlignmentScenario) => inHarness<(typeof import('./harness-alignment'))['compareAlignment']>(page, '/e2e/harness-alignment.ts', 'compareAlignment', s);

const SCENARIOS: [string, AlignmentScenario][] = [
  ['tum, least-squares scale of a noisy depth prediction', { frame: 'tum', prediction: 'scaled', kind: 'depth', method: 'lsq-scale', settings: {} }],
  ['nyu, least-squares scale, Eigen crop and cap', { frame: 'nyu', prediction: 'far', kind: 'depth', method: 'lsq-scale', settings: { crop: 'eigen-nyu', cap: { min: 1e-3, max: 3 } } }],
  ['tum, least-squares scale of an inverse prediction', { frame: 'tum', prediction: 'affineInverse', kind: 'inverse', method: 'lsq-scale', settings: {} }],
  ['tum, scale and shift in inverse depth', { frame: 'tum', prediction: 'affineInverse', kind: 'inverse', method: 'lsq-scale-shift-inverse', settings: {} }],
  ['nyu, scale and shift in inverse depth, Eigen crop, cap 10 m', { frame: 'nyu', prediction: 'affineInverse', kind: 'inverse', method: 'lsq-scale-shift-inverse', settings: { crop: 'eigen-nyu', cap: { min: 1e-3, max: 10 } } }],
  ['nyu, scale and shift in inverse depth of a depth prediction, region', { frame: 'nyu', prediction: 'scaled', kind: 'depth', method: 'lsq-scale-shift-inverse', settings: { region: { x0: 50, y0: 60, x1: 600, y1: 400 } } }],
];

test('alignment fitted from GPU sums equals the float64 fit within the derived bound', async ({ page }) => {
  await checkScenarios(page, SCENARIOS, async (label, s) => {
    const r = await compare(page, s);
    // The mask is a matter of comparisons, not arithmetic: the same pairs exactly.
    expect(r.gpu.pairs, label).toBe(r.cpu.pairs);
    expect(r.cpu.pairs, label).toBeGreaterThan(10_000);
    expect(Math.abs(r.gpu.scale - r.cpu.scale), `${label}: scale ${r.gpu.scale} vs ${r.cpu.scale}`).toBeLessThanOrEqual(r.bound.scale);
    expect(Math.abs(r.gpu.shift - r.cpu.shift), `${label}: shift ${r.gpu.shift} vs ${r.cpu.shift}`).toBeLessThanOrEqual(r.bound.shift);
    if (s.method === 'lsq-scale') expect(r.gpu.shift).toBe(0);
  });
});

test('a prediction 1e-4 larger on the GPU side moves the scale past the bound', async ({ page }) => {
  await checkScenarios(page, SCENARIOS, async (label, s) => {
    const r = await compare(page, { ...s, gpuPredictionFactor: 1 + 1e-4 });
    // The scale answers by ~1e-4 relative (a depth x 1.0001 needs 1 / 1.0001 the scale; a
    // reciprocal input the same the other way). The bounds are worst cases, linear in the
    // additions per term (src/gpu/reduction.ts additionsPerTerm: 28 at 640x480 since issue
    // 17's reduction, 24 before, when they were 1.5e-5 to 6.5e-5 relative); the measured
    // differences are ~1e-8 relative.
    expect(Math.abs(r.gpu.scale - r.cpu.scale), label).toBeGreaterThan(r.bound.scale);
  });
});

test('an empty mask is refused on the GPU path with the solver’s message', async ({ page }) => {
  await openWithSampleFrames(page);
  const messages = await page.evaluate(async (module) => {
    const m = (await import(module)) as typeof import('./harness-alignment');
    const refusal = (s: AlignmentScenario) => m.gpuFit(s).then((a) => `fitted ${a.scale}`, (e: unknown) => String(e));
    return [
      // An empty window: nothing is dispatched.
      await refusal({ frame: 'tum', prediction: 'scaled', kind: 'depth', method: 'lsq-scale', settings: { region: { x0: 700, y0: 0, x1: 800, y1: 10 } } }),
      // A window of holes only (the cap keeps no reference depth): dispatched, n = 0.
      await refusal({ frame: 'tum', prediction: 'scaled', kind: 'depth', method: 'lsq-scale-shift-inverse', settings: { cap: { min: 100, max: 200 } } }),
      // The same as a check that the path can fit at all.
      await refusal({ frame: 'tum', prediction: 'scaled', kind: 'depth', method: 'lsq-scale', settings: {} }),
    ];
  }, '/e2e/harness-alignment.ts');
  expect(messages[0]).toMatch(/RangeError: .*no pair/);
  expect(messages[1]).toMatch(/RangeError: .*0 pair/);
  expect(messages[2]).toMatch(/^fitted 1\.2/);
});
