/**
 * Drives a reduction kernel written to the shape of shaders/depth-metrics.wgsl and
 * shaders/alignment-sums.wgsl (entry point: shaders/reduction-main.wgsl): bindings
 * (params, input, reference, output). Mode 0 covers the evaluation window with
 * workgroups of GROUP columns x ROWS rows, each thread summing its column's ROWS
 * pixels in registers, and writes one partial of `accWords` words per workgroup;
 * mode 1 merges `count` partials, GROUP x PER_THREAD per workgroup, repeated until one
 * remains. Each level has its own uniform buffer (queue writes land before the
 * submit, so one buffer rewritten per level would give every level the last level's
 * parameters); the partials ping-pong between two buffers that grow when a larger
 * input needs them. Only the final partial is ever read back.
 */
import { Kernel, storageBuffer, Uniform, type ParamWord } from './stages/kernel';
import type { PixelRect } from '../core/eval-crops';
import reductionMainWgsl from '../../shaders/reduction-main.wgsl?raw';

/** Threads per workgroup (GROUP in the WGSL). */
export const REDUCTION_GROUP = 64;
/** Rows each mode-0 thread sums (params.count in mode 0). */
export const REDUCTION_ROWS = 16;
/** Partials each mode-1 thread merges (PER_THREAD). */
export const REDUCTION_PER_THREAD = 16;
const PARTIALS_PER_GROUP = REDUCTION_GROUP * REDUCTION_PER_THREAD;
const MAX_GROUPS_PER_DIMENSION = 65535;

/** Mode 0's grid of workgroups over a window: columns of GROUP, blocks of ROWS rows. */
export function pixelGrid(rect: PixelRect): { x: number; y: number } {
  const w = Math.max(0, rect.x1 - rect.x0);
  const h = Math.max(0, rect.y1 - rect.y0);
  return { x: Math.ceil(w / REDUCTION_GROUP), y: Math.ceil(h / REDUCTION_ROWS) };
}

/** The merge levels (mode 1 dispatches) after mode 0's `partials`. */
function mergeCounts(partials: number): number[] {
  const counts: number[] = [];
  for (let count = partials; count > 1; count = Math.ceil(count / PARTIALS_PER_GROUP)) counts.push(count);
  return counts;
}

/** How many dispatches reduce a window to one result (at least one). */
export function levelsFor(rect: PixelRect): number {
  const { x, y } = pixelGrid(rect);
  return 1 + mergeCounts(x * y).length;
}

/**
 * The most f32 additions one pixel's term goes through on its way to the result:
 * ROWS in its thread, log2(GROUP) in mode 0's tree, then PER_THREAD + log2(GROUP) per
 * merge level. The equivalence tests (e2e/harness-metrics.ts, harness-alignment.ts)
 * bound the sums' rounding with it.
 */
export function additionsPerTerm(rect: PixelRect): number {
  const tree = Math.log2(REDUCTION_GROUP);
  return REDUCTION_ROWS + tree + (levelsFor(rect) - 1) * (REDUCTION_PER_THREAD + tree);
}

export interface ReductionSpec {
  label: string;
  code: string;
  /** 32-bit words of the WGSL Params struct (a multiple of 4). */
  paramWords: number;
  /** 32-bit words of one partial result. */
  accWords: number;
}

export class Reduction {
  private readonly pixels: Kernel;
  private readonly merge: Kernel;
  private readonly uniforms: Uniform[] = [];
  private partials: [GPUBuffer, GPUBuffer] | null = null;
  private partialCapacity = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly spec: ReductionSpec,
  ) {
    const code = `${spec.code}\n${reductionMainWgsl}`;
    this.pixels = new Kernel(device, `${spec.label}-pixels`, code, {}, 'pixels');
    this.merge = new Kernel(device, `${spec.label}-merge`, code, { PER_THREAD: REDUCTION_PER_THREAD }, 'merge_partials');
  }

  /**
   * Records the reduction of the window `rect` of (input, reference), with the
   * kernel's parameters from `words(mode, count)`. Returns the buffer whose first
   * accWords words hold the result, or null when the window is empty (the caller's
   * result is then the empty one).
   */
  encode(
    encoder: GPUCommandEncoder,
    input: GPUBuffer,
    reference: GPUBuffer,
    rect: PixelRect,
    words: (mode: 0 | 1, count: number) => ParamWord[],
  ): GPUBuffer | null {
    const grid = pixelGrid(rect);
    if (grid.x === 0 || grid.y === 0) return null;
    const [a, b] = this.partialBuffers(grid.x * grid.y * REDUCTION_GROUP);
    const pass = encoder.beginComputePass({ label: this.spec.label });
    this.pixels.dispatch(pass, [this.uniform(0, words(0, REDUCTION_ROWS)), input, reference, a], grid.x, grid.y);
    let [src, dst] = [a, b];
    mergeCounts(grid.x * grid.y * REDUCTION_GROUP).forEach((count, i) => {
      const groups = Math.ceil(count / PARTIALS_PER_GROUP);
      const x = Math.min(groups, MAX_GROUPS_PER_DIMENSION);
      this.merge.dispatch(pass, [this.uniform(i + 1, words(1, count)), src, null, dst], x, Math.ceil(groups / x));
      [src, dst] = [dst, src];
    });
    pass.end();
    return src;
  }

  private uniform(level: number, words: ParamWord[]): GPUBuffer {
    while (this.uniforms.length <= level) {
      this.uniforms.push(new Uniform(this.device, `${this.spec.label}-params-${this.uniforms.length}`, this.spec.paramWords));
    }
    this.uniforms[level].write(words);
    return this.uniforms[level].buffer;
  }

  private partialBuffers(count: number): [GPUBuffer, GPUBuffer] {
    if (!this.partials || this.partialCapacity < count) {
      this.partials?.forEach((buffer) => buffer.destroy());
      this.partialCapacity = count;
      const words = count * this.spec.accWords;
      this.partials = [storageBuffer(this.device, `${this.spec.label}-partials-a`, words), storageBuffer(this.device, `${this.spec.label}-partials-b`, words)];
    }
    return this.partials;
  }

  destroy(): void {
    this.pixels.destroy();
    this.merge.destroy();
    this.uniforms.forEach((u) => u.destroy());
    this.partials?.forEach((buffer) => buffer.destroy());
  }
}

/** Reads the first `words` 32-bit words of a buffer (the reduction's result: tens of bytes). */
export async function readWords(device: GPUDevice, source: GPUBuffer, words: number): Promise<ArrayBuffer> {
  const staging = device.createBuffer({ label: 'reduction-result', size: words * 4, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
  const encoder = device.createCommandEncoder({ label: 'reduction-result' });
  encoder.copyBufferToBuffer(source, 0, staging, 0, words * 4);
  device.queue.submit([encoder.finish()]);
  try {
    await staging.mapAsync(GPUMapMode.READ);
    return staging.getMappedRange().slice(0);
  } finally {
    staging.destroy();
  }
}
