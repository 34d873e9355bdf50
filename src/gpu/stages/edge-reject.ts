/**
 * Edge rejection stage: shaders/discontinuity-mask.wgsl in its reject_edges mode
 * (depth copied, flying pixels at depth jumps made NaN). Reference: rejectEdges
 * in src/core/filters/normals.ts.
 */
import discontinuityMaskWgsl from '../../../shaders/discontinuity-mask.wgsl?raw';
import type { GpuStage } from '../gpu-stage';
import { pixelStage, sizeWords } from './pixel-stage';

export function edgeRejectStage(device: GPUDevice): GpuStage<{ jump: number }> {
  return pixelStage(device, {
    label: 'edge-reject',
    code: discontinuityMaskWgsl,
    words: 4,
    fields: (size, p) => [...sizeWords(size), { f32: p.jump }, { u32: 1 }],
  });
}
