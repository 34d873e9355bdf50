/**
 * The live depth model end to end in headless Chromium: src/live's worker loads
 * the generated tiny Depth Anything (scripts/make-tiny-depth-model.ts) from
 * this site through the real transformers.js and ONNX Runtime Web, with remote
 * models off, and its depth is checked value by value against the model's
 * function computed here from first principles:
 *
 *   depth = SCALE · mean over c of ((rgb_c / 255 − mean_c) / std_c) + OFFSET
 *
 * on the frame resized as Depth Anything's processor does (aspect kept, each
 * side a multiple of 14, the side that changes least brought to 518 px).
 */
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TINY_MODEL_DIR } from '../scripts/make-tiny-depth-model';
import { TINY_DEPTH_MODEL } from '../src/live/model-source';
import type { DepthModelSettings } from '../src/live/depth-model-protocol';
import { EXACT, EXACT_TOLERANCE, TINY_DEPTH_PER_GREY_LEVEL, depthOf, image, modelSize, tinyModelDepth, worstError, type Rgba } from './live-helpers';

const TINY: DepthModelSettings = { model: TINY_DEPTH_MODEL, allowRemoteModels: false };

async function harness(page: Page) {
  await page.goto('/e2e/live-harness.html');
  await page.waitForFunction(() => 'liveHarness' in window);
}

const expectedDepth = tinyModelDepth;

async function run(page: Page, img: Rgba, as: 'imagedata' | 'bitmap' = 'imagedata') {
  const r = await page.evaluate(
    ([w, h, b64, kind]) => window.liveHarness.run(w, h, b64, kind),
    [img.width, img.height, Buffer.from(img.rgba).toString('base64'), as] as const,
  );
  if (!r.ok) throw new Error(`run failed: ${JSON.stringify(r.error)}`);
  return { ...r, depth: depthOf(r.depthBase64) };
}

function fileSize(name: string): number {
  return readFileSync(path.join(TINY_MODEL_DIR, name)).length;
}

