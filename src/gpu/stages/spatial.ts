/**
 * Spatial (domain transform) stage (shaders/spatial-domain-transform.wgsl): the input
 * is copied to the output, then each iteration is a rows dispatch and a columns
 * dispatch working in place there, in one compute pass (dispatches see each other's writes).
 */
import spatialWgsl from '../../../shaders/spatial-domain-transform.wgsl?raw';
import type { GpuStage } from '../gpu-stage';
import { checkInteger, checkNumber } from '../../core/filters/depth-field';
import type { SpatialFilterParams } from '../../core/filters/spatial-domain-transform';
import { f32Above, Kernel, LINE_GROUP, Uniform } from './kernel';
import { sizeWords } from './pixel-stage';

export function spatialStage(device: GPUDevice): GpuStage<SpatialFilterParams> {
  const rows = new Kernel(device, 'spatial-rows', spatialWgsl, { WORKGROUP_SIZE: LINE_GROUP, ROWS: 1 });
  const columns = new Kernel(device, 'spatial-columns', spatialWgsl, { WORKGROUP_SIZE: LINE_GROUP, ROWS: 0 });
  const uniform = new Uniform(device, 'spatial-params', 8);
  return {
    outputSize: (size) => size,
    encode(encoder, input, output, size, p) {
      checkInteger(p.iterations, 1, 5, 'The number of spatial filter iterations');
      checkNumber(p.alpha, 0.25, 1, 'The spatial filter alpha');
      const { width, height } = size;
      if (width === 0 || height === 0) return;
      uniform.write([
        ...sizeWords(size),
        { f32: p.alpha },
        { f32: 1 - p.alpha },
        // |cur - prev| < delta for an f32 difference <=> < delta rounded up to an f32.
        { f32: f32Above(p.delta) },
        { u32: p.holeFill },
      ]);
      encoder.copyBufferToBuffer(input, 0, output, 0, width * height * 4);
      const pass = encoder.beginComputePass({ label: 'spatial' });
      for (let it = 0; it < p.iterations; it++) {
        rows.dispatch(pass, [uniform.buffer, output], Math.ceil(height / LINE_GROUP));
        columns.dispatch(pass, [uniform.buffer, output], Math.ceil(width / LINE_GROUP));
      }
      pass.end();
    },
    destroy() {
      rows.destroy();
      columns.destroy();
      uniform.destroy();
    },
  };
}
