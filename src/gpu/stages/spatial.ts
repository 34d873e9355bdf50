/**
 * Spatial filter stage, librealsense's loops (src/core/filters/spatial-domain-transform.ts
 * says which path runs for which source). One compute pass (dispatches see each
 * other's writes): the input converted into working values in the output buffer
 * (shaders/spatial-convert.wgsl), each iteration a rows dispatch and a columns dispatch
 * in place (spatial-depth.wgsl or spatial-disparity.wgsl), for disparity the hole fill
 * (spatial-inertial-fill.wgsl), then the conversion back, which reads the input again.
 */
import convertWgsl from '../../../shaders/spatial-convert.wgsl?raw';
import depthWgsl from '../../../shaders/spatial-depth.wgsl?raw';
import disparityWgsl from '../../../shaders/spatial-disparity.wgsl?raw';
import fillWgsl from '../../../shaders/spatial-inertial-fill.wgsl?raw';
import type { GpuStage } from '../gpu-stage';
import { checkInteger, checkNumber } from '../../core/filters/depth-field';
import { deltaUnits, holeFillRadius, type SpatialFilterParams, type SpatialVariant } from '../../core/filters/spatial-domain-transform';
import { FLT_EPSILON } from '../../core/filters/spatial-librealsense';
import { Kernel, LINE_GROUP, TILE, Uniform } from './kernel';
import { sizeWords } from './pixel-stage';

export interface SpatialStageParams extends SpatialFilterParams {
  variant: SpatialVariant;
}

const MODES = { units: 0, float: 1, disparity: 2 } as const;

export function spatialStage(device: GPUDevice): GpuStage<SpatialStageParams> {
  const kernels = new Map<string, Kernel>();
  const kernel = (key: string, code: string, constants: Record<string, number>, entry = 'main') => {
    let k = kernels.get(key);
    if (!k) kernels.set(key, (k = new Kernel(device, `spatial-${key}`, code, constants, entry)));
    return k;
  };
  const convertParams = new Uniform(device, 'spatial-convert-params', 4);
  const smoothParams = new Uniform(device, 'spatial-params', 8);
  const fillParams = new Uniform(device, 'spatial-fill-params', 4);
  return {
    outputSize: (size) => size,
    encode(encoder, input, output, size, p) {
      checkInteger(p.iterations, 1, 5, 'The number of spatial filter iterations');
      checkNumber(p.alpha, 0.25, 1, 'The spatial filter alpha');
      const { width, height } = size;
      if (width === 0 || height === 0) return;
      const { variant } = p;
      const mode = MODES[variant.kind];
      const unitM = variant.kind === 'units' ? variant.unitM : 1;
      const radius = holeFillRadius(p.holeFill);
      const alpha = Math.fround(p.alpha);
      convertParams.write([...sizeWords(size), { f32: unitM }, { f32: Math.fround(1 / unitM) }]);
      const common = [...sizeWords(size), { f32: alpha }, { f32: Math.fround(1 - alpha) }];
      if (variant.kind === 'disparity') smoothParams.write([...common, { f32: p.delta }, { u32: 0 }, { u32: 0 }, { u32: 0 }]);
      else {
        const units = variant.kind === 'units';
        const delta = units ? deltaUnits(p.delta, unitM) : p.delta;
        smoothParams.write([...common, { f32: delta }, { f32: units ? 1 : FLT_EPSILON }, { u32: radius }, { u32: units ? 1 : 0 }]);
      }
      const code = variant.kind === 'disparity' ? disparityWgsl : depthWgsl;
      const rows = kernel(`${variant.kind === 'disparity' ? 'disparity' : 'depth'}-rows`, code, { WORKGROUP_SIZE: LINE_GROUP, ROWS: 1 });
      const columns = kernel(`${variant.kind === 'disparity' ? 'disparity' : 'depth'}-columns`, code, { WORKGROUP_SIZE: LINE_GROUP, ROWS: 0 });
      const toWork = kernel(`to-work-${mode}`, convertWgsl, { WORKGROUP_SIZE: TILE, MODE: mode }, 'to_work');
      const fromWork = kernel(`from-work-${mode}`, convertWgsl, { WORKGROUP_SIZE: TILE, MODE: mode }, 'from_work');

      const pass = encoder.beginComputePass({ label: 'spatial' });
      toWork.dispatchPixels(pass, [convertParams.buffer, input, output], width, height);
      for (let it = 0; it < p.iterations; it++) {
        rows.dispatch(pass, [smoothParams.buffer, output], Math.ceil(height / LINE_GROUP));
        columns.dispatch(pass, [smoothParams.buffer, output], Math.ceil(width / LINE_GROUP));
      }
      if (variant.kind === 'disparity' && radius > 0) {
        fillParams.write([...sizeWords(size), { u32: radius }, { u32: 0 }]);
        kernel('inertial-fill', fillWgsl, { WORKGROUP_SIZE: LINE_GROUP }).dispatch(pass, [fillParams.buffer, output], Math.ceil(height / LINE_GROUP));
      }
      fromWork.dispatchPixels(pass, [convertParams.buffer, input, output], width, height);
      pass.end();
    },
    destroy() {
      kernels.forEach((k) => k.destroy());
      convertParams.destroy();
      smoothParams.destroy();
      fillParams.destroy();
    },
  };
}
