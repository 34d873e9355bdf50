/**
 * shaders/backproject.wgsl on real WebGPU against src/core/backproject.ts
 * (float64), on the TUM frame and a generated field, for z depth and ray length,
 * strides 1 and 3.
 *
 * Tolerance: the kernel computes a = (u - cx) / fx, b likewise, z (for ray
 * length: r / sqrt(1 + a^2 + b^2)) and a z, b z in float32: at most about 6
 * roundings of 2^-24 relative each on terms no larger than |x| + |y| + |z|,
 * with the float32 rounding of the intrinsics on top. 1e-6 (|x| + |y| + |z|)
 * bounds that with a factor of about 3 to spare; an fx 0.1 % off is 1000 times
 * over it. Validity (w = 0 or 1) must match exactly.
 *
 * With a lens, a and b come from 10 fixed-point undistortion steps (lens.wgsl)
 * in float32 against float64. Each step rounds about 8 times on terms no larger
 * than |(a, b)|, so it adds at most about 8 x 2^-24 = 5e-7 relative; the step is a
 * contraction with factor L (< 0.6 for the strong TUM fr1 lens, < 0.05 for the
 * D435's, see src/core/distortion.test.ts), which keeps each step's rounding from
 * growing: the accumulated error is at most 5e-7 / (1 - L) = 1.25e-6 relative,
 * before the 1e-6 of the pinhole part. 3e-6 (|x| + |y| + |z|) bounds the sum with
 * room for float32 coefficients; the wrong model (Brown-Conrady read as inverse)
 * is thousands of times over it.
 */
import { test, expect, type Page } from '@playwright/test';
import type { PinholeIntrinsics } from '../src/core/filters/depth-field';
import type { LensDistortion } from '../src/core/distortion';
import { tumMetres } from './chain-reference';

const MODULES = ['/e2e/page-device.ts', '/src/gpu/backproject-pass.ts', '/src/gpu/readback.ts', '/src/core/backproject.ts'];
const TUM: PinholeIntrinsics = { fx: 525, fy: 525, cx: 319.5, cy: 239.5 };

interface Case {
  depth: number[];
  width: number;
  height: number;
}

/**
 * Runs the kernel and the reference in the page on the same input and compares
 * there (returning a million floats to Node would cost more than the kernel).
 */
async function compareInPage(
  page: Page,
  c: Case,
  intr: PinholeIntrinsics,
  stride: number,
  rayLength: boolean,
  gpuIntr = intr,
  lens?: LensDistortion,
  gpuLens = lens,
  tolerance = 1e-6,
) {
  return page.evaluate(
    async ({ c, intr, gpuIntr, stride, rayLength, lens, gpuLens, tolerance, modules }) => {
      // Served by the Vite dev server; typed from the same files.
      const { validatedDevice } = (await import(modules[0])) as typeof import('./page-device');
      const { BackprojectPass } = (await import(modules[1])) as typeof import('../src/gpu/backproject-pass');
      const { uploadF32, readBufferF32 } = (await import(modules[2])) as typeof import('../src/gpu/readback');
      const { backproject, cloudSize } = (await import(modules[3])) as typeof import('../src/core/backproject');
      const device = await validatedDevice();
      const field = Float32Array.from(c.depth, (v) => (v === null ? NaN : v));
      const depth = uploadF32(device, field, 'bp-depth');
      const { count } = cloudSize(c.width, c.height, stride);
      const points = uploadF32(device, new Float32Array(count * 4), 'bp-points');
      const pass = new BackprojectPass(device);
      const encoder = device.createCommandEncoder();
      pass.encode(encoder, depth, { width: c.width, height: c.height }, gpuIntr, stride, rayLength, points, 0, gpuLens);
      device.queue.submit([encoder.finish()]);
      const gpu = await readBufferF32(device, points, count * 4);
      const error = await device.popErrorScope();
      if (error) throw new Error(`GPU validation error: ${error.message}`);
      pass.destroy();
      depth.destroy();
      points.destroy();
      const ref = backproject(field, c.width, c.height, intr, { stride, rayLength, lens });
      let over = 0;
      let validityMismatches = 0;
      let valid = 0;
      for (let k = 0; k < ref.length; k += 4) {
        if (gpu[k + 3] !== ref[k + 3]) validityMismatches++;
        if (ref[k + 3] === 1) valid++;
        const bound = tolerance * (Math.abs(ref[k]) + Math.abs(ref[k + 1]) + Math.abs(ref[k + 2]));
        for (let j = 0; j < 3; j++) if (Math.abs(gpu[k + j] - ref[k + j]) > bound) over++;
      }
      return { over, validityMismatches, valid, points: count };
    },
    { c, intr, gpuIntr, stride, rayLength, lens, gpuLens, tolerance, modules: MODULES },
  );
}

