/**
 * Ray casting a TsdfGpuVolume (shaders/tsdf-raycast.wgsl): the surface seen
 * from a camera, as GPU buffers the tracker (icp-tracker.ts) and the live view
 * read: per pixel a vec4f vertex (world xyz, depth), a vec4f normal (world)
 * and an RGBA8 colour; NaN bits where no surface is hit. Nothing is read back
 * per frame. CPU reference: src/core/tsdf/raycast.ts.
 */
import findBlockWgsl from '../../shaders/tsdf-find-block.wgsl?raw';
import raycastWgsl from '../../shaders/tsdf-raycast.wgsl?raw';
import type { PinholeIntrinsics } from '../core/filters/depth-field';
import type { RigidTransform } from '../core/recording';
import { readBufferF32 } from './readback';
import { Kernel, Uniform, storageBuffer, u32s, f32s } from './stages/kernel';
import type { TsdfGpuVolume } from './tsdf-pass';

/** One image's worth of ray-cast output, with its own parameters (several are cast in one submit). */
export class RaycastTarget {
  readonly vertices: GPUBuffer;
  readonly normals: GPUBuffer;
  readonly colours: GPUBuffer;
  readonly params: Uniform;

  constructor(
    device: GPUDevice,
    readonly width: number,
    readonly height: number,
  ) {
    const n = width * height;
    this.vertices = storageBuffer(device, 'raycast-vertices', 4 * n);
    this.normals = storageBuffer(device, 'raycast-normals', 4 * n);
    this.colours = storageBuffer(device, 'raycast-colours', n);
    this.params = new Uniform(device, 'raycast-params', 28);
  }

  destroy(): void {
    for (const b of [this.vertices, this.normals, this.colours]) b.destroy();
    this.params.destroy();
  }
}

/** Most ray steps a pixel can take: the depth range over the smallest step (never reached unless float error stalls a ray). */
export function raycastStepLimit(settings: TsdfGpuVolume['settings'], width: number, height: number, intr: PinholeIntrinsics): number {
  const corner = Math.hypot(Math.max(intr.cx, width - 1 - intr.cx) / intr.fx, Math.max(intr.cy, height - 1 - intr.cy) / intr.fy, 1);
  const minStep = Math.min(settings.voxelSizeM, 0.5 * settings.truncationM);
  return Math.ceil(((settings.depthMaxM - settings.depthMinM) * corner) / minStep) + 16;
}

export class TsdfRaycastPass {
  private readonly kernel: Kernel;

  constructor(
    device: GPUDevice,
    private readonly volume: TsdfGpuVolume,
  ) {
    this.kernel = new Kernel(device, 'tsdf-raycast', findBlockWgsl + raycastWgsl);
  }

  /** Records the ray cast from `pose` (camera-to-world) with `intr` into `target`. */
  encode(encoder: GPUCommandEncoder, target: RaycastTarget, pose: RigidTransform, intr: PinholeIntrinsics): void {
    const s = this.volume.settings;
    const { width, height } = target;
    target.params.write([
      ...u32s(width, height, this.volume.tableSize - 1, s.blockBudget),
      ...f32s(intr.fx, intr.fy, intr.cx, intr.cy, s.voxelSizeM, s.truncationM, s.depthMinM, s.depthMaxM),
      ...u32s(raycastStepLimit(s, width, height, intr), 0, 0, 0),
      ...pose.slice(0, 12).map((v) => ({ f32: v })),
    ]);
    const v = this.volume.buffers();
    const pass = encoder.beginComputePass({ label: 'tsdf-raycast' });
    this.kernel.dispatchPixels(pass, [target.params.buffer, v.keys, v.slots, v.voxels, target.vertices, target.normals, target.colours], width, height);
    pass.end();
  }

  destroy(): void {
    this.kernel.destroy();
  }
}

/** For tests and benchmarks: a target read back as xyz per pixel (vertices, normals), depth, and colour RGBA8 words. */
export async function readRaycastTarget(device: GPUDevice, t: RaycastTarget) {
  const n = t.width * t.height;
  const v4 = await readBufferF32(device, t.vertices, 4 * n);
  const n4 = await readBufferF32(device, t.normals, 4 * n);
  const colours = new Uint32Array((await readBufferF32(device, t.colours, n)).buffer);
  const vertices = new Float32Array(3 * n);
  const normals = new Float32Array(3 * n);
  const depth = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    vertices.set(v4.subarray(4 * i, 4 * i + 3), 3 * i);
    normals.set(n4.subarray(4 * i, 4 * i + 3), 3 * i);
    depth[i] = v4[4 * i + 3];
  }
  return { width: t.width, height: t.height, vertices, normals, depth, colours };
}
