/**
 * Runs shaders/backproject.wgsl: the chain's depth in, one vec4 per point out,
 * into a buffer the caller owns (the 3D view passes three.js's own storage
 * buffer, so the cloud never visits the CPU).
 */
import backprojectWgsl from '../../shaders/backproject.wgsl?raw';
import meshIndexWgsl from '../../shaders/mesh-index.wgsl?raw';
import { cloudSize } from '../core/backproject';
import type { LensDistortion } from '../core/distortion';
import { lensWords, withLens } from './lens-uniform';
import type { PinholeIntrinsics } from '../core/filters/depth-field';
import type { Size } from './gpu-stage';
import { Kernel, KernelPass, Uniform } from './stages/kernel';

export class BackprojectPass {
  private readonly kernel: Kernel;
  private readonly uniform: Uniform;

  constructor(device: GPUDevice) {
    this.kernel = new Kernel(device, 'backproject', withLens(backprojectWgsl));
    this.uniform = new Uniform(device, 'backproject-params', 18);
  }

  /**
   * `points` must hold cloudSize(...).count vec4f (16 bytes each). `lens`: the
   * depth camera's distortion (a recording's CameraModel); absent: the pinhole model.
   */
  encode(
    encoder: GPUCommandEncoder,
    depth: GPUBuffer,
    size: Size,
    intr: PinholeIntrinsics,
    stride: number,
    rayLength: boolean,
    points: GPUBuffer,
    cutJump = 0,
    lens?: LensDistortion,
  ): void {
    const { columns, rows } = cloudSize(size.width, size.height, stride);
    this.uniform.write([
      { u32: size.width },
      { u32: size.height },
      { u32: columns },
      { u32: rows },
      { u32: stride },
      { u32: rayLength ? 1 : 0 },
      { f32: cutJump },
      { u32: 0 },
      { f32: intr.fx },
      { f32: intr.fy },
      { f32: intr.cx },
      { f32: intr.cy },
      ...lensWords(lens),
    ]);
    const pass = encoder.beginComputePass({ label: 'backproject' });
    this.kernel.dispatchPixels(pass, [this.uniform.buffer, depth, points], columns, rows);
    pass.end();
  }

  destroy(): void {
    this.kernel.destroy();
    this.uniform.destroy();
  }
}

/** Runs shaders/mesh-index.wgsl: the points' grid in, triangle indices (degenerate where cut) out. */
export class MeshIndexPass extends KernelPass {
  constructor(device: GPUDevice) {
    super(device, 'mesh-index', meshIndexWgsl, 2);
  }

  /** `indices` must hold 6 (columns - 1)(rows - 1) u32. */
  encode(encoder: GPUCommandEncoder, points: GPUBuffer, columns: number, rows: number, indices: GPUBuffer): void {
    this.uniform.write([{ u32: columns }, { u32: rows }]);
    const pass = encoder.beginComputePass({ label: 'mesh-index' });
    this.kernel.dispatchPixels(pass, [this.uniform.buffer, points, indices], Math.max(0, columns - 1), Math.max(0, rows - 1));
    pass.end();
  }
}
