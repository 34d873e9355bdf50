/**
 * shaders/align-depth-to-colour.wgsl on real WebGPU against src/core/align-depth.ts
 * (float64), on the TUM frame as a depth camera with TUM fr1's strong plumb_bob
 * lens, registered to a D435-like colour camera (librealsense's inverse
 * Brown-Conrady) at 640 x 480 and at 1280 x 720 (rectangles of 2 to 3 pixels),
 * through a rotated and translated extrinsic.
 *
 * Tolerance: the values are copies of input depths, so they are exact; what
 * float32 can change is which colour pixels a depth pixel's rectangle covers, when
 * a projected corner lies within a rounding error of a pixel boundary (c + 0.5
 * near a whole number). Bound on that error, in colour pixels: the depth-side
 * deprojection is within 3e-6 (|x| + |y| + |z|) of float64 (the bound of
 * e2e/kernel-backproject.spec.ts for these lenses), i.e. 3e-6 (1 + |a| + |b|) < 7e-6
 * of z in normalised units; the rotation and translation add 4 roundings (< 3e-7),
 * the colour lens's polynomial (slope < 1.3 here) and its 10 roundings about 1e-6,
 * and multiplying by fx <= 925 and adding cx half an ulp of 1280 (6e-5): about
 * (7e-6 x 1.3 + 1e-6) x 925 + 6e-5 = 0.0094 px. With a margin of 0.01 px the
 * reference's bounds (alignDepthToColourBounds) hold every result those roundings
 * can give: the kernel must lie within them at every pixel, and equal the
 * reference exactly wherever they meet. The uncertain pixels must stay under 2 %
 * of the covered ones (about 1 % are; a test that allowed anything would pass
 * anything), and a colour camera 0.1 % wider on the GPU must fail.
 */
import { test, expect, type Page } from '@playwright/test';
import type { SizedLensCamera } from '../src/core/align-depth';
import { tumMetres } from './chain-reference';

const MODULES = ['/e2e/page-device.ts', '/src/gpu/align-depth-pass.ts', '/src/gpu/readback.ts', '/src/core/align-depth.ts'];
const MARGIN_PX = 0.01;

const DEPTH_CAMERA: SizedLensCamera = {
  width: 640,
  height: 480,
  fx: 517.3,
  fy: 516.5,
  cx: 318.6,
  cy: 255.3,
  distortion: 'brown-conrady',
  coeffs: [0.2624, -0.9531, -0.0054, 0.0026, 1.1633],
};
const D435_COLOUR = { distortion: 'inverse-brown-conrady', coeffs: [-0.0557, 0.0656, -0.0004, 0.0008, -0.0211] } as const;
const COLOUR_640: SizedLensCamera = { width: 640, height: 480, fx: 615.4, fy: 615.6, cx: 321.7, cy: 238.9, ...D435_COLOUR };
const COLOUR_1280: SizedLensCamera = { width: 1280, height: 720, fx: 923.1, fy: 923.4, cx: 643.1, cy: 358.4, ...D435_COLOUR };

/** Depth to colour: 0.5 degrees about y, 0.2 about x, and a D435's 15 mm baseline. */
function extrinsics(): number[] {
  const a = (0.5 * Math.PI) / 180;
  const b = (0.2 * Math.PI) / 180;
  const ry = [Math.cos(a), 0, Math.sin(a), 0, 1, 0, -Math.sin(a), 0, Math.cos(a)];
  const rx = [1, 0, 0, 0, Math.cos(b), -Math.sin(b), 0, Math.sin(b), Math.cos(b)];
  const r = [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => ry[3 * i] * rx[j] + ry[3 * i + 1] * rx[3 + j] + ry[3 * i + 2] * rx[6 + j]));
  const t = [0.0148, 0.0002, 0.0003];
  return [r[0], r[1], r[2], t[0], r[3], r[4], r[5], t[1], r[6], r[7], r[8], t[2], 0, 0, 0, 1];
}

