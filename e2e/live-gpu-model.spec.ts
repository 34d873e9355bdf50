/**
 * The GPU path of live depth (gpu-depth-model.ts with ModelInputPass): the frame
 * resized and normalised in WGSL on the page's own device, ONNX Runtime Web's
 * WebGPU execution provider on that same device, the depth left in a GPU buffer
 * (read back here only to check it). Compared with the worker path (transformers.js's
 * processor on the CPU, depth-model.worker.ts) on the same frames, value by value:
 * the model must see the same input, so its output must agree within derived bounds.
 */
import { test, expect, type Page } from '@playwright/test';
import { TINY_DEPTH_MODEL } from '../src/live/model-source';
import type { DepthModelSettings } from '../src/live/depth-model-protocol';
import { EXACT, EXACT_TOLERANCE, TINY_DEPTH_PER_GREY_LEVEL, depthOf, image, modelSize, tinyModelDepth, worstError, type Rgba } from './live-helpers';

const TINY: DepthModelSettings = { model: TINY_DEPTH_MODEL, allowRemoteModels: false, dtype: 'fp32' };

async function harness(page: Page) {
  await page.goto('/e2e/live-harness.html');
  await page.waitForFunction(() => 'liveHarness' in window);
  const worker = await page.evaluate((s) => window.liveHarness.load({ ...s, device: 'webgpu' }), TINY);
  if (!worker.ok) throw new Error(JSON.stringify(worker.error));
  const gpu = await page.evaluate((s) => window.liveHarness.gpuLoad(s), TINY);
  if (!gpu.ok) throw new Error(JSON.stringify(gpu.error));
  expect(gpu.info).toEqual({ model: TINY_DEPTH_MODEL, device: 'webgpu', dtype: 'fp32', kind: 'relative-inverse', notice: null, appDevice: true });
}

const b64 = (img: Rgba) => Buffer.from(img.rgba).toString('base64');

async function workerDepth(page: Page, img: Rgba) {
  const r = await page.evaluate(([w, h, data]) => window.liveHarness.run(w, h, data, 'bitmap'), [img.width, img.height, b64(img)] as const);
  if (!r.ok) throw new Error(`worker run failed: ${JSON.stringify(r.error)}`);
  return { width: r.width, height: r.height, depth: depthOf(r.depthBase64) };
}

async function gpuDepth(page: Page, img: Rgba, as: 'pixels' | 'bitmap') {
  const r = await page.evaluate(([w, h, data, kind]) => window.liveHarness.gpuRun(w, h, data, kind), [img.width, img.height, b64(img), as] as const);
  if (!r.ok) throw new Error(`GPU run failed: ${JSON.stringify(r.error)}`);
  return { width: r.width, height: r.height, depth: depthOf(r.depthBase64) };
}

function worstDifference(a: Float32Array, b: Float32Array, width: number, margin: number): number {
  const height = a.length / width;
  return worstError(a, width, (x, y) => (x < margin || y < margin || x >= width - margin || y >= height - margin ? null : b[y * width + x]));
}

test('on a frame at the model size, the GPU path gives the tiny model’s function and the worker path’s depth', async ({ page }) => {
  await harness(page);
  const old = await workerDepth(page, EXACT);
  const px = (x: number, y: number) => Array.from(EXACT.rgba.subarray((y * 518 + x) * 4, (y * 518 + x) * 4 + 3)) as [number, number, number];
  for (const as of ['pixels', 'bitmap'] as const) {
    const now = await gpuDepth(page, EXACT, as);
    expect([now.width, now.height]).toEqual([518, 392]);
    expect(worstError(now.depth, 518, (x, y) => tinyModelDepth(...px(x, y))), as).toBeLessThanOrEqual(EXACT_TOLERANCE);
    // Old vs new input: transformers.js rounds b · rescale to f32 and the normalised value once
    // (≤ 5e-7 at |v| ≤ 2.7 after / std); the kernel is within 1.3e-6 of float64 at an identity size
    // (kernel-model-input.spec.ts). The model doubles a channel mean (2 · 1.8e-6) and rounds four
    // times at |depth| < 16 in each path (2 · 4 · 16 · 2^-24 = 7.6e-6): 1.2e-5 in all.
    const diff = worstDifference(now.depth, old.depth, 518, 0);
    console.log(`identity size, ${as}: worst |GPU path − worker path| = ${diff.toExponential(2)} (bound 1.2e-5)`);
    expect(diff, as).toBeLessThanOrEqual(1.2e-5);
  }
});

test('a 640 x 480 camera frame, resized on the GPU, gives the worker path’s depth within its 8-bit rounding', async ({ page }) => {
  await harness(page);
  const [w, h] = [640, 480];
  // A grey ramp in x and y with a coloured tilt: linear, so bilinear resampling on either path returns it.
  const grey = (x: number, y: number) => 20 + (120 * x) / (w - 1) + (80 * y) / (h - 1);
  const frame = image(w, h, (x, y) => {
    const v = grey(x, y);
    return [Math.round(v), Math.round(v * 0.9 + 10), Math.round(v * 0.8 + 20)];
  });
  const old = await workerDepth(page, frame);
  const now = await gpuDepth(page, frame, 'bitmap');
  const [mw, mh] = modelSize(w, h);
  expect([now.width, now.height, old.width, old.height]).toEqual([mw, mh, mw, mh]);
  // Both resample the same bytes bilinearly with centres aligned; the worker's canvas rounds its
  // result to 8 bits (≤ ½ level) and quantises its weights (≤ 1/512 of a neighbour step of ≤ 2 levels,
  // three lerps: ≤ 0.012 level); the GPU keeps f32. So ≤ 0.512 level per channel, which moves the
  // tiny model's depth by at most that many TINY_DEPTH_PER_GREY_LEVEL, plus the float slack above.
  // Two pixels at the border are left out: there the canvas may weigh its edge differently.
  const bound = 0.512 * TINY_DEPTH_PER_GREY_LEVEL + 1.2e-5;
  const diff = worstDifference(now.depth, old.depth, mw, 2);
  console.log(`640x480 -> ${mw}x${mh}: worst |GPU path − worker path| = ${diff.toExponential(3)} (bound ${bound.toExponential(3)})`);
  expect(diff).toBeLessThanOrEqual(bound);
  // And the frame did arrive: the depth rises left to right by about the ramp's span.
  const row = Math.floor(mh / 2) * mw;
  expect(now.depth[row + mw - 3] - now.depth[row + 2]).toBeGreaterThan(100 * TINY_DEPTH_PER_GREY_LEVEL);
});