const tum = tumMetres();
// JSON has no NaN: holes travel as null.
const tumCase: Case = { depth: Array.from(tum.depth, (v) => (Number.isFinite(v) ? v : null)) as number[], width: tum.width, height: tum.height };

function generated(width: number, height: number): Case {
  const depth: (number | null)[] = [];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) depth.push((x * 7 + y * 3) % 11 === 0 ? null : x < width / 2 ? 0.4 + 0.01 * y : 30 + x, );
  depth[5] = -1; // negative and zero depths are no points
  depth[6] = 0;
  return { depth: depth as number[], width, height };
}

test('back-projection matches the float64 reference within its bound, and can fail', async ({ page }) => {
  await page.goto('/e2e/harness.html');
  const gen = generated(37, 23);
  const genIntr = { fx: 80, fy: 75, cx: 18, cy: 11.5 };
  for (const [name, c, intr] of [['tum', tumCase, TUM], ['generated', gen, genIntr]] as const) {
    for (const stride of [1, 3]) {
      for (const rayLength of [false, true]) {
        const r = await compareInPage(page, c, intr, stride, rayLength);
        const label = `${name} stride ${stride} ray ${rayLength}`;
        expect(r.validityMismatches, label).toBe(0);
        expect(r.over, label).toBe(0);
        expect(r.valid, label).toBeGreaterThan(r.points / 2);
      }
    }
  }
  expect((await compareInPage(page, tumCase, TUM, 1, false, { ...TUM, fx: TUM.fx * 1.001 })).over).toBeGreaterThan(1000);
});

/** A D435 colour stream's lens (inverse Brown-Conrady, mild) and TUM freiburg1's (plumb_bob, strong). */
const D435_LENS: LensDistortion = { distortion: 'inverse-brown-conrady', coeffs: [-0.0557, 0.0656, -0.0004, 0.0008, -0.0211] };
const TUM_FR1_LENS: LensDistortion = { distortion: 'brown-conrady', coeffs: [0.2624, -0.9531, -0.0054, 0.0026, 1.1633] };
const TUM_FR1: PinholeIntrinsics = { fx: 517.3, fy: 516.5, cx: 318.6, cy: 255.3 };
const PINHOLE: LensDistortion = { distortion: 'none', coeffs: [0, 0, 0, 0, 0] };
const LENS_TOLERANCE = 3e-6;

test('back-projection through a lens matches the float64 reference per model, and can fail', async ({ page }) => {
  await page.goto('/e2e/harness.html');
  for (const [name, lens] of [['inverse Brown-Conrady', D435_LENS], ['Brown-Conrady', TUM_FR1_LENS]] as const) {
    for (const rayLength of [false, true]) {
      const r = await compareInPage(page, tumCase, TUM_FR1, 1, rayLength, TUM_FR1, lens, lens, LENS_TOLERANCE);
      const label = `${name} ray ${rayLength}`;
      expect(r.validityMismatches, label).toBe(0);
      expect(r.over, label).toBe(0);
      expect(r.valid, label).toBeGreaterThan(r.points / 2);
    }
  }
  // Can fail: the kernel ignoring the lens, or reading plumb_bob as librealsense's inverse model.
  expect((await compareInPage(page, tumCase, TUM_FR1, 1, false, TUM_FR1, TUM_FR1_LENS, PINHOLE, LENS_TOLERANCE)).over).toBeGreaterThan(1000);
  const swapped: LensDistortion = { ...TUM_FR1_LENS, distortion: 'inverse-brown-conrady' };
  expect((await compareInPage(page, tumCase, TUM_FR1, 1, false, TUM_FR1, TUM_FR1_LENS, swapped, LENS_TOLERANCE)).over).toBeGreaterThan(1000);
});

