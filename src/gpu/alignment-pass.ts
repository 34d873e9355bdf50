/**
 * The least-squares alignment fits on the GPU: shaders/alignment-sums.wgsl reduces
 * the fit mask of a prediction and a reference to the centred sums of a line fit
 * (20 bytes read back), solved by solveLineFit, the one solver the CPU fit
 * (src/core/depth-alignment.ts) and the point calibration use: the same refusals,
 * the same formulas. Median scaling needs a selection, not a sum: it stays on the CPU.
 */
import alignmentSumsWgsl from '../../shaders/alignment-sums.wgsl?raw';
import { alignmentSpace, type Alignment, type AlignmentMethod, type PredictionKind } from '../core/depth-alignment';
import { solveLineFit, type LineFitSums } from '../core/depth-alignment-fit';
import type { EvaluationInput } from '../core/evaluation-input';
import { EVAL_PARAM_WORDS, evaluationParams, withEvalCommon } from './eval-uniform';
import { Reduction } from './reduction';

const ACC_WORDS = 5;

/** The kernel's result as LineFitSums: centred on the means, so sx = sy = 0. */
export function lineFitSumsFromAcc(words: ArrayBuffer): LineFitSums {
  const u = new Uint32Array(words, 0, ACC_WORDS);
  const f = new Float32Array(words, 0, ACC_WORDS);
  return { n: u[0], cx: f[1], cy: f[2], sx: 0, sy: 0, sxx: f[3], sxy: f[4] };
}

export type GpuAlignmentMethod = Exclude<AlignmentMethod, 'median'>;

export class AlignmentPass {
  private readonly reduction: Reduction;

  constructor(private readonly device: GPUDevice) {
    this.reduction = new Reduction(device, { label: 'alignment-sums', code: withEvalCommon(alignmentSumsWgsl), paramWords: EVAL_PARAM_WORDS, accWords: ACC_WORDS });
  }

  /** Records the reduction; returns the buffer holding the sums, or null for an empty window. */
  encode(encoder: GPUCommandEncoder, input: EvaluationInput<GPUBuffer>, space: 'depth' | 'inverse', prediction: PredictionKind): GPUBuffer | null {
    return this.reduction.encode(encoder, input, (mode, count) => evaluationParams(input, mode, count, { space, prediction, scale: 1, shift: 0 }));
  }

  /** The fit's sums over the mask (n = 0 when nothing is in it). */
  async sums(input: EvaluationInput<GPUBuffer>, space: 'depth' | 'inverse', prediction: PredictionKind): Promise<LineFitSums> {
    const words = await this.reduction.run((encoder) => this.encode(encoder, input, space, prediction), ACC_WORDS);
    return words ? lineFitSumsFromAcc(words) : { n: 0, cx: 0, cy: 0, sx: 0, sy: 0, sxx: 0, sxy: 0 };
  }

  /**
   * fitAlignment's result for the least-squares methods (and 'none'), from GPU sums
   * (input.alignment is ignored). Throws solveLineFit's RangeError when the mask leaves
   * too little to fit.
   */
  async fit(input: EvaluationInput<GPUBuffer>, method: GpuAlignmentMethod, prediction: PredictionKind): Promise<Alignment> {
    const space = alignmentSpace(method);
    if (method === 'none') return { method, space, scale: 1, shift: 0, prediction };
    const sums = await this.sums(input, space, prediction);
    return { method, space, ...solveLineFit(sums, method === 'lsq-scale-shift-inverse'), prediction };
  }

  destroy(): void {
    this.reduction.destroy();
  }
}
