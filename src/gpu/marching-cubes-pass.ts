/**
 * Marching cubes on the GPU over a TsdfGpuVolume, by stream compaction:
 * shaders/marching-cubes-count.wgsl (triangles per cube, summed per block in
 * the workgroup), an exclusive prefix sum of the block totals
 * (prefix-sum-pass.ts: one value per block; scanning one per cube was most of
 * the time) and shaders/marching-cubes-emit.wgsl (each cube writes at its
 * block's offset plus its own within the block), over the allocated blocks
 * only (their number, from TsdfGpuVolume.status(), sizes the dispatches and
 * the scan). No CPU pass over
 * voxels; only the total (8 bytes) is read back, to size what is drawn or exported.
 * CPU reference: src/core/tsdf/marching-cubes.ts.
 */
import countWgsl from '../../shaders/marching-cubes-count.wgsl?raw';
import emitWgsl from '../../shaders/marching-cubes-emit.wgsl?raw';
import blocksWgsl from '../../shaders/marching-cubes-blocks.wgsl?raw';
import findBlockWgsl from '../../shaders/tsdf-find-block.wgsl?raw';
import { BLOCK_VOXELS, TRI_TABLE } from '../core/tsdf';
import { PrefixSumPass, groupGrid } from './prefix-sum-pass';
import { readBufferF32 } from './readback';
import { Kernel, Uniform, storageBuffer } from './stages/kernel';
import type { TsdfGpuVolume } from './tsdf-pass';

/** The three passes: triangles per cube, their exclusive prefix sum, the triangles written at their offsets. */
export const MC_STAGES = ['count', 'scan', 'emit'] as const;
export type McStage = (typeof MC_STAGES)[number];

/** u32 per emitted vertex: x y z (f32 bits), RGBA8, nx ny nz (f32 bits), the cube's slot * 512 + local. */
export const MC_VERTEX_WORDS = 8;

/** The emitted vertices as arrays: positions and normals (xyz each) and RGB colours, three vertices per triangle. */
export function unpackMcVertices(words: Uint32Array): { positions: Float32Array; normals: Float32Array; colours: Uint8Array } {
  const n = Math.floor(words.length / MC_VERTEX_WORDS);
  const f32 = new Float32Array(words.buffer, words.byteOffset, words.length);
  const positions = new Float32Array(3 * n);
  const normals = new Float32Array(3 * n);
  const colours = new Uint8Array(3 * n);
  for (let i = 0; i < n; i++) {
    const w = i * MC_VERTEX_WORDS;
    positions.set(f32.subarray(w, w + 3), 3 * i);
    normals.set(f32.subarray(w + 4, w + 7), 3 * i);
    // Red in the low byte, as marching-cubes-emit.wgsl packs it.
    const rgba = words[w + 3];
    colours[3 * i] = rgba & 0xff;
    colours[3 * i + 1] = (rgba >>> 8) & 0xff;
    colours[3 * i + 2] = (rgba >>> 16) & 0xff;
  }
  return { positions, normals, colours };
}

export class MarchingCubesPass {
  private readonly count: Kernel;
  private readonly emit: Kernel;
  private readonly scan: PrefixSumPass;
  private readonly params: Uniform;
  private readonly triTable: GPUBuffer;
  private readonly inBlock: GPUBuffer;
  private readonly blockTotals: GPUBuffer;
  private readonly blockOffsets: GPUBuffer;
  /** MC_VERTEX_WORDS u32 per vertex, three vertices per triangle. */
  readonly vertices: GPUBuffer;

