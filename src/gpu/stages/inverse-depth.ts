/** Depth <-> inverse depth stage (shaders/inverse-depth.wgsl): the same map both ways. */
import inverseDepthWgsl from '../../../shaders/inverse-depth.wgsl?raw';
import type { GpuStage } from '../gpu-stage';
import { pixelStage, sizeWords } from './pixel-stage';

export function inverseDepthStage(device: GPUDevice): GpuStage<Record<string, never>> {
  return pixelStage(device, { label: 'inverse-depth', code: inverseDepthWgsl, words: 4, fields: (size) => sizeWords(size) });
}