const tum = tumMetres();
// JSON has no NaN: holes travel as null.
const tumDepth = Array.from(tum.depth, (v) => (Number.isFinite(v) ? v : null));

/** Runs the kernel, then checks it against the reference's bounds in the page (returning frames to Node costs more). */
async function alignInPage(page: Page, colour: SizedLensCamera, gpuColour = colour) {
  return page.evaluate(
    async ({ depthValues, depthCamera, colour, gpuColour, t, margin, modules }) => {
      const { validatedDevice } = (await import(modules[0])) as typeof import('./page-device');
      const { AlignDepthToColourPass } = (await import(modules[1])) as typeof import('../src/gpu/align-depth-pass');
      const { uploadF32, readBufferF32 } = (await import(modules[2])) as typeof import('../src/gpu/readback');
      const { alignDepthToColour, alignDepthToColourBounds } = (await import(modules[3])) as typeof import('../src/core/align-depth');
      const device = await validatedDevice();
      const field = Float32Array.from(depthValues, (v) => (v === null ? NaN : v));
      const depth = uploadF32(device, field, 'align-depth');
      // Filled with a sentinel, so a pixel the kernel fails to write shows.
      const aligned = uploadF32(device, new Float32Array(colour.width * colour.height).fill(-7), 'align-out');
      const pass = new AlignDepthToColourPass(device);
      const encoder = device.createCommandEncoder();
      pass.encode(encoder, depth, depthCamera, gpuColour, t, aligned);
      device.queue.submit([encoder.finish()]);
      const gpu = await readBufferF32(device, aligned, colour.width * colour.height);
      const error = await device.popErrorScope();
      if (error) throw new Error(`GPU validation error: ${error.message}`);
      pass.destroy();
      depth.destroy();
      aligned.destroy();
      const exact = alignDepthToColour(field, depthCamera, colour, t);
      const { low, high } = alignDepthToColourBounds(field, depthCamera, colour, t, margin);
      const inf = (v: number) => (Number.isNaN(v) ? Number.POSITIVE_INFINITY : v);
      let outside = 0;
      let uncertain = 0;
      let exactDiffers = 0;
      let covered = 0;
      for (let k = 0; k < gpu.length; k++) {
        const g = inf(gpu[k]);
        if (!(inf(low[k]) <= g && g <= inf(high[k]))) outside++;
        if (inf(low[k]) !== inf(high[k])) uncertain++;
        else if (g !== inf(exact[k])) exactDiffers++;
        if (Number.isFinite(exact[k])) covered++;
      }
      return { outside, uncertain, exactDiffers, covered, pixels: gpu.length };
    },
    { depthValues: tumDepth, depthCamera: DEPTH_CAMERA, colour, gpuColour, t: extrinsics(), margin: MARGIN_PX, modules: MODULES },
  );
}

test('align depth to colour: the kernel lies within the reference bounds at every pixel and is exact where they meet', async ({ page }) => {
  await page.goto('/e2e/harness.html');
  for (const colour of [COLOUR_640, COLOUR_1280]) {
    const r = await alignInPage(page, colour);
    const label = `${colour.width} x ${colour.height}`;
    expect(r.outside, label).toBe(0);
    expect(r.exactDiffers, label).toBe(0);
    // Most of the colour image gets depth, and few pixels are left to the margin.
    expect(r.covered, label).toBeGreaterThan(r.pixels / 2);
    expect(r.uncertain, label).toBeLessThan(r.covered / 50);
  }
});

test('align depth to colour can fail: a colour focal length 0.1 % off on the GPU', async ({ page }) => {
  await page.goto('/e2e/harness.html');
  const r = await alignInPage(page, COLOUR_640, { ...COLOUR_640, fx: COLOUR_640.fx * 1.001 });
  expect(r.outside).toBeGreaterThan(1000);
});
