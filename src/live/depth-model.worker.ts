/// <reference lib="webworker" />
/**
 * Runs the monocular depth model off the main thread: transformers.js loads the
 * image processor and the ONNX model (WebGPU when there is an adapter, else
 * WebAssembly), then turns frames into depth maps. Requests are handled one at
 * a time, in order.
 */
import { AutoImageProcessor, AutoModelForDepthEstimation, RawImage, type ProgressInfo } from '@huggingface/transformers';
import { depthKindOf } from './depth-kind';
import { DepthModelError, classifyLoadError, classifyRunError, toErrorData } from './depth-model-errors';
import type { DepthModelSettings, FrameImage, LoadedModelInfo, ModelRequest, ModelResponse } from './depth-model-protocol';
import { FrameCanvas, frameHeight, frameWidth } from './frame-canvas';
import { ProgressTally } from './load-progress';
import { configureEnv, modelSourceOf, processorSize, type Processor } from './model-loading';
import { serveOnnxRuntimeFromThisSite } from './ort-assets';

declare const self: DedicatedWorkerGlobalScope;

type Model = Awaited<ReturnType<typeof AutoModelForDepthEstimation.from_pretrained>>;

serveOnnxRuntimeFromThisSite();

let current: { model: Model; processor: Processor; info: LoadedModelInfo } | null = null;

