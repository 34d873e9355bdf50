/**
 * Compute pipelines are expensive to build: one per (device, WGSL source, entry
 * point, constants), built once and reused for every frame.
 */

import depthCommonWgsl from '../../shaders/depth-common.wgsl?raw';

const caches = new WeakMap<GPUDevice, Map<string, GPUComputePipeline>>();

export function computePipeline(
  device: GPUDevice,
  label: string,
  code: string,
  constants: Record<string, number> = {},
  entryPoint = 'main',
): GPUComputePipeline {
  let cache = caches.get(device);
  if (!cache) {
    cache = new Map();
    caches.set(device, cache);
  }
  const key = `${label}\u0000${entryPoint}\u0000${JSON.stringify(constants)}\u0000${code}`;
  let pipeline = cache.get(key);
  if (!pipeline) {
    // Every kernel gets the shared definitions of "no depth" (depth-common.wgsl).
    const module = device.createShaderModule({ label, code: `${depthCommonWgsl}\n${code}` });
    pipeline = device.createComputePipeline({
      label,
      layout: 'auto',
      compute: { module, entryPoint, constants },
    });
    cache.set(key, pipeline);
  }
  return pipeline;
}

/**
 * Drops the device's pipelines. Called when GPU work failed: a pipeline whose creation
 * raised a validation, out-of-memory or internal error is still a (invalid) pipeline
 * object, and a retry must build it again rather than reuse it.
 */
export function forgetPipelines(device: GPUDevice): void {
  caches.delete(device);
}
