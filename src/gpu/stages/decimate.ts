/**
 * Decimation stage (shaders/decimate.wgsl): librealsense's output size (whole blocks,
 * padded to a multiple of 4), lower median for factors 2 and 3, mean above (of whole
 * units on integer sources).
 */
import decimateWgsl from '../../../shaders/decimate.wgsl?raw';
import type { GpuStage, Size } from '../gpu-stage';
import { decimatedSize, MAX_DECIMATION, MIN_DECIMATION, type DecimationVariant } from '../../core/filters/decimate';
import { checkInteger } from '../../core/filters/depth-field';
import { Kernel, Uniform, u32s, f32s } from './kernel';

export interface DecimateStageParams {
  factor: number;
  variant?: DecimationVariant;
}

export function decimateStage(device: GPUDevice): GpuStage<DecimateStageParams> {
  const kernels = [0, 1, 2].map((mode) => new Kernel(device, `decimate-${mode}`, decimateWgsl, { MODE: mode }));
  const uniform = new Uniform(device, 'decimate-params', 12);
  const outputSize = (size: Size, p: DecimateStageParams): Size => {
    checkInteger(p.factor, MIN_DECIMATION, MAX_DECIMATION, 'The decimation factor');
    const { width, height } = decimatedSize(size.width, size.height, p.factor);
    return { width, height };
  };
  return {
    outputSize,
    encode(encoder, input, output, size, params) {
      const out = decimatedSize(size.width, size.height, params.factor);
      checkInteger(params.factor, MIN_DECIMATION, MAX_DECIMATION, 'The decimation factor');
      if (out.width === 0 || out.height === 0) return;
      const unitM = params.variant?.kind === 'units' ? params.variant.unitM : null;
      const mode = params.factor <= 3 ? 0 : unitM === null ? 1 : 2;
      uniform.write([
        ...u32s(size.width, out.width, out.height, params.factor, out.realWidth, out.realHeight),
        ...f32s(unitM ?? 1, Math.fround(1 / (unitM ?? 1))),
        ...u32s(unitM === null ? 0 : 1, 0, 0, 0),
      ]);
      const pass = encoder.beginComputePass({ label: 'decimate' });
      kernels[mode].dispatchPixels(pass, [uniform.buffer, input, output], out.width, out.height);
      pass.end();
    },
    destroy() {
      kernels.forEach((k) => k.destroy());
      uniform.destroy();
    },
  };
}
