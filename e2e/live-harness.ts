/**
 * Exposes src/live to Playwright (e2e/live-model.spec.ts): the depth model is
 * loaded and run through the real worker, transformers.js and ONNX Runtime
 * Web; the test sends pixels in and reads depth back as base64.
 */
import { DepthModel, type DepthModelSettings, type LoadProgress } from '../src/live/depth-model';
import { DepthModelError } from '../src/live/depth-model-errors';

let model: DepthModel | null = null;

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
};

declare global {
  interface Window {
    liveHarness: typeof liveHarness;
  }
}
window.liveHarness = liveHarness;
