/**
 * Runs shaders/error-map.wgsl: a prediction and a reference (f32 storage buffers on
 * the same grid) in, one f32 per pixel out (signed difference, absolute relative
 * error or δ failures; NaN where not evaluated), into a buffer the caller owns, ready
 * for the heatmap. The reference implementation is src/core/depth-metrics-maps.ts.
 */
import errorMapWgsl from '../../shaders/error-map.wgsl?raw';
import { ERROR_MAP_MODES, type ErrorMapMode } from '../core/depth-metrics-maps';
import type { EvaluationInput } from '../core/evaluation-input';
import { EVAL_PARAM_WORDS, evaluationParams, withEvalCommon } from './eval-uniform';
import { Kernel, Uniform } from './stages/kernel';

export class ErrorMapPass {
  private readonly kernel: Kernel;
  private readonly uniform: Uniform;

  constructor(device: GPUDevice) {
    this.kernel = new Kernel(device, 'error-map', withEvalCommon(errorMapWgsl));
    this.uniform = new Uniform(device, 'error-map-params', EVAL_PARAM_WORDS);
  }

  /** `output` must hold input.width x input.height f32. */
  encode(encoder: GPUCommandEncoder, input: EvaluationInput<GPUBuffer>, mode: ErrorMapMode, output: GPUBuffer): void {
    this.uniform.write(evaluationParams(input, ERROR_MAP_MODES.indexOf(mode), 0));
    const pass = encoder.beginComputePass({ label: 'error-map' });
    this.kernel.dispatchPixels(pass, [this.uniform.buffer, input.pred, input.ref, output], input.width, input.height);
    pass.end();
  }

  destroy(): void {
    this.kernel.destroy();
    this.uniform.destroy();
  }
}
