/** Bilateral stage (shaders/bilateral.wgsl). */
import bilateralWgsl from '../../../shaders/bilateral.wgsl?raw';
import type { GpuStage } from '../gpu-stage';
import { MAX_BILATERAL_RADIUS, type BilateralParams } from '../../core/filters/bilateral';
import { checkInteger } from '../../core/filters/depth-field';
import { pixelStage, sizeWords } from './pixel-stage';

export function bilateralStage(device: GPUDevice): GpuStage<BilateralParams> {
  return pixelStage<BilateralParams>(device, {
    label: 'bilateral',
    code: bilateralWgsl,
    words: 8,
    fields: (size, p) => {
      checkInteger(p.radius, 1, MAX_BILATERAL_RADIUS, 'The bilateral radius');
      return [
        ...sizeWords(size),
        { u32: p.radius },
        { u32: p.rangeMode === 'relative' ? 1 : 0 },
        { f32: p.sigmaSpatialPx },
        { f32: p.sigmaRange },
      ];
    },
  });
}
