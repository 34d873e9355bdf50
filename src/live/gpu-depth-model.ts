/**
 * The depth model on the main thread, on the app's own GPUDevice (the one the
 * engine's chain and three.js draw with): ONNX Runtime Web's WebGPU execution
 * provider is given that device, reads `pixel_values` from a GPU buffer made by
 * the caller (src/gpu/model-input-pass.ts) and leaves `predicted_depth` in a GPU
 * buffer (preferredOutputLocation 'gpu-buffer'), so a frame's pixels and depth
 * never cross to the CPU. transformers.js still finds, downloads and caches the
 * model files and reads the processor's config (size rule, mean, std).
 *
 * A device cannot be shared with a worker, hence the main thread: ONNX Runtime
 * only records and submits GPU work there, the GPU computes. Anything this path
 * cannot do (no WebGPU, a processor step the GPU kernel lacks, a session that
 * will not build) is a DepthModelError, and the caller falls back to the worker
 * (depth-model.ts), which also runs WebAssembly.
 */
import { AutoImageProcessor, AutoModelForDepthEstimation, type ProgressInfo } from '@huggingface/transformers';
import * as ort from 'onnxruntime-web/webgpu';
import type { ModelInputParams } from '../core/model-input';
import { depthKindOf } from './depth-kind';
import { DepthModelError, classifyLoadError, classifyRunError } from './depth-model-errors';
import type { DepthModelSettings, LoadProgress, LoadedModelInfo } from './depth-model-protocol';
import { ProgressTally } from './load-progress';
import { configureEnv, modelSourceOf, processorSize, type Processor } from './model-loading';
import { serveOnnxRuntimeFromThisSite } from './ort-assets';

/** A depth map left on the device by the model; `release` gives its buffer back to ONNX Runtime. */
export interface GpuDepth {
  buffer: GPUBuffer;
  width: number;
  height: number;
  release(): void;
}

const triple = (v: unknown, fallback: number): [number, number, number] => {
  const a = Array.isArray(v) ? v : [v ?? fallback, v ?? fallback, v ?? fallback];
  if (a.length !== 3 || a.some((x) => typeof x !== 'number')) throw new DepthModelError('unexpected', 'The model’s image processor does not normalise three colour channels, so it cannot run on the GPU path.');
  return a as [number, number, number];
};

/** The processor's steps as the GPU kernel's parameters; a step the kernel does not do is refused. */
function kernelSteps(p: Processor): Omit<ModelInputParams, 'width' | 'height'> {
  const unsupported = (['do_pad', 'do_center_crop', 'do_thumbnail', 'do_crop_margin', 'do_flip_channel_order'] as const).filter((k) => (p as unknown as Record<string, unknown>)[k]);
  if (unsupported.length > 0) throw new DepthModelError('unexpected', `The model’s image processor asks for ${unsupported.join(', ')}, which the GPU path does not do.`);
  const normalise = Boolean(p.do_normalize);
  return {
    rescale: p.do_rescale ? p.rescale_factor : 1,
    mean: normalise ? triple(p.image_mean, 0) : [0, 0, 0],
    std: normalise ? triple(p.image_std, 1) : [1, 1, 1],
  };
}

type Model = Awaited<ReturnType<typeof AutoModelForDepthEstimation.from_pretrained>>;

export class GpuDepthModel {
  private running = false;

  private constructor(
    private readonly model: Model,
    private readonly session: ort.InferenceSession,
    private readonly processor: Processor,
    private readonly steps: Omit<ModelInputParams, 'width' | 'height'>,
    readonly info: LoadedModelInfo,
  ) {}

  /** Loads the model onto `device`; rejects with a DepthModelError (then use the worker). */
  static async load(settings: DepthModelSettings, device: GPUDevice, onProgress?: (p: LoadProgress) => void): Promise<GpuDepthModel> {
    serveOnnxRuntimeFromThisSite();
    const source = modelSourceOf(settings.model);
    const pathOrId = configureEnv(source, settings.allowRemoteModels);
    const tally = new ProgressTally();
    const progress_callback = (p: ProgressInfo) => {
      if (p.status === 'progress') onProgress?.({ file: p.file, ...tally.update(p.file, p.loaded, p.total) });
    };
    // fp16 needs shader-f16 on this very device (the app asks for it when the adapter has it).
    const dtype = settings.dtype === 'fp32' || !device.features.has('shader-f16') ? 'fp32' : 'fp16';
    if (settings.dtype === 'fp16' && dtype !== 'fp16') throw new DepthModelError('unexpected', 'fp16 was asked for, but the app’s GPU device has no shader-f16.');
    let processor: Processor;
    let model: Model;
    try {
      [processor, model] = await Promise.all([
        AutoImageProcessor.from_pretrained(pathOrId, { progress_callback }),
        AutoModelForDepthEstimation.from_pretrained(pathOrId, {
          progress_callback,
          device: 'webgpu',
          dtype,
          session_options: {
            executionProviders: [{ name: 'webgpu', device } as ort.InferenceSession.WebGpuExecutionProviderOption],
            preferredOutputLocation: 'gpu-buffer',
          },
        }),
      ]);
    } catch (e) {
      throw classifyLoadError(e, source, settings.allowRemoteModels);
    }
    const session = (model as unknown as { sessions?: Record<string, ort.InferenceSession> }).sessions?.model;
    if (!session || !session.inputNames.includes('pixel_values') || !session.outputNames.includes('predicted_depth')) {
      await model.dispose();
      throw new DepthModelError('unexpected', 'The model has no pixel_values input or predicted_depth output, so it cannot run on the GPU path.');
    }
    let steps;
    try {
      steps = kernelSteps(processor);
    } catch (e) {
      await model.dispose();
      throw e;
    }
    const info: LoadedModelInfo = { model: settings.model, device: 'webgpu', dtype, kind: depthKindOf(model.config as object), notice: null, appDevice: true };
    return new GpuDepthModel(model, session, processor, steps, info);
  }

  /** The model input for a srcWidth x srcHeight frame: the processor's size and its rescale, mean and std. */
  inputFor(srcWidth: number, srcHeight: number): ModelInputParams {
    const [width, height] = processorSize(this.processor, srcWidth, srcHeight);
    return { width, height, ...this.steps };
  }

  get busy(): boolean {
    return this.running;
  }

  /** Runs the model on `pixelValues` (3 · height · width float32 on the same device, planar); the depth stays on the device. */
  async run(pixelValues: GPUBuffer, input: ModelInputParams): Promise<GpuDepth> {
    if (this.running) throw new DepthModelError('inference', 'A frame is already in the depth model; drop this one.');
    this.running = true;
    try {
      const tensor = ort.Tensor.fromGpuBuffer(pixelValues, { dataType: 'float32', dims: [1, 3, input.height, input.width] });
      const out = (await this.session.run({ pixel_values: tensor })).predicted_depth;
      if (out.location !== 'gpu-buffer' || out.type !== 'float32') {
        out.dispose();
        throw new DepthModelError('inference', `The depth model gave ${out.type} on the ${out.location}, not float32 on the GPU.`);
      }
      const [height, width] = out.dims.slice(-2) as [number, number];
      return { buffer: out.gpuBuffer as GPUBuffer, width, height, release: () => out.dispose() };
    } catch (e) {
      throw classifyRunError(e);
    } finally {
      this.running = false;
    }
  }

  /** Frees the session's GPU memory (the device itself is the app's, and stays). */
  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}
