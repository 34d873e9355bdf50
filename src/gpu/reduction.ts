/**
 * Drives a reduction kernel written to the shape of shaders/depth-metrics.wgsl and
 * shaders/alignment-sums.wgsl (entry point: shaders/reduction-main.wgsl): bindings
 * (params, input, reference, output). The `pixels` entry point covers the evaluation
 * window with workgroups of GROUP columns x ROWS rows, each thread summing its
 * column's ROWS pixels in registers and writing one partial of `accWords` words (no
 * barrier, no shared memory); `merge_partials` merges `count` partials, GROUP x
 * PER_THREAD per workgroup, repeated until one remains. Each level has its own uniform buffer (queue writes land before the
 * submit, so one buffer rewritten per level would give every level the last level's
 * parameters); the partials ping-pong between two buffers that grow when a larger
 * input needs them. Only the final partial is ever read back.
 */
import { GrowingStorage, Kernel, Uniform, type ParamWord } from './stages/kernel';
import type { PixelRect } from '../core/eval-crops';
import type { EvaluationInput } from '../core/evaluation-input';
import { windowOf } from './eval-uniform';
import reductionMainWgsl from '../../shaders/reduction-main.wgsl?raw';

/** Threads per workgroup (GROUP in the WGSL). */
export const REDUCTION_GROUP = 64;
/** Rows each mode-0 thread sums (params.count in mode 0), in blocks of BLOCK. */
export const REDUCTION_ROWS = 16;
const REDUCTION_BLOCK = 4;
/** Partials each mode-1 thread merges (PER_THREAD). */
export const REDUCTION_PER_THREAD = 4;
const PARTIALS_PER_GROUP = REDUCTION_GROUP * REDUCTION_PER_THREAD;
const MAX_GROUPS_PER_DIMENSION = 65535;

/** The pixels pass's grid of workgroups over a window (columns of GROUP, blocks of ROWS rows), and the partials it writes (one a thread). */
export function pixelGrid(rect: PixelRect): { x: number; y: number; partials: number } {
  const w = Math.max(0, rect.x1 - rect.x0);
  const h = Math.max(0, rect.y1 - rect.y0);
  const x = Math.ceil(w / REDUCTION_GROUP);
  const y = Math.ceil(h / REDUCTION_ROWS);
  return { x, y, partials: x * y * REDUCTION_GROUP };
}

/** The merge levels (mode 1 dispatches) after mode 0's `partials`. */
function mergeCounts(partials: number): number[] {
  const counts: number[] = [];
  for (let count = partials; count > 1; count = Math.ceil(count / PARTIALS_PER_GROUP)) counts.push(count);
  return counts;
}

/** How many dispatches reduce a window to one result (at least one). */
export function levelsFor(rect: PixelRect): number {
  return 1 + mergeCounts(pixelGrid(rect).partials).length;
}

/**
 * The most f32 additions one pixel's term goes through on its way to the result:
 * BLOCK in its block of rows and ROWS / BLOCK merging the blocks in its thread, then
 * PER_THREAD + log2(GROUP) per merge level. The equivalence tests
 * (e2e/harness-metrics.ts, harness-alignment.ts) bound the sums' rounding with it.
 */
export function additionsPerTerm(rect: PixelRect): number {
  const merge = REDUCTION_PER_THREAD + Math.log2(REDUCTION_GROUP);
  return REDUCTION_BLOCK + REDUCTION_ROWS / REDUCTION_BLOCK + (levelsFor(rect) - 1) * merge;
}

export interface ReductionSpec {
  label: string;
  code: string;
  /** 32-bit words of the WGSL Params struct (a multiple of 4). */
  paramWords: number;
  /** 32-bit words of one partial result. */
  accWords: number;
}

/** What a reduction reads: an evaluation's maps, or one field alone (ref null: binding 2 left out). */
export type ReductionInput = Pick<EvaluationInput<GPUBuffer>, 'pred' | 'width' | 'height' | 'settings'> & { ref: GPUBuffer | null };

export class Reduction {
  private readonly pixels: Kernel;
  private readonly merge: Kernel;
  private readonly uniforms: Uniform[] = [];
  // a holds mode 0's partials and every second merge level's; b the first merge level's (at most count / PARTIALS_PER_GROUP).
  private readonly partialsA: GrowingStorage;
  private readonly partialsB: GrowingStorage;

