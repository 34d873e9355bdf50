/**
 * Runs shaders/tsdf-shade.wgsl: a RaycastTarget's maps into the live view's
 * RGBA8 image, a storage buffer whose rows are 256 bytes aligned so a view
 * copies it into a texture on the GPU (copyBufferToTexture), never through
 * the CPU. The image is made once per size and reused. CPU reference:
 * src/core/tsdf/raycast-shade.ts.
 */
import shadeWgsl from '../../shaders/tsdf-shade.wgsl?raw';
import { RAYCAST_AMBIENT, RAYCAST_BACKGROUND, packRgba8, type RaycastShading } from '../core/tsdf';
import { Kernel, Uniform, f32s, storageBuffer, u32s } from './stages/kernel';
import type { RaycastTarget } from './tsdf-raycast-pass';

/** Pixels per image row: the width rounded up to 64 (copyBufferToTexture's 256-byte rows). */
export const shadeRowStride = (width: number) => Math.ceil(width / 64) * 64;

const BACKGROUND_WORD = packRgba8(...RAYCAST_BACKGROUND);

export class TsdfShadePass {
  private readonly kernel: Kernel;
  private readonly params: Uniform;
  private image: GPUBuffer | null = null;
  width = 0;
  height = 0;

  constructor(private readonly device: GPUDevice) {
    this.kernel = new Kernel(device, 'tsdf-shade', shadeWgsl);
    this.params = new Uniform(device, 'tsdf-shade-params', 12);
  }

  /** The image (RGBA8 words, shadeRowStride(width) per row) of the last encode; null before the first. */
  get buffer(): GPUBuffer | null {
    return this.image;
  }

  get stride(): number {
    return shadeRowStride(this.width);
  }

  /** Records the shading of `target` seen from camera centre `origin` (world). */
  encode(encoder: GPUCommandEncoder, target: RaycastTarget, origin: readonly number[], mode: RaycastShading): void {
    const { width, height } = target;
    if (!this.image || width !== this.width || height !== this.height) {
      this.image?.destroy();
      this.image = storageBuffer(this.device, 'tsdf-shade-image', shadeRowStride(width) * height);
      this.width = width;
      this.height = height;
    }
    this.params.write([
      ...u32s(width, height, shadeRowStride(width), mode === 'coloured' ? 1 : 0),
      ...f32s(origin[0], origin[1], origin[2], RAYCAST_AMBIENT),
      ...u32s(BACKGROUND_WORD, 0, 0, 0),
    ]);
    const pass = encoder.beginComputePass({ label: 'tsdf-shade' });
    this.kernel.dispatchPixels(pass, [this.params.buffer, target.vertices, target.normals, target.colours, this.image], width, height);
    pass.end();
  }

  destroy(): void {
    this.kernel.destroy();
    this.params.destroy();
    this.image?.destroy();
    this.image = null;
  }
}
