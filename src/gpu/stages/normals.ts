/**
 * Normals and discontinuity mask passes (shaders/normals.wgsl, discontinuity-mask.wgsl):
 * not depth -> depth stages, so they have their own small interfaces.
 */
import normalsWgsl from '../../../shaders/normals.wgsl?raw';
import discontinuityMaskWgsl from '../../../shaders/discontinuity-mask.wgsl?raw';
import type { Size } from '../gpu-stage';
import type { PinholeIntrinsics } from '../../core/filters/depth-field';
import { Kernel, Uniform } from './kernel';
import { sizeWords } from './pixel-stage';

export interface NormalsPass {
  /** Writes 3 f32 per pixel (nx, ny, nz) of `depth` into `normals`. */
  encode(encoder: GPUCommandEncoder, depth: GPUBuffer, normals: GPUBuffer, size: Size, intr: PinholeIntrinsics): void;
  destroy(): void;
}

export interface DiscontinuityMaskPass {
  /** Writes a u32 per pixel (0 or 1) into `mask`. */
  encode(encoder: GPUCommandEncoder, depth: GPUBuffer, mask: GPUBuffer, size: Size, relativeJump: number): void;
  destroy(): void;
}

export function normalsPass(device: GPUDevice): NormalsPass {
  const kernel = new Kernel(device, 'normals', normalsWgsl);
  const uniform = new Uniform(device, 'normals-params', 8);
  return {
    encode(encoder, depth, normals, size, intr) {
      if (size.width === 0 || size.height === 0) return;
      const { fx, fy, cx, cy } = intr;
      if (![fx, fy, cx, cy].every(Number.isFinite) || fx === 0 || fy === 0) {
        throw new RangeError(`normalsPass: the intrinsics must be finite with fx, fy != 0, not ${JSON.stringify(intr)}.`);
      }
      uniform.write([...sizeWords(size), { u32: 0 }, { u32: 0 }, { f32: fx }, { f32: fy }, { f32: cx }, { f32: cy }]);
      const pass = encoder.beginComputePass({ label: 'normals' });
      kernel.dispatchPixels(pass, [uniform.buffer, depth, normals], size.width, size.height);
      pass.end();
    },
    destroy() {
      kernel.destroy();
      uniform.destroy();
    },
  };
}

export function discontinuityMaskPass(device: GPUDevice): DiscontinuityMaskPass {
  const kernel = new Kernel(device, 'discontinuity-mask', discontinuityMaskWgsl);
  const uniform = new Uniform(device, 'discontinuity-mask-params', 4);
  return {
    encode(encoder, depth, mask, size, relativeJump) {
      if (size.width === 0 || size.height === 0) return;
      uniform.write([...sizeWords(size), { f32: relativeJump }, { u32: 0 }]);
      const pass = encoder.beginComputePass({ label: 'discontinuity-mask' });
      kernel.dispatchPixels(pass, [uniform.buffer, depth, mask], size.width, size.height);
      pass.end();
    },
    destroy() {
      kernel.destroy();
      uniform.destroy();
    },
  };
}