  constructor(
    private readonly device: GPUDevice,
    private readonly spec: ReductionSpec,
  ) {
    const code = `${spec.code}\n${reductionMainWgsl}`;
    this.pixels = new Kernel(device, `${spec.label}-pixels`, code, { BLOCK: REDUCTION_BLOCK }, 'pixels');
    this.merge = new Kernel(device, `${spec.label}-merge`, code, { PER_THREAD: REDUCTION_PER_THREAD }, 'merge_partials');
    this.partialsA = new GrowingStorage(device, `${spec.label}-partials-a`);
    this.partialsB = new GrowingStorage(device, `${spec.label}-partials-b`);
  }

  /**
   * Records the reduction of the window `rect` of (input, reference), with the
   * kernel's parameters from `words(mode, count)`. Returns the buffer whose first
   * accWords words hold the result, or null when the window is empty (the caller's
   * result is then the empty one).
   */
  encode(encoder: GPUCommandEncoder, input: ReductionInput, words: (mode: 0 | 1, count: number) => ParamWord[]): GPUBuffer | null {
    const grid = pixelGrid(windowOf(input.width, input.height, input.settings ?? {}).rect);
    if (grid.x === 0 || grid.y === 0) return null;
    const [a, b] = this.partialBuffers(grid.partials);
    const pass = encoder.beginComputePass({ label: this.spec.label });
    this.pixels.dispatch(pass, [this.uniform(0, words(0, REDUCTION_ROWS)), input.pred, input.ref, a], grid.x, grid.y);
    let [src, dst] = [a, b];
    mergeCounts(grid.partials).forEach((count, i) => {
      const groups = Math.ceil(count / PARTIALS_PER_GROUP);
      const x = Math.min(groups, MAX_GROUPS_PER_DIMENSION);
      this.merge.dispatch(pass, [this.uniform(i + 1, words(1, count)), src, null, dst], x, Math.ceil(groups / x));
      [src, dst] = [dst, src];
    });
    pass.end();
    return src;
  }

  /**
   * Records what `record` encodes and a copy of its result's first `words` words into a
   * staging buffer, in one submit, and maps them: null when `record` recorded nothing.
   */
  async run(record: (encoder: GPUCommandEncoder) => GPUBuffer | null, words: number): Promise<ArrayBuffer | null> {
    const encoder = this.device.createCommandEncoder({ label: this.spec.label });
    const result = record(encoder);
    if (!result) return null;
    return readWords(this.device, result, words, encoder);
  }

  private uniform(level: number, words: ParamWord[]): GPUBuffer {
    while (this.uniforms.length <= level) {
      this.uniforms.push(new Uniform(this.device, `${this.spec.label}-params-${this.uniforms.length}`, this.spec.paramWords));
    }
    this.uniforms[level].write(words);
    return this.uniforms[level].buffer;
  }

  private partialBuffers(count: number): [GPUBuffer, GPUBuffer] {
    const words = this.spec.accWords;
    return [this.partialsA.holding(count * words), this.partialsB.holding(Math.ceil(count / PARTIALS_PER_GROUP) * words)];
  }

  destroy(): void {
    this.pixels.destroy();
    this.merge.destroy();
    this.uniforms.forEach((u) => u.destroy());
    this.partialsA.destroy();
    this.partialsB.destroy();
  }
}

/**
 * Reads the first `words` 32-bit words of a buffer (the reduction's result: tens of
 * bytes); the copy is recorded into `encoder` when given (the work that computes them
 * goes in the same submit).
 */
export async function readWords(device: GPUDevice, source: GPUBuffer, words: number, encoder = device.createCommandEncoder({ label: 'reduction-result' })): Promise<ArrayBuffer> {
  const staging = device.createBuffer({ label: 'reduction-result', size: words * 4, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
  encoder.copyBufferToBuffer(source, 0, staging, 0, words * 4);
  device.queue.submit([encoder.finish()]);
  try {
    await staging.mapAsync(GPUMapMode.READ);
    return staging.getMappedRange().slice(0);
  } finally {
    staging.destroy();
  }
}