  constructor(
    private readonly device: GPUDevice,
    private readonly volume: TsdfGpuVolume,
    readonly maxTriangles: number,
  ) {
    const cubes = volume.settings.blockBudget * BLOCK_VOXELS;
    this.count = new Kernel(device, 'marching-cubes-count', findBlockWgsl + blocksWgsl + countWgsl);
    this.emit = new Kernel(device, 'marching-cubes-emit', findBlockWgsl + blocksWgsl + emitWgsl);
    this.scan = new PrefixSumPass(device, volume.settings.blockBudget);
    this.params = new Uniform(device, 'marching-cubes-params', 4);
    this.triTable = device.createBuffer({ label: 'mc-tri-table', size: TRI_TABLE.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(this.triTable, 0, TRI_TABLE);
    this.inBlock = storageBuffer(device, 'mc-in-block-offsets', cubes);
    this.blockTotals = storageBuffer(device, 'mc-block-totals', volume.settings.blockBudget);
    this.blockOffsets = storageBuffer(device, 'mc-block-offsets', volume.settings.blockBudget);
    this.vertices = storageBuffer(device, 'mc-vertices', 3 * maxTriangles * MC_VERTEX_WORDS);
  }

  private blocks = 0;

  /** Records the three passes over `blocks` allocated blocks (status().blocks); the mesh is in `vertices` once submitted. */
  encode(encoder: GPUCommandEncoder, blocks: number): void {
    this.encodeStages(encoder, blocks, MC_STAGES);
  }

  /** Records some of the passes, in order (the bench times them one submit each; the mesh needs all three). */
  encodeStages(encoder: GPUCommandEncoder, blocks: number, stages: readonly McStage[]): void {
    const s = this.volume.settings;
    if (!(Number.isInteger(blocks) && blocks >= 0 && blocks <= s.blockBudget)) throw new RangeError(`Marching cubes over ${blocks} blocks: not a whole number from 0 to the budget ${s.blockBudget}.`);
    this.blocks = blocks;
    const v = this.volume.buffers();
    this.params.write([{ u32: s.blockBudget }, { u32: this.volume.tableSize - 1 }, { f32: s.voxelSizeM }, { u32: 3 * this.maxTriangles }]);
    if (blocks === 0) return;
    const pass = encoder.beginComputePass({ label: 'marching-cubes' });
    const grid = groupGrid(blocks);
    const common = [this.params.buffer, v.keys, v.slots, v.coords, v.voxels, v.counters, this.triTable];
    if (stages.includes('count')) this.count.dispatch(pass, [...common, this.inBlock, this.blockTotals], ...grid);
    if (stages.includes('scan')) this.scan.encode(pass, this.blockTotals, this.blockOffsets, blocks);
    if (stages.includes('emit')) this.emit.dispatch(pass, [...common, this.inBlock, this.blockOffsets, this.vertices], ...grid);
    pass.end();
  }

  /** Triangles of the last mesh (the last block's offset plus its total): may exceed maxTriangles, then the mesh was cut. */
  async triangles(): Promise<number> {
    const n = this.blocks;
    if (n === 0) return 0;
    const last = async (b: GPUBuffer) => {
      const staging = this.device.createBuffer({ size: 4, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
      const e = this.device.createCommandEncoder();
      e.copyBufferToBuffer(b, (n - 1) * 4, staging, 0, 4);
      this.device.queue.submit([e.finish()]);
      await staging.mapAsync(GPUMapMode.READ);
      const value = new Uint32Array(staging.getMappedRange())[0];
      staging.destroy();
      return value;
    };
    return (await last(this.blockOffsets)) + (await last(this.blockTotals));
  }

  /** The emitted vertices (tests, exports). */
  async read(triangles: number): Promise<Uint32Array> {
    const words = 3 * Math.min(triangles, this.maxTriangles) * MC_VERTEX_WORDS;
    return words === 0 ? new Uint32Array(0) : new Uint32Array((await readBufferF32(this.device, this.vertices, words)).buffer);
  }

  destroy(): void {
    this.count.destroy();
    this.emit.destroy();
    this.scan.destroy();
    this.params.destroy();
    for (const b of [this.triTable, this.inBlock, this.blockTotals, this.blockOffsets, this.vertices]) b.destroy();
  }
}
