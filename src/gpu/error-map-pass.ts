/**
 * Runs shaders/error-map.wgsl: a prediction and a reference (f32 storage buffers on
 * the same grid) in, one f32 per pixel out (signed difference, absolute relative
 * error or δ failures; NaN where not evaluated), into a buffer the caller owns, ready
 * for the heatmap. The reference implementation is src/core/depth-metrics-maps.ts.
 */
import errorMapWgsl from '../../shaders/error-map.wgsl?raw';
import type { Alignment } from '../core/depth-alignment';
import { ERROR_MAP_MODES, type ErrorMapMode } from '../core/depth-metrics-maps';
import { NO_ALIGNMENT } from '../core/depth-metrics';
import type { EvalSettings } from '../core/eval-crops';
import { EVAL_PARAM_WORDS, evaluationWords, windowOf, windowWords, withEvalCommon } from './eval-uniform';
import type { Size } from './gpu-stage';
import { Kernel, Uniform } from './stages/kernel';

export class ErrorMapPass {
  private readonly kernel: Kernel;
  private readonly uniform: Uniform;

  constructor(device: GPUDevice) {
    this.kernel = new Kernel(device, 'error-map', withEvalCommon(errorMapWgsl));
    this.uniform = new Uniform(device, 'error-map-params', EVAL_PARAM_WORDS);
  }

  /** `output` must hold size.width x size.height f32. */
  encode(
    encoder: GPUCommandEncoder,
    pred: GPUBuffer,
    ref: GPUBuffer,
    size: Size,
    mode: ErrorMapMode,
    output: GPUBuffer,
    settings: EvalSettings = {},
    alignment: Alignment = NO_ALIGNMENT,
  ): void {
    const { rect } = windowOf(size.width, size.height, settings);
    this.uniform.write([...windowWords(size.width, size.height, rect, ERROR_MAP_MODES.indexOf(mode), 0), ...evaluationWords(settings, alignment)]);
    const pass = encoder.beginComputePass({ label: 'error-map' });
    this.kernel.dispatchPixels(pass, [this.uniform.buffer, pred, ref, output], size.width, size.height);
    pass.end();
  }

  destroy(): void {
    this.kernel.destroy();
    this.uniform.destroy();
  }
}
