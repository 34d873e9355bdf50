/**
 * Ray casting, the ICP pyramid and sums, and GPU tracking on real WebGPU
 * (SwiftShader here) against their CPU references (e2e/harness-icp.ts runs
 * them in the page; numbers come back). The room at 4 cm voxels, 16 cm
 * truncation, small images: SwiftShader runs on the CPU.
 *
 * Ray cast (shaders/tsdf-raycast.wgsl vs src/core/tsdf/raycast.ts), on the
 * same float32 voxels. Sample positions are float32 on the GPU: 16 ulps of
 * M = |o|_1 + t |d|_1 (a product and a sum per term, a dot of 3), so each
 * trilinear sample's TSDF may differ by 8 x 2^-20 M / trunc (the TSDF changes
 * by at most 1 / trunc per metre; 8 corners, each its own rounding). The
 * refined crossing then moves by that x trunc / cos(theta) along the ray
 * (theta: ray to normal), plus the position's own rounding, 2^-20 M / cos.
 * Rays within 6 degrees of grazing (cos < 0.1) are counted, not compared. The
 * normal (central differences of two such samples per axis, normalised by |g|):
 * 2 x the sample error / |g|, plus the hit moving along a surface curved at
 * 0.3 m at least (the small sphere). Colour: the same rounded value (a float32
 * trilinear colour is within 1e-3 of the reference, so at most a .5 tie could
 * round apart: <= 1). Hit or miss: a ray's decisions flip only where a sample
 * lies within float32 error of an observed/unobserved boundary or of TSDF 0;
 * at most 0.5 % of the pixels (measured: 0).
 *
 * Intensity pyramid (shaders/intensity-pyramid.wgsl vs photometric.ts): within
 * 4 x 2^-24 (at most 4 roundings of values at most 1).
 *
 * ICP sums with the colour term (shaders/icp-rows.wgsl + icp-merge.wgsl vs
 * point-to-plane.ts), on the GPU's model maps and pyramid levels read back
 * (the intensity bounds: point-to-plane.ts's colourTerms): per word, the summed
 * first-order float32 error of each pair's terms (the reference's trace), the
 * tree summation's roundings (log2 64 per workgroup, a thread's partials in
 * sequence, log2 64 again) x 2^-24 x sum |term|, and the terms of pairs whose
 * association was decided within float32 error of a rounding edge or threshold.
 * Pyramid (shaders/depth-pyramid.wgsl vs pyramid.ts): 6 ulps (3 additions, a
 * division of 2.5 ulps), except outputs whose keep-or-drop test lay within
 * float32 error of its threshold.
 */
import { test, expect, type Page } from '@playwright/test';
import { ateRmse } from '../src/core/trajectory';
import { SUM_B, SUM_COLOUR_ERROR } from '../src/core/icp/point-to-plane';
import type { IcpCompareOptions, RaycastCompareOptions, TrackOptions } from './harness-icp';

const SETTINGS = { voxelSizeM: 0.04, truncationM: 0.16, depthMinM: 0.1, depthMaxM: 6, weightCap: 64, blockBudget: 4096 };
const MODULE = '/e2e/harness-icp.ts';
const SCENE = { width: 64, height: 48, frames: 3, settings: SETTINGS };

function raycast(page: Page, o: RaycastCompareOptions) {
  return page.evaluate(async ({ o, m }) => ((await import(m)) as typeof import('./harness-icp')).compareRaycast(o), { o, m: MODULE });
}
function icp(page: Page, o: IcpCompareOptions) {
  return page.evaluate(async ({ o, m }) => ((await import(m)) as typeof import('./harness-icp')).compareIcp(o), { o, m: MODULE });
}
function track(page: Page, o: TrackOptions) {
  return page.evaluate(async ({ o, m }) => ((await import(m)) as typeof import('./harness-icp')).trackGpu(o), { o, m: MODULE });
}

test.beforeEach(async ({ page }) => {
  await page.goto('/e2e/harness.html');
});

test('the ray cast matches the reference: hits, depth, normals, colours', async ({ page }) => {
  const r = await raycast(page, SCENE);
  console.log(JSON.stringify(r));
  expect(r.gpuError).toBeNull();
  expect(r.bothHit).toBeGreaterThan(0.9 * r.pixels);
  expect(r.hitMismatch).toBeLessThanOrEqual(0.005 * r.pixels);
  expect(r.normalMismatch).toBeLessThanOrEqual(0.005 * r.pixels);
  expect(r.colourMismatch).toBeLessThanOrEqual(0.005 * r.pixels);
  expect(r.grazing).toBeLessThan(0.05 * r.bothHit);
  expect(r.depthOver).toBe(0);
  expect(r.normalOver).toBe(0);
  expect(r.maxColourDiff).toBeLessThanOrEqual(1);
});