/** The mesh: back-projection with cuts at depth jumps, then mesh-index.wgsl; both compared with the references. */
async function meshInPage(page: Page, c: Case, intr: PinholeIntrinsics, stride: number, cutJump: number, gpuCut = cutJump) {
  return page.evaluate(
    async ({ c, intr, stride, cutJump, gpuCut, modules }) => {
      const { validatedDevice } = (await import(modules[0])) as typeof import('./page-device');
      const { BackprojectPass, MeshIndexPass } = (await import(modules[1])) as typeof import('../src/gpu/backproject-pass');
      const { uploadF32, readBufferF32 } = (await import(modules[2])) as typeof import('../src/gpu/readback');
      const { backproject, cloudSize, meshIndices } = (await import(modules[3])) as typeof import('../src/core/backproject');
      const device = await validatedDevice();
      const field = Float32Array.from(c.depth, (v) => (v === null ? NaN : v));
      const { columns, rows, count } = cloudSize(c.width, c.height, stride);
      const depth = uploadF32(device, field, 'mesh-depth');
      const points = uploadF32(device, new Float32Array(count * 4), 'mesh-points');
      const indices = uploadF32(device, new Float32Array(6 * (columns - 1) * (rows - 1)), 'mesh-indices');
      const bp = new BackprojectPass(device);
      const mi = new MeshIndexPass(device);
      const encoder = device.createCommandEncoder();
      bp.encode(encoder, depth, { width: c.width, height: c.height }, intr, stride, false, points, gpuCut);
      mi.encode(encoder, points, columns, rows, indices);
      device.queue.submit([encoder.finish()]);
      const gpuPoints = await readBufferF32(device, points, count * 4);
      const gpuIndices = new Uint32Array((await readBufferF32(device, indices, 6 * (columns - 1) * (rows - 1))).buffer);
      const error = await device.popErrorScope();
      if (error) throw new Error(`GPU validation error: ${error.message}`);
      for (const b of [depth, points, indices]) b.destroy();
      bp.destroy();
      mi.destroy();
      const ref = backproject(field, c.width, c.height, intr, { stride, rayLength: false, cutJump });
      let validityMismatches = 0;
      for (let k = 3; k < ref.length; k += 4) if (gpuPoints[k] !== ref[k]) validityMismatches++;
      const refIndices = meshIndices(ref, columns, rows);
      let indexMismatches = 0;
      let drawn = 0;
      for (let k = 0; k < refIndices.length; k++) if (gpuIndices[k] !== refIndices[k]) indexMismatches++;
      for (let k = 0; k < refIndices.length; k += 3) if (refIndices[k] !== refIndices[k + 1]) drawn++;
      return { validityMismatches, indexMismatches, drawn, triangles: refIndices.length / 3 };
    },
    { c, intr, stride, cutJump, gpuCut, modules: MODULES },
  );
}

test('mesh: vertices cut at depth jumps and triangle indices equal the references exactly', async ({ page }) => {
  await page.goto('/e2e/harness.html');
  for (const stride of [1, 2]) {
    const uncut = await meshInPage(page, tumCase, TUM, stride, 0);
    const r = await meshInPage(page, tumCase, TUM, stride, 0.05);
    expect(r.validityMismatches, `stride ${stride}`).toBe(0);
    expect(r.indexMismatches, `stride ${stride}`).toBe(0);
    expect(uncut.indexMismatches).toBe(0);
    // Cutting removes triangles across the frame's depth edges, and only some.
    expect(r.drawn).toBeLessThan(uncut.drawn);
    expect(r.drawn).toBeGreaterThan(r.triangles / 2);
  }
  const gen = generated(37, 23);
  const g = await meshInPage(page, gen, { fx: 80, fy: 75, cx: 18, cy: 11.5 }, 1, 0.05);
  expect(g.validityMismatches).toBe(0);
  expect(g.indexMismatches).toBe(0);
  // Can fail: a different cut threshold on the GPU changes which vertices are dropped.
  expect((await meshInPage(page, tumCase, TUM, 1, 0.05, 0.04)).validityMismatches).toBeGreaterThan(100);
});
