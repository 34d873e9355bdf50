/**
 * Live depth on the app's own GPUDevice (the GPU session's, shared with the
 * chain and three.js): each camera frame is copied into a texture and made into
 * the model's input in WGSL (src/gpu/model-input-pass.ts), and ONNX Runtime
 * Web's WebGPU provider runs the model on that device from that buffer
 * (src/live/gpu-depth-model.ts): no pixel is normalised on the CPU. The depth
 * map and the frame's colours are then read back, asynchronously, for the store
 * (the app's analysis, probes, exports, calibration and point cloud colours
 * work on CPU arrays today). Handed to the live actions
 * by the page (main.tsx); without a WebGPU device there is nothing to offer,
 * and the actions use the model worker.
 */
import { DepthModelError } from '../live/depth-model-errors';
import type { DepthFrame, DepthModelSettings, DepthRunner, FrameImage, LoadProgress } from '../live/depth-model-protocol';
import { frameHeight, frameWidth } from '../live/frame-canvas';
import type { GpuDepthModel } from '../live/gpu-depth-model';
import { ModelInputPass } from '../gpu/model-input-pass';
import { readBufferF32 } from '../gpu/readback';
import { gpuSession, subscribeGpuSession, type GpuSession } from './gpu-session';

class GpuDepthRunner implements DepthRunner {
  private readonly pass: ModelInputPass;
  private running = false;

  constructor(
    private readonly device: GPUDevice,
    private readonly model: GpuDepthModel,
  ) {
    this.pass = new ModelInputPass(device);
  }

  get info() {
    return this.model.info;
  }

  get busy(): boolean {
    return this.running;
  }

  async run(image: FrameImage): Promise<DepthFrame> {
    if (this.running) {
      if (!(image instanceof ImageData)) image.close();
      throw new DepthModelError('inference', 'A frame is already in the depth model; drop this one.');
    }
    this.running = true;
    try {
      const t0 = performance.now();
      const sourceWidth = frameWidth(image);
      const sourceHeight = frameHeight(image);
      const input = this.model.inputFor(sourceWidth, sourceHeight);
      let made: { pixelValues: GPUBuffer; colour: GPUBuffer };
      if (image instanceof ImageData) {
        this.pass.setPixels(image.data, sourceWidth, sourceHeight);
        made = this.pass.run(input);
      } else {
        this.pass.setFrame(image);
        made = this.pass.run(input);
        image.close();
      }
      const { pixelValues, colour: colourBuffer } = made;
      // The point cloud's colours at the depth's size, read back while the model runs.
      const colourRead = readBufferF32(this.device, colourBuffer, input.width * input.height);
      // Waited for, so that the frame's time splits honestly: preprocessing is then the kernel's GPU time
      // too (and any drawing queued ahead of it), inference ONNX Runtime's. The model would wait for it anyway.
      await this.device.queue.onSubmittedWorkDone();
      const t1 = performance.now();
      const depth = await this.model.run(pixelValues, input);
      let values: Float32Array;
      try {
        values = await readBufferF32(this.device, depth.buffer, depth.width * depth.height);
      } finally {
        depth.release();
      }
      // RGBA8 words, read as f32 only to be copied: the bytes are taken as they are.
      const colour = { rgba: new Uint8ClampedArray((await colourRead).buffer as ArrayBuffer), width: input.width, height: input.height };
      const t2 = performance.now();
      const readbackBytes = values.byteLength + colour.rgba.byteLength;
      return {
        depth: values,
        width: depth.width,
        height: depth.height,
        kind: this.model.info.kind,
        sourceWidth,
        sourceHeight,
        colour,
        timings: { preprocessMs: t1 - t0, inferenceMs: t2 - t1, readbackBytes },
      };
    } finally {
      this.running = false;
    }
  }

  async dispose(): Promise<void> {
    this.pass.destroy();
    await this.model.dispose();
  }
}

/** The GPU session once its device is acquired (the camera usually opens later than that). */
function readySession(): Promise<GpuSession> {
  return new Promise((resolve) => {
    const check = () => {
      const s = gpuSession();
      if (s.state !== 'ready') return false;
      resolve(s);
      return true;
    };
    if (check()) return;
    const stop = subscribeGpuSession(() => {
      if (check()) stop();
    });
  });
}

/**
 * The model on the GPU session's device, or null when the app has no WebGPU
 * device; rejects with a DepthModelError (the caller may then try the worker).
 */
export async function loadGpuDepth(settings: DepthModelSettings, onProgress?: (p: LoadProgress) => void): Promise<DepthRunner | null> {
  const session = await readySession();
  const device = session.state === 'ready' ? session.gpu?.device : undefined;
  if (!device) return null;
  // Loaded on first use: transformers.js and ONNX Runtime stay out of the page's start.
  const { GpuDepthModel } = await import('../live/gpu-depth-model');
  return new GpuDepthRunner(device, await GpuDepthModel.load(settings, device, onProgress));
}
