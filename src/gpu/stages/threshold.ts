/** Threshold stage (shaders/threshold.wgsl): keeps depths within [lo, hi]. */
import thresholdWgsl from '../../../shaders/threshold.wgsl?raw';
import type { GpuStage } from '../gpu-stage';
import { f32Above, f32Below } from './kernel';
import { pixelStage, sizeWords } from './pixel-stage';

export function thresholdStage(device: GPUDevice): GpuStage<{ lo: number; hi: number }> {
  return pixelStage(device, {
    label: 'threshold',
    code: thresholdWgsl,
    words: 4,
    // The reference compares f32 depths with float64 bounds: the f32 bounds that keep
    // exactly the same depths are lo rounded up and hi rounded down (the kernel reads
    // their bits and compares order keys).
    fields: (size, p) => [...sizeWords(size), { f32: f32Above(p.lo) }, { f32: f32Below(p.hi) }],
  });
}