test.describe('live depth model (tiny Depth Anything)', () => {
  test('loads from this site with remote models off, on WebGPU, and reports bytes as they arrive', async ({ page }) => {
    await harness(page);
    const features = await page.evaluate(() => window.liveHarness.adapterFeatures());
    expect(features, 'this test needs WebGPU (see shared/webgpu-headless.md)').not.toBeNull();
    const r = await page.evaluate((s) => window.liveHarness.load(s), TINY);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const dtype = features!.includes('shader-f16') ? 'fp16' : 'fp32';
    expect(r.info).toEqual({ model: TINY_DEPTH_MODEL, device: 'webgpu', dtype, kind: 'relative-inverse', notice: null });
    const modelFile = `onnx/model${dtype === 'fp16' ? '_fp16' : ''}.onnx`;
    const files = ['config.json', 'preprocessor_config.json', modelFile];
    expect(new Set(r.progress.map((p) => p.file))).toEqual(new Set(files));
    const last = r.progress.at(-1)!;
    const allBytes = files.reduce((sum, f) => sum + fileSize(f), 0);
    expect([last.loadedBytes, last.totalBytes]).toEqual([allBytes, allBytes]);
    for (const p of r.progress) expect(p.loadedBytes).toBeLessThanOrEqual(p.totalBytes);
  });

  test('depth equals SCALE * mean of the normalised pixel + OFFSET, pixel for pixel, on WebGPU', async ({ page }) => {
    await harness(page);
    const r = await page.evaluate((s) => window.liveHarness.load(s), { ...TINY, dtype: 'fp32' as const });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.info.device).toBe('webgpu');
    for (const as of ['imagedata', 'bitmap'] as const) {
      const out = await run(page, EXACT, as);
      expect([out.width, out.height, out.kind, out.source]).toEqual([518, 392, 'relative-inverse', [518, 392]]);
      const px = (x: number, y: number) => Array.from(EXACT.rgba.subarray((y * 518 + x) * 4, (y * 518 + x) * 4 + 3)) as [number, number, number];
      expect(worstError(out.depth, 518, (x, y) => expectedDepth(...px(x, y))), as).toBeLessThanOrEqual(EXACT_TOLERANCE);
      expect(out.timings.preprocessMs).toBeGreaterThan(0);
      expect(out.timings.inferenceMs).toBeGreaterThan(0);
    }
  });

  test('a frame of another size is resized as Depth Anything does, then mapped by the same function', async ({ page }) => {
    await harness(page);
    const r = await page.evaluate((s) => window.liveHarness.load(s), TINY);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    // A grey ramp in x and y: any interpolation that keeps straight lines straight (the canvas's
    // bilinear here) gives back the ramp at the resampled positions.
    const [w, h] = [640, 480];
    const grey = (x: number, y: number) => 20 + (200 * x) / (w - 1) * 0.6 + (200 * y) / (h - 1) * 0.4;
    const frame = image(w, h, (x, y) => {
      const v = Math.round(grey(x, y));
      return [v, v, v];
    });
    // ImageData is resized by transformers.js's processor; a bitmap (the camera's path) is drawn by the
    // worker straight at the processor's size (depth-model.worker.ts). Both must give the same result.
    for (const as of ['imagedata', 'bitmap'] as const) {
      const out = await run(page, frame, as);
      const [mw, mh] = modelSize(w, h);
      expect([out.width, out.height, out.source]).toEqual([mw, mh, [w, h]]);
      expect([mw, mh]).toEqual([686, 518]);
      // Output pixel (x, y) samples the source at ((x + 0.5) * w / mw - 0.5, ...), pixel centres aligned.
      const want = (x: number, y: number) => {
        if (x < 2 || y < 2 || x >= mw - 2 || y >= mh - 2) return null; // edges clamp instead of extrapolating
        const v = grey((x + 0.5) * (w / mw) - 0.5, (y + 0.5) * (h / mh) - 0.5);
        return expectedDepth(v, v, v);
      };
      // The source was rounded to whole grey levels (±0.5) and the resized canvas is 8-bit again (±0.5):
      // one level in all, which moves the depth by SCALE * mean(1/std) / 255 = 0.0347. One level plus float slack:
      const oneGreyLevel = TINY_DEPTH_PER_GREY_LEVEL;
      expect(worstError(out.depth, mw, want), as).toBeLessThanOrEqual(oneGreyLevel + 1e-4);
      // And the ramp did arrive: the depth rises left to right by about its full span.
      const row = Math.floor(mh / 2) * mw;
      expect(out.depth[row + mw - 3] - out.depth[row + 2]).toBeGreaterThan(expectedDepth(140, 140, 140) - expectedDepth(30, 30, 30));
    }
  });

  test('runs on WebAssembly when asked, fp32 and fp16 files alike', async ({ page }) => {
    await harness(page);
    const px = (x: number, y: number) => Array.from(EXACT.rgba.subarray((y * 518 + x) * 4, (y * 518 + x) * 4 + 3)) as [number, number, number];
    // fp16 carries 11 significant bits: half an ulp at |x| < 8 is 2^-9, rounded at the cast in, the mean, the scale and the offset.
    for (const [dtype, tolerance] of [['fp32', EXACT_TOLERANCE], ['fp16', 4 * 2 ** -9]] as const) {
      const r = await page.evaluate((s) => window.liveHarness.load(s), { ...TINY, device: 'wasm' as const, dtype });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      expect(r.info).toEqual({ model: TINY_DEPTH_MODEL, device: 'wasm', dtype, kind: 'relative-inverse', notice: null });
      expect(r.progress.map((p) => p.file)).toContain(dtype === 'fp16' ? 'onnx/model_fp16.onnx' : 'onnx/model.onnx');
      const out = await run(page, EXACT);
      expect(worstError(out.depth, 518, (x, y) => expectedDepth(...px(x, y))), dtype).toBeLessThanOrEqual(tolerance);
    }
  });

  test('a missing model, a bad setting and an unreachable hub each give a typed error that says what to do', async ({ page }) => {
    let hubRequests = 0;
    await page.context().route('https://huggingface.co/**', (route) => {
      hubRequests++;
      return route.abort('internetdisconnected');
    });
    await harness(page);
    const load = (s: DepthModelSettings) => page.evaluate((x) => window.liveHarness.load(x), s);

    const missing = await load({ model: '/models/no-such-model/', allowRemoteModels: false });
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error).toMatchObject({ typed: true, reason: 'not-found' });
      expect(missing.error.message).toContain('/models/no-such-model/');
      expect(missing.error.message).toContain('config.json');
    }

    const bad = await load({ model: 'not a model', allowRemoteModels: false });
    expect(bad.ok ? null : bad.error).toMatchObject({ typed: true, reason: 'bad-setting' });

    const noDownloads = await load({ model: 'onnx-community/depth-anything-v2-small', allowRemoteModels: false });
    expect(noDownloads.ok ? null : noDownloads.error).toMatchObject({ typed: true, reason: 'remote-disabled' });
    expect(hubRequests, 'remote models off: nothing may go to the hub').toBe(0);

    const offline = await load({ model: 'onnx-community/depth-anything-v2-small', allowRemoteModels: true });
    expect(offline.ok ? null : offline.error).toMatchObject({ typed: true, reason: 'offline' });
    expect(hubRequests).toBeGreaterThan(0);
  });

  test('dispose releases the model: a later frame is refused with a typed error', async ({ page }) => {
    await harness(page);
    const r = await page.evaluate((s) => window.liveHarness.load(s), TINY);
    expect(r.ok).toBe(true);
    await run(page, EXACT);
    await page.evaluate(() => window.liveHarness.dispose());
    const after = await page.evaluate(
      ([w, h, b64]) => window.liveHarness.run(w, h, b64, 'bitmap'),
      [EXACT.width, EXACT.height, Buffer.from(EXACT.rgba).toString('base64')] as const,
    );
    expect(after.ok ? null : after.error).toMatchObject({ typed: true, reason: 'released' });
  });
});
