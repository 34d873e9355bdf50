/**
 * The evaluation plots' histograms on the GPU: shaders/histogram-2d.wgsl (prediction
 * vs reference counts) and shaders/histogram-error.wgsl (count and error sums per
 * reference-depth bin), over the evaluated pixels of a prediction and a reference
 * (f32 storage buffers on the same grid), with the f32 bin edges of logBinEdges.
 * References: src/core/depth-metrics-histograms.ts.
 */
import histogram2dWgsl from '../../shaders/histogram-2d.wgsl?raw';
import histogramErrorWgsl from '../../shaders/histogram-error.wgsl?raw';
import histogramBinsWgsl from '../../shaders/histogram-bins.wgsl?raw';
import type { ErrorByDepth } from '../core/depth-metrics-histograms';
import type { EvaluationInput } from '../core/evaluation-input';
import { EVAL_PARAM_WORDS, evaluationParams, windowOf, withEvalCommon } from './eval-uniform';
import { readWords } from './reduction';
import { GrowingStorage, Kernel, Uniform } from './stages/kernel';

/** Words per bin of histogram-error.wgsl: count, then (high, low) of three fixed-point sums. */
const ERROR_BIN_WORDS = 7;
/** The fixed-point step of those sums: 2^-24. */
const STEP = 2 ** -24;

/** A 64-bit fixed-point sum (high, low words) in units (exact below 2^53 steps). */
const fixedSum = (high: number, low: number) => (high * 2 ** 32 + low) * STEP;

export class HistogramPass {
  private readonly density: Kernel;
  private readonly errors: Kernel;
  private readonly uniform: Uniform;
  private readonly edges: GrowingStorage;
  private readonly output: GrowingStorage;

  constructor(private readonly device: GPUDevice) {
    this.density = new Kernel(device, 'histogram-2d', withEvalCommon(`${histogramBinsWgsl}\n${histogram2dWgsl}`));
    this.errors = new Kernel(device, 'histogram-error', withEvalCommon(`${histogramBinsWgsl}\n${histogramErrorWgsl}`));
    this.uniform = new Uniform(device, 'histogram-params', EVAL_PARAM_WORDS);
    this.edges = new GrowingStorage(device, 'histogram-edges');
    this.output = new GrowingStorage(device, 'histogram-output');
  }

  /** counts[gBin * bins + pBin] of the evaluated pixels (predictionReferenceHistogram). */
  async predictionReference(input: EvaluationInput<GPUBuffer>, edges: Float32Array): Promise<Uint32Array> {
    const bins = edges.length - 1;
    const words = await this.run(this.density, bins * bins, input, edges);
    return new Uint32Array(words);
  }

  /** Count and error sums per reference-depth bin (errorByDepth), the sums in steps of 2^-24. */
  async errorByDepth(input: EvaluationInput<GPUBuffer>, edges: Float32Array): Promise<ErrorByDepth> {
    const bins = edges.length - 1;
    const w = new Uint32Array(await this.run(this.errors, bins * ERROR_BIN_WORDS, input, edges));
    const out: ErrorByDepth = { count: new Uint32Array(bins), absRelSum: new Float64Array(bins), signedSum: new Float64Array(bins) };
    for (let b = 0; b < bins; b++) {
      const o = b * ERROR_BIN_WORDS;
      out.count[b] = w[o];
      out.absRelSum[b] = fixedSum(w[o + 1], w[o + 2]);
      out.signedSum[b] = fixedSum(w[o + 3], w[o + 4]) - fixedSum(w[o + 5], w[o + 6]);
    }
    return out;
  }

  /**
   * One dispatch over the window into `words` zeroed u32, read back. The buffers are
   * shared by calls: each call's writes, dispatch and copy are ordered on the queue.
   */
  private async run(kernel: Kernel, words: number, input: EvaluationInput<GPUBuffer>, edges: Float32Array): Promise<ArrayBuffer> {
    const { rect } = windowOf(input.width, input.height, input.settings ?? {});
    const edgeBuffer = this.edges.holding(edges.length);
    const output = this.output.holding(words);
    this.device.queue.writeBuffer(edgeBuffer, 0, edges.buffer, edges.byteOffset, edges.byteLength);
    this.uniform.write(evaluationParams(input, edges.length - 1, 0));
    const encoder = this.device.createCommandEncoder({ label: 'histogram' });
    encoder.clearBuffer(output, 0, words * 4);
    const pass = encoder.beginComputePass({ label: kernel.pipeline.label });
    kernel.dispatchPixels(pass, [this.uniform.buffer, input.pred, input.ref, edgeBuffer, output], rect.x1 - rect.x0, rect.y1 - rect.y0);
    pass.end();
    return readWords(this.device, output, words, encoder);
  }

  destroy(): void {
    this.density.destroy();
    this.errors.destroy();
    this.uniform.destroy();
    this.edges.destroy();
    this.output.destroy();
  }
}