function post(msg: ModelResponse, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

interface Backend {
  device: 'webgpu' | 'wasm';
  dtype: 'fp16' | 'fp32';
  notice: string | null;
}

const WASM_NOTICE = 'WebGPU is not available in this browser, so the depth model runs on the CPU (WebAssembly): several times slower.';

async function chooseBackend(settings: DepthModelSettings): Promise<Backend> {
  const wantDtype = settings.dtype ?? 'auto';
  if (settings.device === 'wasm') return { device: 'wasm', dtype: wantDtype === 'fp16' ? 'fp16' : 'fp32', notice: null };
  const adapter = await navigator.gpu?.requestAdapter().catch(() => null);
  if (!adapter) {
    if (settings.device === 'webgpu') throw new DepthModelError('unexpected', 'WebGPU was asked for, but this browser offers no WebGPU adapter.');
    return { device: 'wasm', dtype: 'fp32', notice: WASM_NOTICE };
  }
  const f16 = adapter.features.has('shader-f16');
  if (wantDtype === 'fp16' && !f16) throw new DepthModelError('unexpected', 'fp16 was asked for, but this GPU has no shader-f16.');
  return { device: 'webgpu', dtype: wantDtype === 'fp32' || !f16 ? 'fp32' : 'fp16', notice: null };
}

async function loadWith(pathOrId: string, backend: Backend, onProgress: (p: ProgressInfo) => void) {
  const options = { progress_callback: onProgress };
  return Promise.all([
    AutoImageProcessor.from_pretrained(pathOrId, options),
    AutoModelForDepthEstimation.from_pretrained(pathOrId, { ...options, device: backend.device, dtype: backend.dtype }),
  ]);
}

async function load(req: Extract<ModelRequest, { kind: 'load' }>): Promise<void> {
  const { settings } = req;
  const source = modelSourceOf(settings.model);
  await release();
  const pathOrId = configureEnv(source, settings.allowRemoteModels);
  const tally = new ProgressTally();
  const onProgress = (p: ProgressInfo) => {
    if (p.status === 'progress') post({ id: req.id, kind: 'progress', file: p.file, ...tally.update(p.file, p.loaded, p.total) });
  };
  let backend = await chooseBackend(settings);
  let processor: Processor;
  let model: Model;
  try {
    [processor, model] = await loadWith(pathOrId, backend, onProgress);
  } catch (e) {
    const failure = classifyLoadError(e, source, settings.allowRemoteModels);
    // A GPU that cannot build the session (driver, limits) still leaves the CPU: fall back, and say so.
    if (backend.device !== 'webgpu' || settings.device === 'webgpu' || failure.reason !== 'unexpected') throw failure;
    backend = { device: 'wasm', dtype: 'fp32', notice: `WebGPU could not run the depth model (${failure.detail}), so it runs on the CPU (WebAssembly): several times slower.` };
    try {
      [processor, model] = await loadWith(pathOrId, backend, onProgress);
    } catch (e2) {
      throw classifyLoadError(e2, source, settings.allowRemoteModels);
    }
  }
  const info: LoadedModelInfo = { model: settings.model, ...backend, kind: depthKindOf(model.config as object) };
  current = { model, processor, info };
  post({ id: req.id, kind: 'loaded', info });
}

const canvas = new FrameCanvas();

/**
 * The frame's RGBA pixels as transformers.js's image type. ImageData is taken as is.
 * Bitmaps and video frames are drawn once, straight at the processor's size: the same
 * canvas resampling transformers.js does in browsers, without its RGBA → RGB → RGBA
 * copies of the full frame (half of the preprocessing time at 640x480).
 */
function toRawImage(image: FrameImage, processor: Processor): RawImage {
  if (image instanceof ImageData) return new RawImage(image.data, image.width, image.height, 4);
  const [width, height] = processorSize(processor, frameWidth(image), frameHeight(image));
  const data = canvas.pixels(image, width, height);
  image.close();
  return new RawImage(data, width, height, 4);
}

async function run(req: Extract<ModelRequest, { kind: 'run' }>): Promise<void> {
  if (!current) {
    if (!(req.image instanceof ImageData)) req.image.close();
    throw new DepthModelError('released', 'The depth model is not loaded (it was released, or never loaded).');
  }
  const { model, processor, info } = current;
  const t0 = performance.now();
  let pixelValues;
  let predicted;
  let t1: number;
  const sourceWidth = frameWidth(req.image);
  const sourceHeight = frameHeight(req.image);
  const image = toRawImage(req.image, processor);
  // Taken now: RawImage's conversions (rgb(), resize) replace its data and size in place.
  const colour = { width: image.width, height: image.height, rgba: new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength) };
  try {
    ({ pixel_values: pixelValues } = await processor(image));
    t1 = performance.now();
    ({ predicted_depth: predicted } = await model({ pixel_values: pixelValues }));
  } catch (e) {
    throw classifyRunError(e);
  }
  const [height, width] = predicted.dims.slice(-2) as [number, number];
  // fp16 models here output float32 (Cast at the end), but a model exported without it gives float16: widen.
  const depth = predicted.data instanceof Float32Array && predicted.data.byteLength === predicted.data.buffer.byteLength ? predicted.data : Float32Array.from(predicted.data as ArrayLike<number>);
  const t2 = performance.now();
  post(
    {
      id: req.id,
      kind: 'depth',
      frame: {
        depth,
        width,
        height,
        kind: info.kind,
        sourceWidth,
        sourceHeight,
        // The pixels go back with the depth (transferred, not copied): the main thread colours the cloud with them.
        colour,
        // On WebGPU, ONNX Runtime read the depth back to hand it over; on WebAssembly it was never on a GPU.
        timings: { preprocessMs: t1 - t0, inferenceMs: t2 - t1, readbackBytes: info.device === 'webgpu' ? depth.byteLength : 0 },
      },
    },
    colour.rgba.buffer === depth.buffer ? [depth.buffer] : [depth.buffer, colour.rgba.buffer as ArrayBuffer],
  );
}

/** Frees the ONNX sessions (their GPU buffers with them). */
async function release(): Promise<void> {
  const was = current;
  current = null;
  await was?.model.dispose();
}

let queue = Promise.resolve();

self.onmessage = (e: MessageEvent<ModelRequest>) => {
  const req = e.data;
  queue = queue.then(async () => {
    try {
      if (req.kind === 'load') await load(req);
      else if (req.kind === 'run') await run(req);
      else {
        await release();
        post({ id: req.id, kind: 'disposed' });
      }
    } catch (err) {
      const failure = err instanceof DepthModelError ? err : new DepthModelError('unexpected', `The depth model failed unexpectedly (${String(err)}).`, String(err));
      post({ id: req.id, kind: 'error', error: toErrorData(failure) });
    }
  });
};
