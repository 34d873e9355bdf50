/** The depth filters that run on the GPU, each a FilterPass over its WGSL file. */
import thresholdWgsl from '../../shaders/threshold.wgsl?raw';
import medianWgsl from '../../shaders/median.wgsl?raw';
import { FilterPass, packParams } from './filter-pass';

export function thresholdPass(device: GPUDevice) {
  const pass = new FilterPass(device, 'threshold', thresholdWgsl, 16);
  return {
    pass,
    set: (width: number, height: number, minM: number, maxM: number) => pass.setParams(packParams(width, height, { f32: [minM, maxM] })),
  };
}

export function medianPass(device: GPUDevice, radius: 1 | 2) {
  const pass = new FilterPass(device, `median-${2 * radius + 1}x${2 * radius + 1}`, medianWgsl, 16, { RADIUS: radius });
  return { pass, set: (width: number, height: number) => pass.setParams(packParams(width, height)) };
}
