/** The depth filters that run on the GPU, each a FilterPass over its WGSL file. */
import thresholdWgsl from '../../shaders/threshold.wgsl?raw';
import medianWgsl from '../../shaders/median.wgsl?raw';
import bilateralWgsl from '../../shaders/bilateral.wgsl?raw';
import holeFillNeighboursWgsl from '../../shaders/hole-fill-neighbours.wgsl?raw';
import { FilterPass, packParams } from './filter-pass';

export function thresholdPass(device: GPUDevice) {
  const pass = new FilterPass(device, 'threshold', thresholdWgsl, 16);
  return {
    pass,
    set: (width: number, height: number, minM: number, maxM: number) => pass.setParams(packParams(width, height, [{ f32: minM }, { f32: maxM }])),
  };
}

export function medianPass(device: GPUDevice, radius: 1 | 2) {
  const pass = new FilterPass(device, `median-${2 * radius + 1}x${2 * radius + 1}`, medianWgsl, 16, { RADIUS: radius });
  return { pass, set: (width: number, height: number) => pass.setParams(packParams(width, height)) };
}

export function bilateralPass(device: GPUDevice) {
  const pass = new FilterPass(device, 'bilateral', bilateralWgsl, 32);
  return {
    pass,
    set: (width: number, height: number, p: { radius: number; sigmaSpatialPx: number; sigmaRange: number; rangeMode: 'absolute' | 'relative' }) =>
      pass.setParams(
        packParams(width, height, [
          { u32: p.radius },
          { u32: p.rangeMode === 'relative' ? 1 : 0 },
          { f32: p.sigmaSpatialPx },
          { f32: p.sigmaRange },
        ]),
      ),
  };
}

export function holeFillNeighboursPass(device: GPUDevice, pick: 'farthest' | 'nearest') {
  const pass = new FilterPass(device, `hole-fill-${pick}`, holeFillNeighboursWgsl, 16, { FARTHEST: pick === 'farthest' ? 1 : 0 });
  return { pass, set: (width: number, height: number) => pass.setParams(packParams(width, height)) };
}
