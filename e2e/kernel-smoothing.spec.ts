/**
 * The smoothing and filling kernels that do arithmetic, on real WebGPU against their
 * CPU references: the spatial (domain transform) filter, push-pull hole filling and
 * the temporal filter. The spatial and temporal references are librealsense's C++ float
 * arithmetic op by op (each +, -, * one f32 rounding, as WGSL's are): bit-exact for
 * every alpha. Push-pull's reference works in float64 and rounds each stored value to
 * f32 once; its bound is derived in e2e/harness-kernels.ts (pushPullBound). Which pixels
 * are valid never depends on rounding, nor do the edge-aware fill's choices (exact keys
 * compared through correctly rounded products), so validity always matches exactly.
 */
import { test, expect, type Page } from '@playwright/test';
import { addSample, addValues, generatedField, holesAndEdges, openHarness, tieFreeSurfaces } from './kernel-fields';
import type { KernelName } from './harness-kernels';
import type { TemporalRun } from './harness-compare';

async function compare(page: Page, caseName: string, name: KernelName, args: number[], gpuArgs?: number[]) {
  return page.evaluate(({ caseName, name, args, gpuArgs }) => window.harness.compareFilter(caseName, name, args, gpuArgs), { caseName, name, args, gpuArgs });
}

async function withRealFrames(page: Page) {
  await openHarness(page);
  await addSample(page, 'tum', 'tum/depth.png', 'tum');
  await addSample(page, 'nyu', 'nyu/depth.pgm', 'nyu');
}

// The spatial filter: librealsense's loops (src/core/filters/spatial-librealsense.ts), whose
// reference does C++ float arithmetic op by op (each +, -, * one f32 rounding) and whose
// depth units are whole numbers: WGSL's correctly rounded f32 ops give the same bits, for
// every alpha. Args: [alpha, delta, iterations, hole fill radius (255 = unlimited),
// variant (0 units, 1 float depth, 2 disparity), metres per unit].
const SPATIAL_SETTINGS = [
  [0.5, 0.02, 2, 0], // the Viewer's defaults (delta 20 mm), no fill
  [0.5, 0.02, 2, 2],
  [0.35, 0.02, 3, 4],
  [0.8, 0.05, 5, 255],
  [0.25, 0.01, 1, 16],
  [0.61, 0.004, 2, 8],
];

test('spatial filter on integer units: bit-exact on real 16-bit frames and fields rounded to mm, every fill radius', async ({ page }) => {
  await openHarness(page);
  await addSample(page, 'tum', 'tum/depth.png', 'tum');
  await addSample(page, 'redwood', 'redwood/depth.png', 'mm');
  await addValues(page, 'holes', holesAndEdges(160, 120), 160, 120);
  for (const [c, unit] of [['tum', 1 / 5000], ['redwood', 0.001], ['holes', 0.001]] as const) {
    for (const s of SPATIAL_SETTINGS) {
      const args = [...s, 0, unit];
      const r = await compare(page, c, 'spatial', args);
      expect(r.diffs, `${c}: spatial(${args})`).toEqual([]);
      expect(r.valid).toBeGreaterThan(r.pixels / 2);
    }
  }
  // Can fail: alpha, delta (by one unit), iterations, the fill radius or the unit changed on the GPU side.
  const base = [0.5, 0.02, 2, 4, 0, 0.001];
  for (const gpuArgs of [[0.52, 0.02, 2, 4, 0, 0.001], [0.5, 0.021, 2, 4, 0, 0.001], [0.5, 0.02, 3, 4, 0, 0.001], [0.5, 0.02, 2, 2, 0, 0.001], [0.5, 0.02, 2, 4, 0, 0.0002]]) {
    const r = await compare(page, 'redwood', 'spatial', base, gpuArgs);
    expect(r.diffCount, `GPU spatial(${gpuArgs}) vs reference (${base})`).toBeGreaterThan(0);
  }
});

test('spatial filter on float depth and on disparity: bit-exact on real frames and ragged fields', async ({ page }) => {
  await withRealFrames(page);
  await addValues(page, 'gen', generatedField(53, 37), 53, 37);
  await addValues(page, 'holes', holesAndEdges(160, 120), 160, 120);
  await addValues(page, 'surfaces', tieFreeSurfaces(190, 130), 190, 130);
  for (const variant of [1, 2]) {
    for (const c of ['tum', 'nyu', 'gen', 'holes', 'surfaces']) {
      for (const s of SPATIAL_SETTINGS) {
        const args = [...s, variant];
        const r = await compare(page, c, 'spatial', args);
        expect(r.diffs, `${c}: spatial(${args})`).toEqual([]);
        expect(r.valid).toBeGreaterThan(r.pixels / 2);
      }
    }
    // Can fail: alpha, delta, iterations or the fill radius changed on the GPU side.
    const base = [0.5, 0.02, 2, 4, variant];
    for (const gpuArgs of [[0.52, 0.02, 2, 4], [0.5, 0.021, 2, 4], [0.5, 0.02, 3, 4], [0.5, 0.02, 2, 2]]) {
      const r = await compare(page, 'holes', 'spatial', base, [...gpuArgs, variant]);
      expect(r.diffCount, `GPU spatial(${gpuArgs}, ${variant}) vs reference (${base})`).toBeGreaterThan(0);
    }
  }
});

