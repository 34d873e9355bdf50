/** Decimation stage (shaders/decimate.wgsl): floor(w/f) x floor(h/f), lower median of each block. */
import decimateWgsl from '../../../shaders/decimate.wgsl?raw';
import type { GpuStage, Size } from '../gpu-stage';
import { MAX_DECIMATION, MIN_DECIMATION } from '../../core/filters/decimate';
import { checkInteger } from '../../core/filters/depth-field';
import { Kernel, Uniform } from './kernel';

export function decimateStage(device: GPUDevice): GpuStage<{ factor: number }> {
  const kernel = new Kernel(device, 'decimate', decimateWgsl);
  const uniform = new Uniform(device, 'decimate-params', 4);
  const outputSize = (size: Size, p: { factor: number }): Size => {
    // The kernel's block buffer holds 8 x 8 samples: a larger factor must not reach it.
    checkInteger(p.factor, MIN_DECIMATION, MAX_DECIMATION, 'The decimation factor');
    return { width: Math.floor(size.width / p.factor), height: Math.floor(size.height / p.factor) };
  };
  return {
    outputSize,
    encode(encoder, input, output, size, params) {
      const out = outputSize(size, params);
      if (out.width === 0 || out.height === 0) return;
      uniform.write([{ u32: size.width }, { u32: out.width }, { u32: out.height }, { u32: params.factor }]);
      const pass = encoder.beginComputePass({ label: 'decimate' });
      kernel.dispatchPixels(pass, [uniform.buffer, input, output], out.width, out.height);
      pass.end();
    },
    destroy() {
      kernel.destroy();
      uniform.destroy();
    },
  };
}
