/** Messages between the main thread (depth-model.ts) and the model worker (depth-model.worker.ts). */
import type { DepthKind } from './depth-kind';
import type { DepthModelErrorData } from './depth-model-errors';

export interface DepthModelSettings {
  /** A Hugging Face hub id or a model folder on this site (see model-source.ts). */
  model: string;
  /** transformers.js's env.allowRemoteModels: false keeps the hub out (a cached hub model still loads). */
  allowRemoteModels: boolean;
  /** 'auto': WebGPU when the browser offers an adapter, else WebAssembly on the CPU. */
  device?: 'auto' | 'webgpu' | 'wasm';
  /** 'auto': fp16 on a WebGPU adapter with shader-f16, else fp32. */
  dtype?: 'auto' | 'fp16' | 'fp32';
}

/** What was loaded, and how it runs. */
export interface LoadedModelInfo {
  model: string;
  device: 'webgpu' | 'wasm';
  dtype: 'fp16' | 'fp32';
  kind: DepthKind;
  /** Said to the user when the model runs slower than it could (no WebGPU: the WebAssembly fallback). */
  notice: string | null;
  /** Set when the model runs on the app's own GPU device (gpu-depth-model.ts), not in the worker. */
  appDevice?: true;
}

export interface LoadProgress {
  /** Bytes of the model's files received so far, and expected in all (as far as known yet). */
  loadedBytes: number;
  totalBytes: number;
  file: string;
}

/** Where a frame's time went inside the worker. */
export interface DepthTimings {
  /** Frame to normalised pixel_values: reading the pixels, resizing, normalising (transformers.js's image processor). */
  preprocessMs: number;
  /** ONNX Runtime's run, output copied back to the CPU included. */
  inferenceMs: number;
  /** Bytes read back from the GPU for this frame (the depth map, where the model ran on the GPU). */
  readbackBytes: number;
}

/**
 * One depth map at the model's resolution (the frame resized to a multiple of 14
 * near 518 px, aspect kept): row-major, `kind` says what the values mean.
 */
export interface DepthFrame {
  depth: Float32Array;
  width: number;
  height: number;
  kind: DepthKind;
  /** Size of the frame it came from. */
  sourceWidth: number;
  sourceHeight: number;
  /** That frame's RGBA pixels as the model read them, at their size (the point cloud's colours). */
  colour: { rgba: Uint8ClampedArray; width: number; height: number };
  timings: DepthTimings;
}

/** A loaded depth model as the live view drives it: the worker (depth-model.ts) or the GPU path on the app's device. */
export interface DepthRunner {
  readonly info: LoadedModelInfo;
  /** True while a frame is in the model: callers drop frames rather than queue them. */
  readonly busy: boolean;
  /** Depth of one frame; the caller gives up ImageBitmaps and VideoFrames (they are closed). */
  run(image: FrameImage): Promise<DepthFrame>;
  /** Frees the model's memory. */
  dispose(): Promise<void>;
}

/** ImageData is copied across; ImageBitmap and VideoFrame are transferred (the caller gives them up). */
export type FrameImage = ImageData | ImageBitmap | VideoFrame;

export type ModelRequest =
  | { id: number; kind: 'load'; settings: DepthModelSettings }
  | { id: number; kind: 'run'; image: FrameImage }
  | { id: number; kind: 'dispose' };

export type ModelResponse =
  | ({ id: number; kind: 'progress' } & LoadProgress)
  | { id: number; kind: 'loaded'; info: LoadedModelInfo }
  | { id: number; kind: 'depth'; frame: DepthFrame }
  | { id: number; kind: 'disposed' }
  | { id: number; kind: 'error'; error: DepthModelErrorData };
