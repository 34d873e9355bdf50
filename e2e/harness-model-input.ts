/**
 * Page side of e2e/kernel-model-input.spec.ts: shaders/model-input.wgsl
 * (ModelInputPass) against modelInputReference (src/core/model-input.ts) on
 * seeded random RGBA frames, which make every tap's neighbours differ (the
 * worst case for the interpolation), at an identity size, a downscale and an upscale.
 *
 * The tolerance is derived in the spec.
 */
import { acquireGpu } from '../src/gpu/gpu-context';
import { ModelInputPass } from '../src/gpu/model-input-pass';
import { readBufferF32 } from '../src/gpu/readback';
import { modelInputReference, type ModelInputParams } from '../src/core/model-input';
import { mulberry32 } from '../src/core/seeded-random';

/** Depth Anything's preprocessor_config.json (and the tiny test model's). */
export const DEPTH_ANYTHING_INPUT = { rescale: 0.00392156862745098, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] } as const;

export function randomFrame(width: number, height: number, seed: number): Uint8Array<ArrayBuffer> {
  const random = mulberry32(seed);
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = Math.floor(random() * 256);
  return rgba;
}

export interface ModelInputComparison {
  worst: number;
  compared: number;
  /** Largest |value| seen (the tolerance assumes ≤ 2.7). */
  largest: number;
  /** At an identity size, colour bytes that differ from the frame's (alpha 255); 0 otherwise. */
  colourMismatches: number;
}

/** `perturbGpuRescale` multiplies the GPU's rescale factor, to show the comparison can fail. */
export async function compareModelInput(srcW: number, srcH: number, outW: number, outH: number, seed: number, perturbGpuRescale = 1): Promise<ModelInputComparison> {
  const r = await acquireGpu();
  if (!r.ok) throw new Error(`WebGPU unavailable: ${r.detail}`);
  const device = r.gpu.device;
  const rgba = randomFrame(srcW, srcH, seed);
  const params: ModelInputParams = { width: outW, height: outH, ...DEPTH_ANYTHING_INPUT };
  const want = modelInputReference(rgba, srcW, srcH, params);
  device.pushErrorScope('validation');
  const pass = new ModelInputPass(device);
  pass.setPixels(rgba, srcW, srcH);
  const made = pass.run({ ...params, rescale: params.rescale * perturbGpuRescale });
  const got = await readBufferF32(device, made.pixelValues, want.length);
  // The colour output: RGBA8 words (read as f32 only to be copied). At an identity size it is the frame itself.
  const colour = new Uint8Array((await readBufferF32(device, made.colour, outW * outH)).buffer);
  const error = await device.popErrorScope();
  pass.destroy();
  if (error) throw new Error(`WebGPU validation error: ${error.message}`);
  let worst = 0;
  let largest = 0;
  for (let i = 0; i < want.length; i++) {
    worst = Math.max(worst, Math.abs(got[i] - want[i]));
    largest = Math.max(largest, Math.abs(want[i]));
  }
  let colourMismatches = 0;
  if (srcW === outW && srcH === outH) for (let i = 0; i < rgba.length; i++) if (colour[i] !== (i % 4 === 3 ? 255 : rgba[i])) colourMismatches++;
  return { worst, compared: want.length, largest, colourMismatches };
}
