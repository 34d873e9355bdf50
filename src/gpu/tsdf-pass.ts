/**
 * The TSDF volume on the GPU: the hash table, the block pool and the voxels
 * stay in GPU buffers across frames; each frame is three dispatches
 * (shaders/tsdf-allocate.wgsl, tsdf-dispatch-args.wgsl, tsdf-integrate.wgsl)
 * with no CPU pass over pixels or voxels. CPU reference: src/core/tsdf/volume.ts.
 *
 * Memory: budget x 10 KiB of voxels (512 x 5 float32), plus the table (two u32
 * and a stamp per hash slot, 2 x budget slots) and the frame's block list.
 */
import allocateWgsl from '../../shaders/tsdf-allocate.wgsl?raw';
import argsWgsl from '../../shaders/tsdf-dispatch-args.wgsl?raw';
import integrateWgsl from '../../shaders/tsdf-integrate.wgsl?raw';
import type { PinholeIntrinsics } from '../core/filters/depth-field';
import type { RigidTransform } from '../core/recording';
import type { LensDistortion } from '../core/distortion';
import {
  BLOCK_VOXELS,
  BYTES_PER_BLOCK,
  allocationSteps,
  blockHash,
  blockKey,
  budgetFullSentence,
  hashTableSize,
  rigidTransformProblem,
  tsdfFrameProblem,
  tsdfSettingsProblem,
  worldToCamera,
  type TsdfFrame,
  type TsdfSettings,
  type TsdfVolume,
} from '../core/tsdf';
import { readBufferF32 } from './readback';
import { Kernel, Uniform, f32Above, f32Below, storageBuffer } from './stages/kernel';
import { lensWords, withLens } from './lens-uniform';

/** What the counters say after the frames so far. */
export interface TsdfGpuStatus {
  /** Blocks in use (at most the budget). */
  blocks: number;
  bytes: number;
  framesIntegrated: number;
  /** The sentence once the budget is reached (integration has stopped), else null. */
  full: string | null;
}

/** The volume's buffers as read back for tests and exports. */
export interface TsdfGpuSnapshot {
  keys: Uint32Array;
  slots: Uint32Array;
  /** vec4i per block slot. */
  coords: Int32Array;
  /** [tsdf, weight, r, g, b] per voxel, slot * 512 + x + 8 y + 64 z. */
  voxels: Float32Array;
  /** [blocks claimed, frame list length, overflows]. */
  counters: Uint32Array;
  frameList: Uint32Array;
}

export class TsdfGpuVolume {
  readonly settings: TsdfSettings;
  readonly tableSize: number;
  private readonly allocate: Kernel;
  private readonly args: Kernel;
  private readonly integrateKernel: Kernel;
  private readonly allocParams: Uniform;
  private readonly intParams: Uniform;
  private readonly keys: GPUBuffer;
  private readonly slots: GPUBuffer;
  private readonly coords: GPUBuffer;
  private readonly stamps: GPUBuffer;
  private readonly frameList: GPUBuffer;
  private readonly counters: GPUBuffer;
  private readonly dispatchArgs: GPUBuffer;
  private readonly voxels: GPUBuffer;
  private frameId = 0;
  private framesIntegrated = 0;
  private fullSentence: string | null = null;

  constructor(
    private readonly device: GPUDevice,
    settings: TsdfSettings,
  ) {
    const problem = tsdfSettingsProblem(settings);
    if (problem) throw new RangeError(problem);
    this.settings = { ...settings };
    this.tableSize = hashTableSize(settings.blockBudget);
    this.allocate = new Kernel(device, 'tsdf-allocate', withLens(allocateWgsl));
    this.args = new Kernel(device, 'tsdf-dispatch-args', argsWgsl);
    this.integrateKernel = new Kernel(device, 'tsdf-integrate', withLens(integrateWgsl));
    this.allocParams = new Uniform(device, 'tsdf-allocate-params', 34);
    this.intParams = new Uniform(device, 'tsdf-integrate-params', 34);
    const H = this.tableSize;
    const B = settings.blockBudget;
    this.keys = storageBuffer(device, 'tsdf-keys', H);
    this.slots = storageBuffer(device, 'tsdf-slots', H);
    this.coords = storageBuffer(device, 'tsdf-block-coords', 4 * B);
    this.stamps = storageBuffer(device, 'tsdf-stamps', H);
    this.frameList = storageBuffer(device, 'tsdf-frame-list', H);
    this.counters = storageBuffer(device, 'tsdf-counters', 4);
    this.voxels = storageBuffer(device, 'tsdf-voxels', B * BLOCK_VOXELS * 5);
    this.dispatchArgs = device.createBuffer({
      label: 'tsdf-dispatch-args',
      size: 16,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.INDIRECT | GPUBufferUsage.COPY_SRC,
    });
  }

