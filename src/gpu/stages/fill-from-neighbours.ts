/**
 * librealsense's farthest / nearest "from around" hole filling
 * (shaders/hole-fill-neighbours.wgsl): a copy of the input (NaN for no depth), then one
 * workgroup filling in place diagonal by diagonal. One compute pass.
 */
import holeFillNeighboursWgsl from '../../../shaders/hole-fill-neighbours.wgsl?raw';
import type { GpuStage } from '../gpu-stage';
import type { NeighbourPick } from '../../core/filters/hole-fill';
import { Kernel, TILE, Uniform } from './kernel';
import { sizeWords } from './pixel-stage';

export function fillFromNeighboursStage(device: GPUDevice): GpuStage<{ pick: NeighbourPick }> {
  const copy = new Kernel(device, 'hole-fill-copy', holeFillNeighboursWgsl, {}, 'copy');
  const farthest = new Kernel(device, 'hole-fill-farthest', holeFillNeighboursWgsl, { FARTHEST: 1 });
  const nearest = new Kernel(device, 'hole-fill-nearest', holeFillNeighboursWgsl, { FARTHEST: 0 });
  const uniform = new Uniform(device, 'hole-fill-params', 4);
  return {
    outputSize: (size) => size,
    encode(encoder, input, output, size, params) {
      if (params.pick !== 'farthest' && params.pick !== 'nearest') throw new RangeError(`Unknown neighbour pick ${String(params.pick)}.`);
      if (size.width === 0 || size.height === 0) return;
      uniform.write(sizeWords(size));
      const buffers = [uniform.buffer, input, output];
      const pass = encoder.beginComputePass({ label: `hole-fill-${params.pick}` });
      copy.dispatch(pass, buffers, Math.ceil(size.width / TILE), Math.ceil(size.height / TILE));
      (params.pick === 'farthest' ? farthest : nearest).dispatch(pass, buffers, 1);
      pass.end();
    },
    destroy() {
      for (const k of [copy, farthest, nearest]) k.destroy();
      uniform.destroy();
    },
  };
}
