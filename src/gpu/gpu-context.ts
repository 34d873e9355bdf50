/**
 * The one GPUDevice of the app. three.js's WebGPURenderer is given this device
 * (WebGPUBackend's `device` parameter), so compute kernels and drawing share
 * buffers and textures with no copies. Created once; recreated after device loss.
 */

export interface GpuContext {
  readonly adapter: GPUAdapter;
  readonly device: GPUDevice;
  readonly features: ReadonlySet<string>;
  readonly adapterInfo: string;
}

export type GpuUnavailableReason = 'no-navigator-gpu' | 'no-adapter' | 'device-failed';

export type GpuAcquireResult = { ok: true; gpu: GpuContext } | { ok: false; reason: GpuUnavailableReason; detail: string };

/** Optional features we use when the adapter has them; never required. */
// shader-f16: the live depth model runs its fp16 weights on this device (src/live/gpu-depth-model.ts).
const WANTED_FEATURES: GPUFeatureName[] = ['timestamp-query', 'float32-filterable', 'shader-f16'];

type LossListener = (info: GPUDeviceLostInfo) => void;
const lossListeners = new Set<LossListener>();
let pending: Promise<GpuAcquireResult> | null = null;

/** Calls `listener` when the device is lost (a new one can then be acquired). Returns an unsubscribe function. */
export function onDeviceLost(listener: LossListener): () => void {
  lossListeners.add(listener);
  return () => lossListeners.delete(listener);
}

/** The shared device, created on first call. After a loss the next call creates a new one. */
export function acquireGpu(): Promise<GpuAcquireResult> {
  pending ??= createGpu();
  return pending;
}

async function createGpu(): Promise<GpuAcquireResult> {
  if (typeof navigator === 'undefined' || !('gpu' in navigator) || !navigator.gpu) {
    return { ok: false, reason: 'no-navigator-gpu', detail: 'This browser does not expose WebGPU (navigator.gpu).' };
  }
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { ok: false, reason: 'no-adapter', detail: `requestAdapter failed: ${String(e)}` };
  }
  if (!adapter) return { ok: false, reason: 'no-adapter', detail: 'WebGPU is present but no GPU adapter is available.' };
  const requiredFeatures = WANTED_FEATURES.filter((f) => adapter.features.has(f));
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({
      label: 'depthscope-device',
      requiredFeatures,
      requiredLimits: {
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        maxBufferSize: adapter.limits.maxBufferSize,
      },
    });
  } catch (e) {
    return { ok: false, reason: 'device-failed', detail: `requestDevice failed: ${String(e)}` };
  }
  device.addEventListener('uncapturederror', (event) => {
    console.error('[depthscope] WebGPU error:', (event as GPUUncapturedErrorEvent).error.message);
  });
  void device.lost.then((info) => {
    pending = null;
    for (const l of lossListeners) l(info);
  });
  const info = adapter.info;
  return {
    ok: true,
    gpu: {
      adapter,
      device,
      features: new Set(requiredFeatures),
      adapterInfo: [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' '),
    },
  };
}
