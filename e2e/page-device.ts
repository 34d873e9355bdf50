/**
 * For the kernel specs' page.evaluate (imported there by its served path,
 * /e2e/page-device.ts): the app's shared device with a validation error scope
 * open, which the spec pops at the end to assert that nothing was invalid.
 */
import { acquireGpu } from '../src/gpu/gpu-context';

export async function validatedDevice(): Promise<GPUDevice> {
  const r = await acquireGpu();
  if (!r.ok) throw new Error(r.detail);
  r.gpu.device.pushErrorScope('validation');
  return r.gpu.device;
}
