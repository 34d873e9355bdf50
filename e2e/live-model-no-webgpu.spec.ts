/**
 * The live depth model in a browser that offers no WebGPU adapter: Chromium
 * without --enable-unsafe-webgpu, where SwiftShader (a CPU driver) is not
 * offered, as on a machine whose GPU WebGPU does not support. The model must
 * fall back to WebAssembly, say so, and compute the same depth.
 */
import { test, expect } from '@playwright/test';
import { chromiumPath, WEBGPU_FLAGS } from './chromium';
import { tinyModelDepth } from './live-helpers';
import { TINY_DEPTH_MODEL } from '../src/live/model-source';

const NO_WEBGPU_ADAPTER = WEBGPU_FLAGS.filter((f) => f !== '--enable-unsafe-webgpu' && !f.startsWith('--use-webgpu-adapter'));
test.use({ launchOptions: { executablePath: chromiumPath(), args: NO_WEBGPU_ADAPTER } });

test('without WebGPU the model runs on WebAssembly, says it is slower, and computes the same depth', async ({ page }) => {
  await page.goto('/e2e/live-harness.html');
  await page.waitForFunction(() => 'liveHarness' in window);
  expect(await page.evaluate(async () => (await navigator.gpu?.requestAdapter()) ?? null)).toBeNull();
  const r = await page.evaluate((model) => window.liveHarness.load({ model, allowRemoteModels: false }), TINY_DEPTH_MODEL);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  expect(r.info).toMatchObject({ device: 'wasm', dtype: 'fp32', kind: 'relative-inverse' });
  expect(r.info.notice).toMatch(/WebGPU is not available.*slower/);

  // Three colours side by side at a model size (no resampling): each pixel's depth is known exactly.
  const [w, h] = [518, 392];
  const colours: [number, number, number][] = [[10, 200, 90], [255, 255, 255], [0, 0, 0]];
  const rgba = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) rgba.set([...colours[Math.floor(((i % w) * 3) / w)], 255], i * 4);
  const out = await page.evaluate(([b64]) => window.liveHarness.run(518, 392, b64, 'imagedata'), [Buffer.from(rgba).toString('base64')] as const);
  if (!out.ok) throw new Error(JSON.stringify(out.error));
  const bytes = Buffer.from(out.depthBase64, 'base64');
  const depth = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  let worst = 0;
  const colourAt = (i: number) => colours[Math.floor(((i % w) * 3) / w)];
  for (let i = 0; i < w * h; i++) worst = Math.max(worst, Math.abs(depth[i] - tinyModelDepth(...colourAt(i))));
  // float32 all along, as in live-model.spec.ts (EXACT_TOLERANCE there).
  expect(worst).toBeLessThanOrEqual(1e-5);
});
