/**
 * Marching cubes by stream compaction on real WebGPU
 * (shaders/marching-cubes-count.wgsl, prefix-sum.wgsl, prefix-sum-add.wgsl,
 * marching-cubes-emit.wgsl) against the CPU reference, on the synthetic room
 * fused by the reference (48 x 36 px, 3 frames, 4 cm voxels) and loaded into
 * the GPU volume bit for bit (e2e/harness-mc.ts).
 *
 * Exact: which cubes have triangles and how many (the decisions, TSDF < 0 and
 * weight = 0, are taken on the same float32 values), the total, and the prefix
 * sum (integers).
 *
 * Tolerances (the reference computes in float64 from the same float32 voxels):
 * - position (g + o0 + t (o1 - o0)) v: t = f0 / (f0 - f1) has one rounding in
 *   the difference and WGSL's division (2.5 ulps), so |dt| <= 4 x 2^-24; the
 *   sum and the product add 2 roundings of |p|: 2^-20 (max |p| + v) covers
 *   them with room;
 * - normal: each gradient component is a difference of values <= 1 and an
 *   interpolation (<= 16 roundings of 2^-24 in all, 2^-20); normalising divides
 *   by |gradient| and adds its own rounding: 2^-18 / |gradient| + 2^-21;
 * - colour: whole after rounding, equal unless the unrounded value is within
 *   float32 error (7 ulps of 255) of a .5 edge, where they may differ by 1.
 */
import { test, expect, type Page } from '@playwright/test';
import type { McCompareOptions } from './harness-mc';

const SETTINGS = { voxelSizeM: 0.04, truncationM: 0.12, depthMinM: 0.1, depthMaxM: 6, weightCap: 64, blockBudget: 1024 };
const BASE: McCompareOptions = { width: 48, height: 36, frames: 3, settings: SETTINGS };
const MODULE = '/e2e/harness-mc.ts';

async function compare(page: Page, o: McCompareOptions) {
  return page.evaluate(
    async ({ opts, module }) => {
      const { compareMarchingCubes } = (await import(module)) as typeof import('./harness-mc');
      return compareMarchingCubes(opts);
    },
    { opts: o, module: MODULE },
  );
}

test.beforeEach(async ({ page }) => {
  await page.goto('/e2e/harness.html');
});

test('the prefix sum equals a plain loop over three levels of groups', async ({ page }) => {
  for (const n of [1, 255, 256, 257, 70_000]) {
    const r = await page.evaluate(
      async ({ n, module }) => ((await import(module)) as typeof import('./harness-mc')).comparePrefixSum(n, 7),
      { n, module: MODULE },
    );
    expect(r.gpuErrors, `n ${n}`).toEqual([]);
    expect(r.mismatches, `n ${n}`).toBe(0);
    expect(r.last, `n ${n}`).toBe(r.total);
  }
});

test('the compacted mesh equals the reference cube by cube, within float32 bounds', async ({ page }) => {
  const r = await compare(page, BASE);
  expect(r.gpuErrors).toEqual([]);
  expect(r.refTriangles).toBeGreaterThan(1000);
  expect(r.triangles).toBe(r.refTriangles);
  expect(r.cubeMismatches).toBe(0);
  expect(r.positionOver).toBe(0);
  expect(r.normalOver).toBe(0);
  expect(r.colourOver).toBe(0);
  console.log(JSON.stringify(r));
});

test('can fail: a TSDF 1e-4 off on the GPU moves the vertices out of bounds', async ({ page }) => {
  const r = await compare(page, { ...BASE, frames: 1, gpuTsdfOffset: 1e-4 });
  expect(r.positionOver).toBeGreaterThan(100);
});

test('a mesh larger than the output stops at its end and still counts every triangle', async ({ page }) => {
  const whole = await compare(page, { ...BASE, frames: 1 });
  const cut = await compare(page, { ...BASE, frames: 1, maxTriangles: 100 });
  expect(cut.gpuErrors).toEqual([]);
  expect(cut.triangles).toBe(whole.triangles);
  expect(cut.cubeMismatches).toBeGreaterThan(0);
});
