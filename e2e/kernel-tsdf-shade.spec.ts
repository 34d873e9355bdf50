/**
 * The live view's shading (shaders/tsdf-shade.wgsl vs src/core/tsdf/
 * raycast-shade.ts) on real WebGPU (SwiftShader here), on the same inputs:
 * the GPU's ray-cast maps of the fused room, read back. Tolerances: a pixel
 * with no hit (the background word) or shown in its integrated colour (the
 * ray cast's RGBA8 word passed on) is bit-exact. A grey pixel is one rounding
 * of 255 (a + (1 - a) max(0, n.l / |l|)): float32's dot of three products, a
 * length and a division are within about 8 ulps (1e-6) of the float64
 * reference, 255 x 1e-6 = 3e-4 of a level, so the two round apart only where
 * the value lies within 3e-4 of a .5 tie: at most one level, on at most 0.5 %
 * of the pixels (a tie's neighbourhood of 6e-4 in 1 level; measured: 0).
 * Moving the GPU's light 5 cm fails it.
 */
import { test, expect, type Page } from '@playwright/test';
import type { ShadeCompareOptions } from './harness-tsdf-shade';

const SETTINGS = { voxelSizeM: 0.04, truncationM: 0.16, depthMinM: 0.1, depthMaxM: 2.5, weightCap: 64, blockBudget: 4096 };
const MODULE = '/e2e/harness-tsdf-shade.ts';
// depthMaxM 2.5 m leaves the room's far corners unfused: some rays hit nothing (the background).
const SCENE = { width: 64, height: 48, frames: 3, settings: SETTINGS };

function shade(page: Page, o: ShadeCompareOptions) {
  return page.evaluate(async ({ o, m }) => ((await import(m)) as typeof import('./harness-tsdf-shade')).compareShade(o), { o, m: MODULE });
}

test.beforeEach(async ({ page }) => {
  await page.goto('/e2e/harness.html');
});

for (const mode of ['shaded', 'coloured'] as const) {
  test(`the ${mode} view matches the reference: background and colour exact, grey within one level`, async ({ page }) => {
    const r = await shade(page, { ...SCENE, mode });
    console.log(JSON.stringify(r));
    expect(r.gpuError).toBeNull();
    // Not an empty comparison: most pixels hit, some do not.
    expect(r.hits).toBeGreaterThan(0.5 * r.pixels);
    expect(r.hits).toBeLessThan(r.pixels);
    if (mode === 'coloured') expect(r.coloured).toBeGreaterThan(0.5 * r.hits);
    expect(r.exactOver).toBe(0);
    expect(r.greyOver).toBe(0);
    expect(r.greyOffByOne).toBeLessThanOrEqual(0.005 * r.pixels);
  });
}

test('the shading comparison fails with the GPU light 5 cm off', async ({ page }) => {
  const r = await shade(page, { ...SCENE, mode: 'shaded', gpuLightShiftM: 0.05 });
  expect(r.greyOver + r.greyOffByOne).toBeGreaterThan(0.1 * r.hits);
});
