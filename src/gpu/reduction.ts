/**
 * Drives a reduction kernel written to the shape of shaders/depth-metrics.wgsl and
 * shaders/alignment-sums.wgsl: bindings (params, input, reference, output); mode 0
 * reduces `items` pixels of the evaluation window into one partial result of
 * `accWords` words per workgroup of 256 threads x PER_THREAD items, mode 1 merges
 * `count` partials the same way, repeated until one remains. Each level has its own
 * uniform buffer (queue writes land before the submit, so one buffer rewritten per
 * level would give every level the last level's parameters); the partials ping-pong
 * between two buffers that grow when a larger input needs them.
 */
import { Kernel, storageBuffer, Uniform, type ParamWord } from './stages/kernel';
import reductionMainWgsl from '../../shaders/reduction-main.wgsl?raw';

/** Threads per workgroup (GROUP in the WGSL) and items each thread takes (PER_THREAD). */
export const REDUCTION_GROUP = 256;
export const REDUCTION_PER_THREAD = 4;
const ITEMS_PER_GROUP = REDUCTION_GROUP * REDUCTION_PER_THREAD;
const MAX_GROUPS_PER_DIMENSION = 65535;

/** How many partials a level of `items` inputs produces. */
export const groupsFor = (items: number) => Math.ceil(items / ITEMS_PER_GROUP);

/** How many dispatches reduce `items` inputs to one (at least one). */
export function levelsFor(items: number): number {
  let levels = 1;
  for (let count = groupsFor(items); count > 1; count = groupsFor(count)) levels++;
  return levels;
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
  private readonly kernel: Kernel;
  private readonly uniforms: Uniform[] = [];
  private partials: [GPUBuffer, GPUBuffer] | null = null;
  private partialCapacity = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly spec: ReductionSpec,
  ) {
    this.kernel = new Kernel(device, spec.label, `${spec.code}\n${reductionMainWgsl}`, { PER_THREAD: REDUCTION_PER_THREAD });
  }

  /**
   * Records the reduction of `items` window pixels of (input, reference), with the
   * kernel's parameters from `words(mode, count)`. Returns the buffer whose first
   * accWords words hold the result, or null when there is nothing to reduce
   * (items = 0: the caller's result is the empty one).
   */
  encode(
    encoder: GPUCommandEncoder,
    input: GPUBuffer,
    reference: GPUBuffer,
    items: number,
    words: (mode: 0 | 1, count: number) => ParamWord[],
  ): GPUBuffer | null {
    if (items === 0) return null;
    const first = groupsFor(items);
    const [a, b] = this.partialBuffers(first);
    const pass = encoder.beginComputePass({ label: this.spec.label });
    let level = 0;
    this.dispatch(pass, level++, words(0, 0), input, reference, a, first);
    let count = first;
    let src = a;
    let dst = b;
    while (count > 1) {
      const next = groupsFor(count);
      this.dispatch(pass, level++, words(1, count), src, reference, dst, next);
      [src, dst] = [dst, src];
      count = next;
    }
    pass.end();
    return src;
  }

  private dispatch(pass: GPUComputePassEncoder, level: number, words: ParamWord[], input: GPUBuffer, reference: GPUBuffer, output: GPUBuffer, groups: number) {
    while (this.uniforms.length <= level) {
      this.uniforms.push(new Uniform(this.device, `${this.spec.label}-params-${this.uniforms.length}`, this.spec.paramWords));
    }
    const uniform = this.uniforms[level];
    uniform.write(words);
    const x = Math.min(groups, MAX_GROUPS_PER_DIMENSION);
    this.kernel.dispatch(pass, [uniform.buffer, input, reference, output], x, Math.ceil(groups / x));
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
    this.kernel.destroy();
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
