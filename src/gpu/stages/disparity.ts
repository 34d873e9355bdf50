/**
 * The chain's depth <-> disparity switch: inverse depth (1/m, shaders/inverse-depth.wgsl)
 * when no stereo baseline is known, else librealsense's disparity in 1/32 px
 * (shaders/disparity-transform.wgsl; reference: core/filters/disparity-librealsense.ts).
 */
import disparityWgsl from '../../../shaders/disparity-transform.wgsl?raw';
import type { GpuStage } from '../gpu-stage';
import type { DisparitySwitch } from '../../core/filter-chain';
import { inverseDepthStage } from './inverse-depth';
import { pixelStage, sizeWords } from './pixel-stage';
import type { ParamWord } from './kernel';

export function disparityStage(device: GPUDevice): GpuStage<DisparitySwitch> {
  const inverse = inverseDepthStage(device);
  const stereo = (entry: 'to_disparity' | 'to_depth') =>
    pixelStage<DisparitySwitch>(device, {
      label: `disparity-${entry}`,
      code: disparityWgsl,
      entryPoint: entry,
      words: 8,
      fields: (size, p): ParamWord[] => {
        if (p.kind === 'inverse') throw new RangeError('disparityStage: the inverse switch has no factor.');
        const unitM = p.stereo.unitM;
        return [...sizeWords(size), { f32: p.stereo.factor }, { f32: unitM ?? 1 }, { f32: 1 / (unitM ?? 1) }, { u32: unitM === null ? 0 : 1 }];
      },
    });
  const toDisparity = stereo('to_disparity');
  const toDepth = stereo('to_depth');
  return {
    outputSize: (size) => size,
    encode(encoder, input, output, size, p) {
      const stage = p.kind === 'inverse' ? inverse : p.kind === 'to-disparity' ? toDisparity : toDepth;
      stage.encode(encoder, input, output, size, p as never);
    },
    destroy() {
      [inverse, toDisparity, toDepth].forEach((s) => s.destroy());
    },
  };
}
