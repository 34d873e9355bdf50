/**
 * Normals and discontinuity mask passes (shaders/normals.wgsl, discontinuity-mask.wgsl):
 * not depth -> depth stages, so they have their own small interfaces.
 */
import normalsWgsl from '../../../shaders/normals.wgsl?raw';
import discontinuityMaskWgsl from '../../../shaders/discontinuity-mask.wgsl?raw';
import type { Size } from '../gpu-stage';
import type { PinholeIntrinsics } from '../../core/filters/depth-field';
import { Kernel, Uniform, type ParamWord } from './kernel';
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
  return perPixelPass(device, 'normals', normalsWgsl, 8, (size, intr: PinholeIntrinsics) => {
    const { fx, fy, cx, cy } = intr;
    if (![fx, fy, cx, cy].every(Number.isFinite) || fx === 0 || fy === 0) {
      throw new RangeError(`normalsPass: the intrinsics must be finite with fx, fy != 0, not ${JSON.stringify(intr)}.`);
    }
    return [...sizeWords(size), { u32: 0 }, { u32: 0 }, { f32: fx }, { f32: fy }, { f32: cx }, { f32: cy }];
  });
}

export function discontinuityMaskPass(device: GPUDevice): DiscontinuityMaskPass {
  return perPixelPass(device, 'discontinuity-mask', discontinuityMaskWgsl, 4, (size, relativeJump: number) => [...sizeWords(size), { f32: relativeJump }, { u32: 0 }]);
}

/** A pass from a depth image to one value per pixel: `words` makes its uniform from the call's setting. */
function perPixelPass<S>(device: GPUDevice, label: string, wgsl: string, uniformWords: number, words: (size: Size, setting: S) => ParamWord[]) {
  const kernel = new Kernel(device, label, wgsl);
  const uniform = new Uniform(device, `${label}-params`, uniformWords);
  return {
    encode(encoder: GPUCommandEncoder, depth: GPUBuffer, out: GPUBuffer, size: Size, setting: S): void {
      if (size.width === 0 || size.height === 0) return;
      uniform.write(words(size, setting));
      const pass = encoder.beginComputePass({ label });
      kernel.dispatchPixels(pass, [uniform.buffer, depth, out], size.width, size.height);
      pass.end();
    },
    destroy(): void {
      kernel.destroy();
      uniform.destroy();
    },
  };
}
