/**
 * The evaluation reductions as they were before issue 17's rework, kept only so that
 * `npm run bench -- compare` can time old and new in the same page (an A/B on the same
 * pair and driver): its `metrics@before` lines. The WGSL is frozen in
 * e2e/bench-baseline/ (depth-metrics.wgsl, alignment-sums.wgsl, reduction-main.wgsl:
 * 256 threads, PER_THREAD strided items merged one by one, a tree of 9 barriers per
 * group). The app never loads them.
 *
 * Drives a reduction kernel written to the shape of shaders/depth-metrics.wgsl and
 * shaders/alignment-sums.wgsl: bindings (params, input, reference, output); mode 0
 * reduces `items` pixels of the evaluation window into one partial result of
 * `accWords` words per workgroup of 256 threads x PER_THREAD items, mode 1 merges
 * `count` partials the same way, repeated until one remains. Each level has its own
 * uniform buffer (queue writes land before the submit, so one buffer rewritten per
 * level would give every level the last level's parameters); the partials ping-pong
 * between two buffers that grow when a larger input needs them.
 */
import { Kernel, storageBuffer, Uniform, type ParamWord } from '../src/gpu/stages/kernel';
import reductionMainWgsl from './bench-baseline/reduction-main.wgsl?raw';
import depthMetricsWgsl from './bench-baseline/depth-metrics.wgsl?raw';
import alignmentSumsWgsl from './bench-baseline/alignment-sums.wgsl?raw';
import { EVAL_PARAM_WORDS, evaluationParams, windowOf, withEvalCommon } from '../src/gpu/eval-uniform';
import { readWords } from '../src/gpu/reduction';
import { sumsFromAcc } from '../src/gpu/depth-metrics-pass';
import { lineFitSumsFromAcc } from '../src/gpu/alignment-pass';
import { alignmentSpace, type Alignment } from '../src/core/depth-alignment';
import { solveLineFit } from '../src/core/depth-alignment-fit';
import { metricsFromSums, type DepthMetrics } from '../src/core/depth-metrics';
import type { EvaluationInput } from '../src/core/evaluation-input';

/** Threads per workgroup (GROUP in the WGSL) and items each thread takes (PER_THREAD). */
const REDUCTION_GROUP = 256;
const REDUCTION_PER_THREAD = 4;
const ITEMS_PER_GROUP = REDUCTION_GROUP * REDUCTION_PER_THREAD;
const MAX_GROUPS_PER_DIMENSION = 65535;

/** How many partials a level of `items` inputs produces. */
const groupsFor = (items: number) => Math.ceil(items / ITEMS_PER_GROUP);

interface ReductionSpec {
  label: string;
  code: string;
  /** 32-bit words of the WGSL Params struct (a multiple of 4). */
  paramWords: number;
  /** 32-bit words of one partial result. */
  accWords: number;
}

export class ReductionBefore {
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

/**
 * What the app waited for before issue 17 once the alignment is known (median) or
 * fitted by the old alignment-sums reduction (least squares): the old metrics
 * reduction and its read back, finished by the same metricsFromSums.
 */
export class EvaluationBefore {
  private readonly metrics: ReductionBefore;
  private readonly sums: ReductionBefore;

  constructor(private readonly device: GPUDevice) {
    this.metrics = new ReductionBefore(device, { label: 'depth-metrics-before', code: withEvalCommon(depthMetricsWgsl), paramWords: EVAL_PARAM_WORDS, accWords: 10 });
    this.sums = new ReductionBefore(device, { label: 'alignment-sums-before', code: withEvalCommon(alignmentSumsWgsl), paramWords: EVAL_PARAM_WORDS, accWords: 5 });
  }

  private async reduce(reduction: ReductionBefore, words: number, input: EvaluationInput<GPUBuffer>, a: Parameters<typeof evaluationParams>[3]) {
    const { items } = windowOf(input.width, input.height, input.settings ?? {});
    const encoder = this.device.createCommandEncoder({ label: 'evaluation-before' });
    const result = reduction.encode(encoder, input.pred, input.ref, items, (mode, count) => evaluationParams(input, mode, count, a));
    this.device.queue.submit([encoder.finish()]);
    if (!result) throw new Error('empty window');
    return readWords(this.device, result, words);
  }

  /** The least-squares fit of a depth prediction from the old sums reduction. */
  async fit(input: EvaluationInput<GPUBuffer>, method: 'lsq-scale' | 'lsq-scale-shift-inverse'): Promise<Alignment> {
    const space = alignmentSpace(method);
    const words = await this.reduce(this.sums, 5, input, { space, prediction: 'depth', scale: 1, shift: 0 });
    return { method, space, ...solveLineFit(lineFitSumsFromAcc(words), method === 'lsq-scale-shift-inverse'), prediction: 'depth' };
  }

  async evaluate(input: EvaluationInput<GPUBuffer>): Promise<DepthMetrics> {
    return metricsFromSums(sumsFromAcc(await this.reduce(this.metrics, 10, input, input.alignment)));
  }

  destroy(): void {
    this.metrics.destroy();
    this.sums.destroy();
  }
}
