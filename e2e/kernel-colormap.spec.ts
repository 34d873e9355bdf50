/**
 * shaders/colormap.wgsl on real WebGPU (SwiftShader here) against its CPU
 * reference src/core/colorize.ts, on real frames and generated fields.
 *
 * Tolerance: every pixel must be identical (RGBA8), with one justified
 * exception. The table index is round(t * 255) with t computed in f32; the
 * GPU's division and log are allowed an error of a few ULP by the WGSL spec
 * (log: absolute error 2^-21 in [0.5, 2], else 3 ULP), so where the
 * reference's t * 255 lies within 1e-3 of a rounding boundary (x.5) the GPU may
 * pick the neighbouring entry. Such pixels must then show exactly table entry
 * index ± 1; anything else fails.
 */
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { sample } from './helpers';
import { COLORMAP_NAMES } from '../src/core/colormap-tables';

const BOUNDARY_EPS = 1e-3;

async function harness(page: Page) {
  await page.goto('/e2e/harness.html');
  await page.waitForFunction(() => 'harness' in window);
}

/** A field with every case the kernel must handle: holes, infinities, out-of-range, zero, negatives, edges. */
function generatedField(width: number, height: number): (number | string)[] {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const special = ['NaN', 'Infinity', '-Infinity', 0, -1, 0.5, 1, 3, 10, 1e-30, 1e30];
  return Array.from({ length: width * height }, (_, i) => {
    if (i < special.length) return special[i];
    const x = i % width;
    const r = rand();
    if (r < 0.05) return 'NaN';
    // A step edge and a smooth ramp, with noise.
    return (x < width / 2 ? 1.5 : 2.5) + (x / width) * 2 + (rand() - 0.5) * 0.2;
  });
}

async function expectEquivalent(page: Page, name: string, colormap: string, params: object) {
  const r = await page.evaluate(
    ({ name, colormap, params }) => window.harness.compareColormap(name, colormap as never, params as never),
    { name, colormap, params },
  );
  expect(r.diffCount).toBe(r.diffs.length); // all reported
  for (const d of r.diffs) {
    // Only table lookups near a rounding boundary may differ, and only by one entry.
    expect(d.t, `pixel ${d.i}: invalid-pixel colours must match exactly`).not.toBeNull();
    const scaled = (d.t as number) * 255;
    expect(Math.abs(scaled - Math.floor(scaled) - 0.5), `pixel ${d.i} t=${d.t} is not at a rounding boundary`).toBeLessThan(BOUNDARY_EPS);
    const idx = Math.min(Math.floor(scaled + 0.5), 255);
    const neighbours = [idx - 1, idx + 1].filter((k) => k >= 0 && k < 256).map((k) => r.table.slice(k * 3, k * 3 + 3));
    expect(neighbours).toContainEqual(d.gpu.slice(0, 3));
  }
  // Boundary cases are rare: a systematic error would show up as many of them.
  expect(r.diffCount).toBeLessThan(Math.max(3, r.pixels * 0.001));
}

test.describe('colormap kernel equals its CPU reference', () => {
  test('generated field: every colormap, linear and log, reversed and not', async ({ page }) => {
    await harness(page);
    const info = await page.evaluate(() => window.harness.adapterInfo());
    expect(info.ok, `WebGPU adapter: ${info.info}`).toBe(true);
    // 97 x 61: not a multiple of the 8 x 8 workgroup, so edge invocations are exercised.
    await page.evaluate((v) => window.harness.addValuesCase('gen', v, 97, 61), generatedField(97, 61));
    for (const colormap of COLORMAP_NAMES) {
      for (const logScale of [false, true]) {
        for (const reverse of [false, true]) {
          await expectEquivalent(page, 'gen', colormap, { lo: 1.2, hi: 4.4, logScale, reverse, checkerPx: 4 });
        }
      }
    }
  });

  for (const [name, file, scale] of [
    ['tum', 'tum/depth.png', 'tum'],
    ['redwood', 'redwood/depth.png', 'mm'],
    ['sun', 'sun/depth.png', 'sun'],
    ['nyu', 'nyu/depth.pgm', 'nyu'],
  ] as const) {
    test(`real ${name} frame`, async ({ page }) => {
      await harness(page);
      const b64 = readFileSync(sample(file)).toString('base64');
      await page.evaluate(({ name, b64, scale }) => window.harness.addFileCase(name, b64, scale), { name, b64, scale });
      await expectEquivalent(page, name, 'turbo', { lo: 0.8, hi: 4.5, logScale: false, reverse: false, checkerPx: 4 });
      await expectEquivalent(page, name, 'viridis', { lo: 0.8, hi: 4.5, logScale: true, reverse: true, checkerPx: 1 });
    });
  }
});
