/**
 * Median stage: 3 x 3 (shaders/median-3x3.wgsl, opt_med9) or 5 x 5
 * (shaders/median-5x5.wgsl, opt_med25): comparator networks on a window that slides
 * down a column of 16 pixels per invocation, with shaders/median-common.wgsl
 * appended; both pipelines built up front. A workgroup covers 16 x 32 pixels
 * (16 x 2 invocations of 16 rows).
 */
import median3x3Wgsl from '../../../shaders/median-3x3.wgsl?raw';
import median5x5Wgsl from '../../../shaders/median-5x5.wgsl?raw';
import medianCommonWgsl from '../../../shaders/median-common.wgsl?raw';
import type { GpuStage } from '../gpu-stage';
import { pixelStage, sizeWords } from './pixel-stage';

/** Output pixels per workgroup, [x, y]: WG_X and WG_Y * ROWS of the two kernels. */
export const MEDIAN_GROUP_PIXELS = [16, 32] as const;

export function medianStage(device: GPUDevice): GpuStage<{ size: number }> {
  const fields = sizeWords;
  const groupPixels = MEDIAN_GROUP_PIXELS;
  const small = pixelStage<{ size: number }>(device, { label: 'median-3x3', code: `${median3x3Wgsl}\n${medianCommonWgsl}`, words: 4, fields, groupPixels });
  const large = pixelStage<{ size: number }>(device, { label: 'median-5x5', code: `${median5x5Wgsl}\n${medianCommonWgsl}`, words: 4, fields, groupPixels });
  return {
    outputSize: (size) => size,
    encode(encoder, input, output, size, params) {
      if (params.size !== 3 && params.size !== 5) throw new RangeError(`The median window must be 3 or 5, not ${params.size}.`);
      (params.size === 3 ? small : large).encode(encoder, input, output, size, params);
    },
    destroy() {
      small.destroy();
      large.destroy();
    },
  };
}