test('the ray cast comparison fails with the GPU camera 1 mm off', async ({ page }) => {
  const r = await raycast(page, { ...SCENE, gpuShiftM: 0.001 });
  expect(r.depthOver).toBeGreaterThan(0.5 * r.bothHit);
});

test('the pyramid and the ICP sums match the reference at every level', async ({ page }) => {
  const r = await icp(page, { ...SCENE, frame: 3 });
  console.log(JSON.stringify({ ...r, perLevel: r.perLevel.map((l) => ({ ...l, words: undefined })) }));
  expect(r.gpuError).toBeNull();
  expect(r.pyramid.over).toBe(0);
  expect(r.pyramid.compared).toBeGreaterThan(900);
  expect(r.intensityPyramid.over).toBe(0);
  expect(r.intensityPyramid.compared).toBe(64 * 48 + 32 * 24 + 16 * 12);
  for (const level of r.perLevel) {
    expect(level.over).toBe(0);
    expect(level.inliers).toBeGreaterThan(0.3 * level.valid); // not an empty comparison
    expect(level.colourPairs).toBeGreaterThan(0.4 * level.inliers); // the colour term is in the sums (not within a pixel of a silhouette or the border)
    expect(level.ambiguousPixels).toBeLessThan(0.01 * level.valid);
  }
});

test('the ICP sums comparison fails with the GPU colour one grey level brighter', async ({ page }) => {
  // 1/255 of intensity x the colour weight (0.1 m) moves every colour residual by 0.4 mm: sum r_c^2 leaves its bound
  // at every level; A, which does not depend on the live intensity, does not.
  const r = await icp(page, { ...SCENE, frame: 3, gpuGreyOffset: 1 });
  for (const level of r.perLevel) {
    expect(level.wordsOver).toContain(SUM_COLOUR_ERROR);
    expect(level.wordsOver.filter((k) => k < SUM_B)).toEqual([]);
  }
});

test('a frame seen through a lens is remapped to a pinhole image as the reference does', async ({ page }) => {
  // Nearest pixel, copied bits: equal except where the distorted position lies within float32 error of a rounding edge.
  const lens = { distortion: 'inverse-brown-conrady', coeffs: [0.12, -0.05, 0.001, -0.0008, 0.02] } as const;
  const r = await page.evaluate(async ({ o, m }) => ((await import(m)) as typeof import('./harness-icp')).compareRectify(o), { o: { width: 64, height: 48, lens }, m: MODULE });
  console.log(JSON.stringify(r));
  expect(r.gpuError).toBeNull();
  expect(r.moved + r.outside).toBeGreaterThan(0.3 * r.pixels); // a third of the pixels come from elsewhere: not an identity comparison
  expect(r.ambiguous).toBeLessThan(0.01 * r.pixels);
  expect(r.differ).toBe(0);
});

test('the ICP sums comparison fails with the GPU estimate 1 mm off', async ({ page }) => {
  const r = await icp(page, { ...SCENE, frame: 3, gpuShiftM: 0.001 });
  expect(r.perLevel[0].over).toBeGreaterThan(3);
});

test('the GPU tracker follows the room from the first true pose, and reports a teleported frame lost', async ({ page }) => {
  // 80 x 60 px, 4 cm voxels: the CPU reference tracks this within 6 mm per frame over these frames
  // (src/core/icp/icp.test.ts derives the bound, a quarter voxel).
  const r = await track(page, { width: 80, height: 60, frames: 5, settings: SETTINGS });
  console.log(JSON.stringify({ ...r, poses: undefined, truth: undefined }));
  expect(r.gpuError).toBeNull();
  expect(r.states).toEqual(['tracking', 'tracking', 'tracking', 'tracking', 'tracking']);
  const ate = ateRmse(r.poses, r.truth);
  console.log('GPU ATE mm', ate * 1000);
  expect(ate).toBeLessThan(SETTINGS.voxelSizeM / 4);
  const lost = await track(page, { width: 80, height: 60, frames: 4, settings: SETTINGS, teleportFrame: 2 });
  expect(lost.states[2]).toBe('lost');
  expect(lost.reasons[2]).toMatch(/matched the model|jumped|residual|degenerate|constrained/);
});