  /**
   * Records the integration of one frame whose depth (f32 metres, NaN = none)
   * and colour (RGBA8 packed in u32, or null) are already on the GPU. Returns
   * why the pose or intrinsics are refused, or null when encoded. A frame with
   * no valid depth touches no block and changes nothing.
   */
  encode(
    encoder: GPUCommandEncoder,
    depth: GPUBuffer,
    colour: GPUBuffer | null,
    width: number,
    height: number,
    intr: PinholeIntrinsics,
    pose: RigidTransform,
    lens?: LensDistortion,
  ): string | null {
    const poseProblem = rigidTransformProblem(pose);
    if (poseProblem) return poseProblem;
    const s = this.settings;
    this.frameId++;
    const { steps, stepM } = allocationSteps(s);
    const intrWords = [{ f32: intr.fx }, { f32: intr.fy }, { f32: intr.cx }, { f32: intr.cy }];
    // Thresholds as the f32s that make the kernel's f32 comparisons agree with the reference's float64 ones.
    const range = [{ f32: f32Above(s.depthMinM) }, { f32: f32Below(s.depthMaxM) }];
    const rows = (m: readonly number[]) => m.slice(0, 12).map((v) => ({ f32: v }));
    this.allocParams.write([
      { u32: width },
      { u32: height },
      { u32: steps },
      { u32: this.tableSize - 1 },
      { u32: s.blockBudget },
      { u32: this.frameId },
      { u32: 0 },
      { u32: 0 },
      ...intrWords,
      ...range,
      { f32: stepM },
      { f32: 8 * s.voxelSizeM },
      ...rows(pose),
      ...lensWords(lens),
    ]);
    this.intParams.write([
      { u32: width },
      { u32: height },
      { u32: colour ? 1 : 0 },
      { u32: s.blockBudget },
      ...intrWords,
      { f32: s.voxelSizeM },
      { f32: s.truncationM },
      ...range,
      { f32: s.weightCap },
      { u32: 0 },
      { u32: 0 },
      { u32: 0 },
      ...rows(worldToCamera(pose)),
      ...lensWords(lens),
    ]);
    encoder.clearBuffer(this.counters, 4, 4); // the frame's block list starts empty
    const pass = encoder.beginComputePass({ label: 'tsdf-integrate' });
    this.allocate.dispatchPixels(pass, [this.allocParams.buffer, depth, this.keys, this.slots, this.coords, this.stamps, this.frameList, this.counters], width, height);
    this.args.dispatch(pass, [this.counters, this.dispatchArgs], 1);
    const voxelBuffers = [this.intParams.buffer, depth, colour ?? depth, this.slots, this.coords, this.frameList, this.counters, this.voxels];
    this.integrateKernel.dispatchIndirect(pass, voxelBuffers, this.dispatchArgs);
    pass.end();
    return null;
  }

  /**
   * Uploads and integrates one frame from the CPU, then reads the counters
   * (12 bytes): refuses bad input with the reference's sentences, and says so
   * when the budget is reached (this frame and every later one are not integrated).
   */
  async integrate(frame: TsdfFrame): Promise<{ ok: true; status: TsdfGpuStatus } | { ok: false; reason: string }> {
    if (this.fullSentence) return { ok: false, reason: this.fullSentence };
    const problem = tsdfFrameProblem(frame, this.settings);
    if (problem) return { ok: false, reason: problem };
    const depth = this.upload(new Uint32Array(frame.depthM.buffer, frame.depthM.byteOffset, frame.depthM.length), 'tsdf-depth');
    const colour = frame.rgba ? this.upload(new Uint32Array(frame.rgba.slice().buffer), 'tsdf-colour') : null;
    const encoder = this.device.createCommandEncoder({ label: 'tsdf-frame' });
    this.encode(encoder, depth, colour, frame.width, frame.height, frame.intrinsics, frame.pose, frame.lens);
    this.device.queue.submit([encoder.finish()]);
    const status = await this.status(true);
    depth.destroy();
    colour?.destroy();
    return status.full ? { ok: false, reason: status.full } : { ok: true, status };
  }

