/**
 * The evaluation metrics on the GPU: shaders/depth-metrics.wgsl reduces the
 * evaluated pixels of a prediction and a reference (both storage buffers of f32
 * metres on the same grid) to counts, f32 sums and d's mean and squared deviations,
 * read back as 40 bytes and finished in float64 by src/core/depth-metrics.ts's
 * metricsFromSums, so GPU and CPU cannot differ in how a metric follows from its sums.
 */
import depthMetricsWgsl from '../../shaders/depth-metrics.wgsl?raw';
import { emptyMetricSums, metricsFromSums, type DepthMetrics, type MetricSums } from '../core/depth-metrics';
import type { EvaluationInput } from '../core/evaluation-input';
import { EVAL_PARAM_WORDS, evaluationParams, withEvalCommon } from './eval-uniform';
import { Reduction } from './reduction';

/** Words of one partial result (the WGSL Acc): 4 u32 counts, 6 f32. */
const ACC_WORDS = 10;

/**
 * MetricSums from the kernel's result words: Σd = n mean, Σd² = M2 + n mean²
 * (in float64, where this form does not cancel).
 */
export function sumsFromAcc(words: ArrayBuffer): MetricSums {
  const u = new Uint32Array(words, 0, ACC_WORDS);
  const f = new Float32Array(words, 0, ACC_WORDS);
  const n = u[0];
  const meanD = f[8];
  return {
    count: n,
    delta1: u[1],
    delta2: u[2],
    delta3: u[3],
    absRel: f[4],
    sqRel: f[5],
    sqErr: f[6],
    log10Abs: f[7],
    logSum: n * meanD,
    logSq: f[9] + n * meanD * meanD,
  };
}

export class DepthMetricsPass {
  private readonly reduction: Reduction;

  constructor(private readonly device: GPUDevice) {
    this.reduction = new Reduction(device, { label: 'depth-metrics', code: withEvalCommon(depthMetricsWgsl), paramWords: EVAL_PARAM_WORDS, accWords: ACC_WORDS });
  }

  /**
   * Records the reduction; returns the buffer holding the result (ACC_WORDS words)
   * or null when the window is empty. input.pred and input.ref hold width x height f32.
   */
  encode(encoder: GPUCommandEncoder, input: EvaluationInput<GPUBuffer>): GPUBuffer | null {
    return this.reduction.encode(encoder, input, (mode, count) => evaluationParams(input, mode, count));
  }

  /** The sums of the evaluated pixels (one submit and a 40-byte read back). */
  async sums(input: EvaluationInput<GPUBuffer>): Promise<MetricSums> {
    const words = await this.reduction.run((encoder) => this.encode(encoder, input), ACC_WORDS);
    return words ? sumsFromAcc(words) : emptyMetricSums();
  }

  async metrics(input: EvaluationInput<GPUBuffer>): Promise<DepthMetrics> {
    return metricsFromSums(await this.sums(input));
  }

  destroy(): void {
    this.reduction.destroy();
  }
}
