/**
 * Exposes src/live to Playwright (e2e/live-model.spec.ts): the depth model is
 * loaded and run through the real worker, transformers.js and ONNX Runtime
 * Web; the test sends pixels in and reads depth back as base64.
 */
import { DepthModel, type DepthModelSettings, type LoadProgress } from '../src/live/depth-model';
import { DepthModelError } from '../src/live/depth-model-errors';
import type { GpuDepthModel } from '../src/live/gpu-depth-model';
import { acquireGpu } from '../src/gpu/gpu-context';
import { ModelInputPass } from '../src/gpu/model-input-pass';
import { readBufferF32 } from '../src/gpu/readback';

let model: DepthModel | null = null;
let gpuModel: { model: GpuDepthModel; pass: ModelInputPass; device: GPUDevice } | null = null;

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export interface HarnessError {
  /** False when something other than a DepthModelError escaped: a missing classification. */
  typed: boolean;
  reason: string;
  message: string;
}

function describe(e: unknown): HarnessError {
  if (e instanceof DepthModelError) return { typed: true, reason: e.reason, message: e.message };
  return { typed: false, reason: 'untyped', message: String(e) };
}

const liveHarness = {
  /** The features of the adapter a worker would get, or null without WebGPU. */
  async adapterFeatures(): Promise<string[] | null> {
    const adapter = await navigator.gpu?.requestAdapter();
    return adapter ? [...adapter.features] : null;
  },

  async load(settings: DepthModelSettings) {
    const progress: LoadProgress[] = [];
    await model?.dispose();
    model = null;
    try {
      model = await DepthModel.load(settings, (p) => progress.push(p));
      return { ok: true as const, info: model.info, progress };
    } catch (e) {
      return { ok: false as const, error: describe(e), progress };
    }
  },

  /** Runs the loaded model on RGBA pixels, handed over as ImageData or as an ImageBitmap. */
  async run(width: number, height: number, rgbaBase64: string, as: 'imagedata' | 'bitmap') {
    if (!model) throw new Error('no model loaded');
    const image = new ImageData(new Uint8ClampedArray(fromBase64(rgbaBase64).buffer), width, height);
    const frame = as === 'imagedata' ? image : await createImageBitmap(image, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
    try {
      const r = await model.run(frame);
      return {
        ok: true as const,
        width: r.width,
        height: r.height,
        kind: r.kind,
        source: [r.sourceWidth, r.sourceHeight],
        timings: r.timings,
        depthBase64: toBase64(new Uint8Array(r.depth.buffer, r.depth.byteOffset, r.depth.byteLength)),
      };
    } catch (e) {
      return { ok: false as const, error: describe(e) };
    }
  },

  async dispose(): Promise<void> {
    await model?.dispose();
  },

  /** The GPU path (gpu-depth-model.ts): the model on the page's own device, as the app runs it. */
  async gpuLoad(settings: DepthModelSettings) {
    const r = await acquireGpu();
    if (!r.ok) throw new Error(`WebGPU unavailable: ${r.detail}`);
    await gpuModel?.model.dispose();
    gpuModel?.pass.destroy();
    gpuModel = null;
    try {
      const { GpuDepthModel } = await import('../src/live/gpu-depth-model');
      const m = await GpuDepthModel.load(settings, r.gpu.device);
      gpuModel = { model: m, pass: new ModelInputPass(r.gpu.device), device: r.gpu.device };
      return { ok: true as const, info: m.info };
    } catch (e) {
      return { ok: false as const, error: describe(e) };
    }
  },

  /** Pixels in as a texture (written, or copied from an ImageBitmap as camera frames are), the model input and depth made on the GPU, the depth read back for the test. */
  async gpuRun(width: number, height: number, rgbaBase64: string, as: 'pixels' | 'bitmap') {
    if (!gpuModel) throw new Error('no GPU model loaded');
    const { model: m, pass, device } = gpuModel;
    const rgba = new Uint8ClampedArray(fromBase64(rgbaBase64).buffer);
    const input = m.inputFor(width, height);
    let made;
    if (as === 'pixels') {
      pass.setPixels(rgba, width, height);
      made = pass.run(input);
    } else {
      // As camera frames arrive: an ImageBitmap, copied into the texture on the GPU.
      const bitmap = await createImageBitmap(new ImageData(rgba, width, height), { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
      pass.setFrame(bitmap);
      made = pass.run(input);
      bitmap.close();
    }
    try {
      const depth = await m.run(made.pixelValues, input);
      const values = await readBufferF32(device, depth.buffer, depth.width * depth.height);
      depth.release();
      return { ok: true as const, width: depth.width, height: depth.height, depthBase64: toBase64(new Uint8Array(values.buffer)) };
    } catch (e) {
      return { ok: false as const, error: describe(e) };
    }
  },
};

declare global {
  interface Window {
    liveHarness: typeof liveHarness;
  }
}
window.liveHarness = liveHarness;
