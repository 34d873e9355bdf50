/**
 * Median stage: 3 x 3 (shaders/median.wgsl, an insertion sort) or 5 x 5
 * (shaders/median-5x5.wgsl, a selection network, 2.5x faster than the sort there);
 * both pipelines built up front.
 */
import medianWgsl from '../../../shaders/median.wgsl?raw';
import median5x5Wgsl from '../../../shaders/median-5x5.wgsl?raw';
import type { GpuStage } from '../gpu-stage';
import { pixelStage, sizeWords } from './pixel-stage';

export function medianStage(device: GPUDevice): GpuStage<{ size: number }> {
  const fields = sizeWords;
  const small = pixelStage<{ size: number }>(device, { label: 'median-3x3', code: medianWgsl, words: 4, fields, constants: { RADIUS: 1 } });
  const large = pixelStage<{ size: number }>(device, { label: 'median-5x5', code: median5x5Wgsl, words: 4, fields });
  return {
    outputSize: (size) => size,
    encode(encoder, input, output, size, params) {
      if (params.size !== 3 && params.size !== 5) throw new RangeError(`The median window must be 3 or 5, not ${params.size}.`);
      (params.size === 3 ? small : large).encode(encoder, input, output, size, params);
    },
    destroy() {
      small.destroy();
      large.destroy();
    },
  };
}