test('push-pull, blend and edge-aware, on depth and inverse depth: several level counts on real frames and fields with holes of every size', async ({ page }) => {
  test.setTimeout(240_000);
  await withRealFrames(page);
  await addValues(page, 'gen', generatedField(53, 37), 53, 37);
  await addValues(page, 'holes', holesAndEdges(160, 120), 160, 120);
  // [edge-aware, inverse depth]: the far side is the larger value, or the smaller one.
  const modes = [[0, 0], [1, 0], [1, 1]] as const;
  for (const c of ['tum', 'nyu', 'gen', 'holes']) {
    for (const [edge, inverse] of modes) {
      let previous = 0;
      for (const levels of [1, 2, 4, 7, 12]) {
        const r = await compare(page, c, 'push-pull', [levels, edge, inverse]);
        const what = `${c}: push-pull(${levels}, edge ${edge}, inverse ${inverse})`;
        expect(r.validityMismatches, what).toBe(0);
        expect(r.overBound, what).toBe(0);
        expect(r.valid, `${what} fills more with more levels`).toBeGreaterThanOrEqual(previous);
        previous = r.valid;
      }
      expect(previous, `${c}: 12 levels close every hole`).toBe((await compare(page, c, 'push-pull', [12, edge, inverse])).pixels);
    }
  }
  // Can fail: one level fewer leaves holes the reference closes, and blending is not the edge-aware fill.
  const fewer = await compare(page, 'holes', 'push-pull', [4, 0, 0], [3, 0, 0]);
  expect(fewer.validityMismatches).toBeGreaterThan(0);
  const blended = await compare(page, 'holes', 'push-pull', [6, 1, 0], [6, 0, 0]);
  expect(blended.overBound).toBeGreaterThan(0);
});

const MODES = ['off', 'valid-8-of-8', 'valid-2-of-3', 'valid-1-of-2', 'valid-1-of-5', 'valid-2-of-8', 'always'] as const;

async function temporal(page: Page, caseName: string, run: TemporalRun) {
  return page.evaluate(({ caseName, run }) => window.harness.compareTemporal(caseName, run), { caseName, run });
}

test('temporal, every persistence mode, several alphas, units and float: bit-exact over 12 frames with dropouts; re-runs, reset, resize', async ({ page }) => {
  test.setTimeout(240_000);
  await withRealFrames(page);
  const alphas = [0.5, 0.4, 0.2, 0.85, 0.33];
  for (const [k, persistence] of MODES.entries()) {
    // TUM in its own whole units (1/5000 m, delta 100 units) and in float; NYU (not integer) in float.
    for (const [c, unitM] of [['tum', 1 / 5000], [k % 2 === 0 ? 'tum' : 'nyu', undefined]] as const) {
      const alpha = alphas[k % alphas.length];
      const r = await temporal(page, c, { frames: 12, alpha, delta: 0.02, persistence, seed: k + 1, unitM });
      r.frames.forEach((f, t) => {
        const what = `${c} ${unitM ? 'units' : 'float'} alpha ${alpha} ${persistence}, frame ${t}`;
        // The state carried by advance() is the reference's, bit for bit, frame after frame.
        expect(f.sequenceDiffs, what).toBe(0);
        // Encoding the same frame again without advance() starts from the same state.
        expect(f.rerunDiffs, what).toBe(0);
      });
      const filled = r.frames.reduce((n, f) => n + f.filled, 0);
      if (persistence === 'off') expect(filled).toBe(0);
      else expect(filled, `${persistence} fills dropouts`).toBeGreaterThan(1000);
      expect(r.afterReset, 'reset(): the next frame starts with no history').toBe(0);
      expect(r.afterResize, 'a new size starts with no history').toBe(0);
    }
  }
});

test('temporal: the comparisons can fail', async ({ page }) => {
  await withRealFrames(page);
  const base = { frames: 10, alpha: 0.5, delta: 0.02, persistence: 'valid-2-of-3', seed: 2 } as const;
  for (const unitM of [undefined, 1 / 5000]) {
    for (const gpu of [{ alpha: 0.51 }, { delta: 0.021 }, { persistence: 'valid-1-of-2' as const }]) {
      const r = await temporal(page, 'tum', { ...base, unitM, gpu });
      expect(r.frames.reduce((n, f) => n + f.sequenceDiffs, 0), JSON.stringify(gpu)).toBeGreaterThan(0);
    }
  }
  const r = await temporal(page, 'tum', { ...base, alpha: 0.4, gpu: { alpha: 0.41 } });
  expect(r.frames.reduce((n, f) => n + f.sequenceDiffs, 0)).toBeGreaterThan(0);
});
