/**
 * Runs shaders/align-depth-to-colour.wgsl: a depth field (f32 metres, NaN = no
 * depth) in, the same depth registered to the colour camera out, a
 * colour-width x colour-height f32 field the chain can take as its depth.
 * Reference: src/core/align-depth.ts.
 */
import alignWgsl from '../../shaders/align-depth-to-colour.wgsl?raw';
import type { SizedLensCamera } from '../core/align-depth';
import type { RigidTransform } from '../core/recording';
import { lensWords, withLens } from './lens-uniform';
import { Kernel, Uniform, type ParamWord } from './stages/kernel';

const PAD: ParamWord = { u32: 0 };

export class AlignDepthToColourPass {
  private readonly clear: Kernel;
  private readonly scatter: Kernel;
  private readonly uniform: Uniform;

  constructor(device: GPUDevice) {
    const code = withLens(alignWgsl);
    this.clear = new Kernel(device, 'align-depth-clear', code, {}, 'clear');
    this.scatter = new Kernel(device, 'align-depth-to-colour', code, {}, 'main');
    this.uniform = new Uniform(device, 'align-depth-params', 40);
  }

  /**
   * `depth` holds depthCamera.width x height f32; `aligned` must hold
   * colourCamera.width x height f32 (4 bytes each), all of which it overwrites.
   * `depthToColour`: depth-camera points to colour-camera points, row-major 4x4.
   */
  encode(
    encoder: GPUCommandEncoder,
    depth: GPUBuffer,
    depthCamera: SizedLensCamera,
    colourCamera: SizedLensCamera,
    depthToColour: RigidTransform,
    aligned: GPUBuffer,
  ): void {
    if (depthToColour.length !== 16) throw new RangeError(`The extrinsics have ${depthToColour.length} numbers, not 16 (a row-major 4x4).`);
    const f = (v: number): ParamWord => ({ f32: v });
    const t = depthToColour;
    this.uniform.write([
      { u32: depthCamera.width },
      { u32: depthCamera.height },
      { u32: colourCamera.width },
      { u32: colourCamera.height },
      ...[depthCamera.fx, depthCamera.fy, depthCamera.cx, depthCamera.cy].map(f),
      ...[colourCamera.fx, colourCamera.fy, colourCamera.cx, colourCamera.cy].map(f),
      ...lensWords(depthCamera),
      PAD,
      PAD,
      ...lensWords(colourCamera),
      PAD,
      PAD,
      ...t.slice(0, 12).map(f),
    ]);
    const pass = encoder.beginComputePass({ label: 'align-depth-to-colour' });
    this.clear.dispatchPixels(pass, [this.uniform.buffer, aligned], colourCamera.width, colourCamera.height);
    this.scatter.dispatchPixels(pass, [this.uniform.buffer, aligned, depth], depthCamera.width, depthCamera.height);
    pass.end();
  }

  destroy(): void {
    this.clear.destroy();
    this.scatter.destroy();
    this.uniform.destroy();
  }
}
