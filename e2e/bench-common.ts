/** What the benchmark pages and kernel harnesses need: the app's shared WebGPU device, and the median of a list of times. */
import { acquireGpu } from '../src/gpu/gpu-context';

export async function sharedDevice(): Promise<GPUDevice> {
  const r = await acquireGpu();
  if (!r.ok) throw new Error(`WebGPU unavailable: ${r.detail}`);
  return r.gpu.device;
}

/** The median (the upper one of an even count): robust to the shared machine's outliers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
