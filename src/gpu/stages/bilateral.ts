/** Bilateral stage (shaders/bilateral.wgsl): a workgroup covers 16 x 32 pixels, 16 rows per invocation. */
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
    groupPixels: [16, 32], // WG_X x (WG_Y * ROWS) of the WGSL
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
