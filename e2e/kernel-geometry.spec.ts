/**
 * Normals and the depth-discontinuity mask on real WebGPU against normalsFromDepth
 * and discontinuityMask (src/core/filters/normals.ts, float64). Normals are f32
 * arithmetic: each pixel has its own bound, derived in e2e/harness-compare.ts from
 * the magnitudes of the terms (large where the two tangents are nearly parallel), and
 * the orientation may only differ where the reference's dot(n, P) is within that
 * error of 0. The mask is a comparison: it may only differ at near-ties.
 */
import { test, expect, type Page } from '@playwright/test';
import type { PinholeIntrinsics } from '../src/core/filters/depth-field';
import { addSample, addValues, generatedField, holesAndEdges, openHarness } from './kernel-fields';

const TUM = { fx: 517.3, fy: 516.5, cx: 318.6, cy: 255.3 };
const NYU = { fx: 582.6, fy: 582.7, cx: 313.0, cy: 238.4 };
const SMALL = { fx: 150, fy: 140, cx: 79.5, cy: 59.5 };

async function normals(page: Page, c: string, intr: PinholeIntrinsics, gpuIntr?: PinholeIntrinsics) {
  return page.evaluate(({ c, intr, gpuIntr }) => window.harness.compareNormals(c, intr, gpuIntr), { c, intr, gpuIntr });
}

async function mask(page: Page, c: string, jump: number, gpuJump?: number, reject = false) {
  return page.evaluate(({ c, jump, gpuJump, reject }) => window.harness.compareMask(c, jump, gpuJump, reject), { c, jump, gpuJump, reject });
}

async function setUp(page: Page) {
  await openHarness(page);
  await addSample(page, 'tum', 'tum/depth.png', 'tum');
  await addSample(page, 'nyu', 'nyu/depth.pgm', 'nyu');
  await addValues(page, 'gen', generatedField(53, 37), 53, 37);
  await addValues(page, 'holes', holesAndEdges(160, 120), 160, 120);
  // Depths of 1e-30 and 1e30 m: the kernel's power-of-two rescaling keeps f32 from under/overflowing.
  const scaled = (k: number) => holesAndEdges(100, 80, 3).map((v) => (typeof v === 'number' ? v * k : v));
  await addValues(page, 'tiny', scaled(1e-30), 100, 80);
  await addValues(page, 'huge', scaled(1e30), 100, 80);
}

test('normals match the reference within the per-pixel bound', async ({ page }) => {
  await setUp(page);
  for (const [c, intr] of [['tum', TUM], ['nyu', NYU], ['gen', SMALL], ['holes', SMALL], ['tiny', SMALL], ['huge', SMALL]] as const) {
    const r = await normals(page, c, intr);
    expect(r.validityMismatches, c).toBe(0);
    expect(r.overBound, c).toBe(0);
    expect(r.valid, c).toBeGreaterThan(r.pixels / 3);
  }
  // Can fail: fx 0.1% off, or the principal point half a pixel off.
  expect((await normals(page, 'tum', TUM, { ...TUM, fx: TUM.fx * 1.001 })).overBound).toBeGreaterThan(1000);
  expect((await normals(page, 'tum', TUM, { ...TUM, cx: TUM.cx + 0.5 })).overBound).toBeGreaterThan(1000);
});

test('discontinuity mask matches the reference (differences only at near-ties)', async ({ page }) => {
  await setUp(page);
  for (const c of ['tum', 'nyu', 'gen', 'holes', 'tiny', 'huge']) {
    for (const jump of [0.01, 0.02, 0.05, 0.2]) {
      const r = await mask(page, c, jump);
      expect(r.unexplained, `${c} ${jump}`).toBe(0);
      expect(r.notBinary).toBe(0);
      expect(r.mismatches, `${c} ${jump}: near-ties are rare`).toBeLessThanOrEqual(r.edges / 1000 + 2);
      expect(r.edges, `${c} ${jump}: there are edges to find`).toBeGreaterThan(10);
    }
  }
  // Can fail: the jump 2% off.
  expect((await mask(page, 'tum', 0.02, 0.0204)).unexplained).toBeGreaterThan(10);
});

test('edge rejection (the same kernel as a filter stage) removes exactly the reference pixels and keeps every other bit', async ({ page }) => {
  await setUp(page);
  for (const c of ['tum', 'nyu', 'gen', 'holes', 'tiny', 'huge']) {
    for (const jump of [0.02, 0.05]) {
      const r = await mask(page, c, jump, jump, true);
      // The same comparison as the mask: rejected pixels differ from the reference only at near-ties.
      expect(r.unexplained, `${c} ${jump}`).toBe(0);
      expect(r.mismatches, `${c} ${jump}: near-ties are rare`).toBeLessThanOrEqual(r.edges / 1000 + 2);
      expect(r.edges, `${c} ${jump}: there are flying pixels to remove`).toBeGreaterThan(10);
      // Kept depths are copied bit for bit.
      expect(r.keptChanged, `${c} ${jump}`).toBe(0);
    }
  }
  // Can fail: the jump 2% off.
  expect((await mask(page, 'tum', 0.02, 0.0204, true)).unexplained).toBeGreaterThan(10);
});
