/**
 * shaders/depth-metrics.wgsl (the evaluation metrics as a parallel reduction) on
 * real WebGPU against the float64 reference src/core/depth-metrics.ts, on real
 * frames of ../shared/samples with predictions made from them: every alignment
 * space, crops, a region, a cap with clamping and the disparity floor. The count of
 * evaluated pixels must match exactly; each metric within the bound derived in
 * e2e/harness-metrics.ts from the reference's own pixels; and a GPU given a scale
 * one part in 10^4 off must fall outside those bounds.
 */
import { test, expect, type Page } from '@playwright/test';
import { checkScenarios, FRAMES_MODULE as MODULE, inHarness, openWithSampleFrames } from './metrics-frames';
import type { MetricsComparison, Scenario } from './harness-metrics';

const METRICS = ['absRel', 'sqRel', 'rmse', 'rmseLog', 'log10', 'silog', 'delta1', 'delta2', 'delta3'] as const;

const compare = (page: Page, s: Scenario) => inHarness<(typeof import('./harness-metrics'))['compareMetrics']>(page, MODULE, 'compareMetrics', s);

/** Which metrics are outside their bound (empty when the GPU agrees). */
function outside(r: MetricsComparison): string[] {
  return METRICS.filter((k) => !(Math.abs(r.gpu[k] - r.cpu[k]) <= r.bound[k])).map(
    (k) => `${k}: gpu ${r.gpu[k]} cpu ${r.cpu[k]} bound ${r.bound[k]}`,
  );
}

const SCENARIOS: [string, Scenario][] = [
  ['tum, no alignment, noise and holes', { frame: 'tum', prediction: 'noisy', kind: 'depth', method: 'none', settings: {} }],
  ['nyu, Eigen crop, cap 1e-3..3 m (clamping)', { frame: 'nyu', prediction: 'far', kind: 'depth', method: 'none', settings: { crop: 'eigen-nyu', cap: { min: 1e-3, max: 3 } } }],
  ['nyu, Garg crop and a region', { frame: 'nyu', prediction: 'noisy', kind: 'depth', method: 'none', settings: { crop: 'garg-kitti', region: { x0: 100, y0: 150, x1: 517, y1: 430 } } }],
  ['tum, least-squares scale', { frame: 'tum', prediction: 'scaled', kind: 'depth', method: 'lsq-scale', settings: {} }],
  ['tum, median scaling of an inverse prediction', { frame: 'tum', prediction: 'affineInverse', kind: 'inverse', method: 'median', settings: {} }],
  ['tum, scale and shift in inverse depth, cap 10 m', { frame: 'tum', prediction: 'affineInverse', kind: 'inverse', method: 'lsq-scale-shift-inverse', settings: { cap: { min: 1e-3, max: 10 } } }],
  ['nyu, scale and shift in inverse depth, Eigen crop', { frame: 'nyu', prediction: 'affineInverse', kind: 'inverse', method: 'lsq-scale-shift-inverse', settings: { crop: 'eigen-nyu' } }],
];

test('metrics on the GPU equal the float64 reference within the derived bounds, and the count exactly', async ({ page }) => {
  await checkScenarios(page, SCENARIOS, async (label, s) => {
    const r = await compare(page, s);
    expect(r.gpu.count, label).toBe(r.cpu.count);
    expect(r.cpu.count, label).toBeGreaterThan(10_000);
    expect(outside(r), label).toEqual([]);
  });
});

test('a 2560x960 frame (four reduction levels, partial last groups) matches too', async ({ page }) => {
  test.setTimeout(180_000);
  await openWithSampleFrames(page);
  await page.evaluate(async (module) => ((await import(module)) as typeof import('./harness-metrics')).addTiledFrame('tum4x2', 'tum', 4, 2), MODULE);
  for (const s of [
    { frame: 'tum4x2', prediction: 'noisy', kind: 'depth', method: 'none', settings: {} },
    { frame: 'tum4x2', prediction: 'affineInverse', kind: 'inverse', method: 'lsq-scale-shift-inverse', settings: { region: { x0: 3, y0: 5, x1: 2501, y1: 950 } } },
  ] satisfies Scenario[]) {
    const r = await compare(page, s);
    // 2.4 M pixels: 40 x 60 groups of 64 columns x 16 rows write 153 600 partials, merged
    // 256 a group into 600, then 3, then 1.
    expect(r.levels).toBe(4);
    expect(r.gpu.count).toBe(r.cpu.count);
    expect(outside(r)).toEqual([]);
  }
});

test('SILog of an exact multiple stays near 0 on the GPU (the pairwise variance does not cancel)', async ({ page }) => {
  await openWithSampleFrames(page);
  const r = await compare(page, { frame: 'tum', prediction: 'exact', kind: 'depth', method: 'none', settings: {} });
  expect(outside(r)).toEqual([]);
  // The reference's SILog is the f32 storage noise of p (~1e-5). Σd² - (Σd)² / n in f32 could be
  // off by L u mean(d²) ≈ 1.3e-8 (L = 24 additions, d = ln 1.1), a SILog of up to
  // 100 sqrt(1.3e-8) ≈ 0.01; the pairwise merge's bound is far tighter:
  expect(r.bound.silog).toBeLessThan(1e-3);
  expect(r.gpu.silog).toBeLessThan(1e-3);
  expect(Math.abs(r.gpu.absRel - 0.1)).toBeLessThan(1e-6);
  expect([r.gpu.delta1, r.gpu.delta2, r.gpu.delta3]).toEqual([1, 1, 1]);
});

test('an empty window evaluates nothing; a GPU scale 1e-4 off is caught', async ({ page }) => {
  await openWithSampleFrames(page);
  const empty = await compare(page, { frame: 'tum', prediction: 'noisy', kind: 'depth', method: 'none', settings: { region: { x0: 700, y0: 0, x1: 800, y1: 10 } } });
  expect(empty.gpu.count).toBe(0);
  expect(empty.gpu.absRel).toBeNaN();
  // Can fail: a scale 1 + 1e-4 moves d by 1e-4 at every pixel, so RMSE(log) and log10 by
  // ~1e-4 · (share of d's sign), past bounds of a few 1e-6, in every scenario (in depth space
  // and in inverse space). (The measured differences are ~1 % of the bounds: 1e-6-ish
  // relative bounds are what f32 arithmetic over 3e5 pixels can promise in the worst case.)
  for (const [label, s] of SCENARIOS) {
    const r = await compare(page, { ...s, gpuScaleFactor: 1 + 1e-4 });
    expect(outside(r).length, label).toBeGreaterThanOrEqual(2);
  }
});
