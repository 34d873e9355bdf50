/**
 * The evaluation reductions as they were before issue 17's rework, kept only so that
 * `npm run bench -- compare` can time old and new in the same page (an A/B on the same
 * pair and driver): the `before_ms` of its metrics lines. Frozen in e2e/bench-baseline/:
 * the old entry point (reduction-main.wgsl: 256 threads, 4 window items per thread
 * found by a division and a remainder each and merged one by one, then the live file's
 * shared-memory tree at 256 threads, 9 barriers per group, for the pixels and for
 * every merge level alike) and
 * the old per-item functions (depth-metrics-pixel.wgsl, alignment-sums-pixel.wgsl);
 * the rest of each kernel (Params, Acc, merge, load and store) is the live file's,
 * which the rework left as it was. The app never loads them.
 */
import { Kernel, storageBuffer, Uniform } from '../src/gpu/stages/kernel';
import reductionMainBefore from './bench-baseline/reduction-main.wgsl?raw';
import metricsPixelBefore from './bench-baseline/depth-metrics-pixel.wgsl?raw';
import alignmentPixelBefore from './bench-baseline/alignment-sums-pixel.wgsl?raw';
import depthMetricsWgsl from '../shaders/depth-metrics.wgsl?raw';
import reductionMainWgsl from '../shaders/reduction-main.wgsl?raw';
import alignmentSumsWgsl from '../shaders/alignment-sums.wgsl?raw';
import { EVAL_PARAM_WORDS, evaluationParams, windowOf, withEvalCommon } from '../src/gpu/eval-uniform';
import { readWords } from '../src/gpu/reduction';
import { sumsFromAcc } from '../src/gpu/depth-metrics-pass';
import { lineFitSumsFromAcc } from '../src/gpu/alignment-pass';
import { alignmentSpace, type Alignment } from '../src/core/depth-alignment';
import { solveLineFit } from '../src/core/depth-alignment-fit';
import { metricsFromSums, NO_ALIGNMENT, type DepthMetrics } from '../src/core/depth-metrics';
import type { EvaluationInput } from '../src/core/evaluation-input';

/** Items one workgroup of the old kernel took: 256 threads x PER_THREAD 4. */
const ITEMS_PER_GROUP = 1024;

/** One old reduction: its kernel, a uniform per level and one partials buffer per level. */
class ReductionBefore {
  private readonly kernel: Kernel;
  private readonly uniforms: Uniform[] = [];
  private readonly buffers: GPUBuffer[] = [];

  constructor(
    private readonly device: GPUDevice,
    label: string,
    code: string,
    private readonly accWords: number,
  ) {
    this.kernel = new Kernel(device, label, withEvalCommon(`${code}\n${reductionMainWgsl}\n${reductionMainBefore}`), { GROUP: 256, PER_THREAD: 4 });
  }

  /** Reads back the result for `input` under `alignment` (the old kernel has no empty window here: the bench's is full). */
  async run(input: EvaluationInput<GPUBuffer>, alignment: Parameters<typeof evaluationParams>[3]): Promise<ArrayBuffer> {
    const encoder = this.device.createCommandEncoder({ label: 'evaluation-before' });
    const pass = encoder.beginComputePass();
    let source = input.pred;
    let count = windowOf(input.width, input.height, input.settings ?? {}).items;
    for (let level = 0; level === 0 || count > 1; level++) {
      const groups = Math.ceil(count / ITEMS_PER_GROUP);
      this.uniforms[level] ??= new Uniform(this.device, 'evaluation-before-params', EVAL_PARAM_WORDS);
      this.uniforms[level].write(evaluationParams(input, level === 0 ? 0 : 1, level === 0 ? 0 : count, alignment));
      this.buffers[level] ??= storageBuffer(this.device, 'evaluation-before-partials', groups * this.accWords);
      const x = Math.min(groups, 65535);
      this.kernel.dispatch(pass, [this.uniforms[level].buffer, source, input.ref, this.buffers[level]], x, Math.ceil(groups / x));
      source = this.buffers[level];
      count = groups;
    }
    pass.end();
    return readWords(this.device, source, this.accWords, encoder);
  }

  destroy(): void {
    this.kernel.destroy();
    this.uniforms.forEach((u) => u.destroy());
    this.buffers.forEach((b) => b.destroy());
  }
}

/** What the app waited for before issue 17: the old alignment-sums fit (least squares) and the old metrics reduction. */
export class EvaluationBefore {
  private readonly metrics: ReductionBefore;
  private readonly sums: ReductionBefore;

  constructor(device: GPUDevice) {
    this.metrics = new ReductionBefore(device, 'depth-metrics-before', `${depthMetricsWgsl}\n${metricsPixelBefore}`, 10);
    this.sums = new ReductionBefore(device, 'alignment-sums-before', `${alignmentSumsWgsl}\n${alignmentPixelBefore}`, 5);
  }

  /** The least-squares fit of a depth prediction from the old sums reduction. */
  async fit(input: EvaluationInput<GPUBuffer>, method: 'lsq-scale' | 'lsq-scale-shift-inverse'): Promise<Alignment> {
    const space = alignmentSpace(method);
    const words = await this.sums.run(input, { space, prediction: 'depth', scale: 1, shift: 0 });
    return { method, space, ...solveLineFit(lineFitSumsFromAcc(words), method === 'lsq-scale-shift-inverse'), prediction: 'depth' };
  }

  async evaluate(input: EvaluationInput<GPUBuffer>): Promise<DepthMetrics> {
    return metricsFromSums(sumsFromAcc(await this.metrics.run(input, input.alignment ?? NO_ALIGNMENT)));
  }

  destroy(): void {
    this.metrics.destroy();
    this.sums.destroy();
  }
}
