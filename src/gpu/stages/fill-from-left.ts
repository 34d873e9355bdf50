/** Hole filling from the left (shaders/fill-from-left.wgsl): one invocation per row. */
import fillFromLeftWgsl from '../../../shaders/fill-from-left.wgsl?raw';
import type { GpuStage } from '../gpu-stage';
import { Kernel, LINE_GROUP, Uniform } from './kernel';
import { sizeWords } from './pixel-stage';

export function fillFromLeftStage(device: GPUDevice): GpuStage<Record<string, never>> {
  const kernel = new Kernel(device, 'fill-from-left', fillFromLeftWgsl, { WORKGROUP_SIZE: LINE_GROUP });
  const uniform = new Uniform(device, 'fill-from-left-params', 4);
  return {
    outputSize: (size) => size,
    encode(encoder, input, output, size) {
      if (size.width === 0 || size.height === 0) return;
      uniform.write(sizeWords(size));
      const pass = encoder.beginComputePass({ label: 'fill-from-left' });
      kernel.dispatch(pass, [uniform.buffer, input, output], Math.ceil(size.height / LINE_GROUP));
      pass.end();
    },
    destroy() {
      kernel.destroy();
      uniform.destroy();
    },
  };
}
