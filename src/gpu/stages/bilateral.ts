/**
 * Bilateral stage (shaders/bilateral.wgsl). The spatial factors of the window are
 * computed here, in float64 as the reference does, and passed in the uniform buffer
 * (rounded to f32 once), so the kernel evaluates only the range factor per sample.
 */
import bilateralWgsl from '../../../shaders/bilateral.wgsl?raw';
import type { GpuStage } from '../gpu-stage';
import { MAX_BILATERAL_RADIUS, type BilateralParams } from '../../core/filters/bilateral';
import { checkInteger } from '../../core/filters/depth-field';
import type { ParamWord } from './kernel';
import { pixelStage, sizeWords } from './pixel-stage';

/** Words of the spatial table: (2 MAX_BILATERAL_RADIUS + 1)^2 = 289, padded to whole vec4s. */
const SPATIAL_WORDS = Math.ceil((2 * MAX_BILATERAL_RADIUS + 1) ** 2 / 4) * 4;

/** exp(-(dx^2 + dy^2) / (2 sigma^2)) for the (2r+1)^2 window, row by row, zero-padded to SPATIAL_WORDS. */
export function spatialKernel(radius: number, sigmaSpatialPx: number): number[] {
  const table = new Array<number>(SPATIAL_WORDS).fill(0);
  const side = 2 * radius + 1;
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      table[(dy + radius) * side + (dx + radius)] = Math.exp(-(dx * dx + dy * dy) / (2 * sigmaSpatialPx * sigmaSpatialPx));
    }
  }
  return table;
}

export function bilateralStage(device: GPUDevice): GpuStage<BilateralParams> {
  return pixelStage<BilateralParams>(device, {
    label: 'bilateral',
    code: bilateralWgsl,
    words: 8 + SPATIAL_WORDS,
    // WG_X x (WG_Y * ROWS) of the WGSL.
    groupPixels: [16, 32],
    fields: (size, p) => {
      checkInteger(p.radius, 1, MAX_BILATERAL_RADIUS, 'The bilateral radius');
      const fields: ParamWord[] = [
        ...sizeWords(size),
        { u32: p.radius },
        { u32: p.rangeMode === 'relative' ? 1 : 0 },
        { f32: p.sigmaSpatialPx },
        { f32: p.sigmaRange },
        { u32: 0 },
        { u32: 0 },
      ];
      return [...fields, ...spatialKernel(p.radius, p.sigmaSpatialPx).map((f32) => ({ f32 }))];
    },
  });
}