  /** Reads the counters. `counted`: the last encoded frame was integrated unless it overflowed. */
  async status(counted = false): Promise<TsdfGpuStatus> {
    const c = new Uint32Array((await readBufferF32(this.device, this.counters, 3)).buffer);
    const s = this.settings;
    if (c[2] > 0 && !this.fullSentence) {
      this.fullSentence = budgetFullSentence(s, this.framesIntegrated);
    } else if (counted && !this.fullSentence) this.framesIntegrated++;
    const blocks = Math.min(c[0], s.blockBudget);
    return { blocks, bytes: blocks * BYTES_PER_BLOCK, framesIntegrated: this.framesIntegrated, full: this.fullSentence };
  }

  /** Every buffer of the volume, read back (tests, exports; never per frame). */
  async snapshot(): Promise<TsdfGpuSnapshot> {
    const u32 = async (b: GPUBuffer, n: number) => new Uint32Array((await readBufferF32(this.device, b, n)).buffer);
    const B = this.settings.blockBudget;
    return {
      keys: await u32(this.keys, this.tableSize),
      slots: await u32(this.slots, this.tableSize),
      coords: new Int32Array((await u32(this.coords, 4 * B)).buffer),
      voxels: await readBufferF32(this.device, this.voxels, B * BLOCK_VOXELS * 5),
      counters: await u32(this.counters, 3),
      frameList: await u32(this.frameList, this.tableSize),
    };
  }

  /** The volume's buffers, for the passes that read it (marching cubes, ray casting). */
  buffers(): { keys: GPUBuffer; slots: GPUBuffer; coords: GPUBuffer; voxels: GPUBuffer; counters: GPUBuffer } {
    return { keys: this.keys, slots: this.slots, coords: this.coords, voxels: this.voxels, counters: this.counters };
  }

  /**
   * Replaces the volume's contents with a CPU volume's (same settings): its
   * blocks inserted in slot order with the kernels' hash and probing. For
   * equivalence tests of the passes that read the volume, and for reloading a
   * saved volume; integration never goes through the CPU.
   */
  load(volume: TsdfVolume): void {
    const H = this.tableSize;
    const keys = new Uint32Array(H);
    const slots = new Uint32Array(H).fill(0xffffffff);
    const coords = new Int32Array(4 * this.settings.blockBudget);
    const voxels = new Float32Array(this.settings.blockBudget * BLOCK_VOXELS * 5);
    for (let slot = 0; slot < volume.blockCount; slot++) {
      const [bx, by, bz] = volume.coords.subarray(3 * slot, 3 * slot + 3);
      let s = blockHash(bx, by, bz, H);
      while (keys[s] !== 0) s = (s + 1) & (H - 1);
      keys[s] = blockKey(bx, by, bz);
      slots[s] = slot;
      coords.set([bx, by, bz, 0], 4 * slot);
      for (let v = 0; v < BLOCK_VOXELS; v++) {
        const i = slot * BLOCK_VOXELS + v;
        voxels.set([volume.tsdf[i], volume.weight[i], volume.colour[3 * i], volume.colour[3 * i + 1], volume.colour[3 * i + 2]], 5 * i);
      }
    }
    const q = this.device.queue;
    q.writeBuffer(this.keys, 0, keys);
    q.writeBuffer(this.slots, 0, slots);
    q.writeBuffer(this.coords, 0, coords);
    q.writeBuffer(this.voxels, 0, voxels);
    q.writeBuffer(this.counters, 0, new Uint32Array([volume.blockCount, 0, 0, 0]));
  }

  private upload(data: Uint32Array, label: string): GPUBuffer {
    const buffer = storageBuffer(this.device, label, data.length);
    this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    return buffer;
  }

  destroy(): void {
    for (const k of [this.allocate, this.args, this.integrateKernel]) k.destroy();
    for (const u of [this.allocParams, this.intParams]) u.destroy();
    for (const b of [this.keys, this.slots, this.coords, this.stamps, this.frameList, this.counters, this.dispatchArgs, this.voxels]) b.destroy();
  }
}
