/**
 * A depth field's count of finite values, least, greatest and mean on the GPU
 * (shaders/depth-stats.wgsl, a reduction.ts reduction over the whole field): 16 bytes
 * read back instead of the field. Reference: computeStats (src/core/stats.ts), of
 * which these are the fields that need no selection; median and percentiles do not
 * come from a sum.
 */
import depthStatsWgsl from '../../shaders/depth-stats.wgsl?raw';
import { windowOf, windowWords } from './eval-uniform';
import { Reduction } from './reduction';

const ACC_WORDS = 4;
/** Bytes a stats() call reads back. */
export const DEPTH_STATS_BYTES = ACC_WORDS * 4;

export interface FieldSums {
  validCount: number;
  /** NaN when validCount is 0. */
  min: number;
  max: number;
  mean: number;
}

/** The kernel's result words as FieldSums. */
export function fieldSumsFromAcc(words: ArrayBuffer): FieldSums {
  const n = new Uint32Array(words, 0, ACC_WORDS)[0];
  const f = new Float32Array(words, 0, ACC_WORDS);
  return n === 0 ? { validCount: 0, min: Number.NaN, max: Number.NaN, mean: Number.NaN } : { validCount: n, min: f[1], max: f[2], mean: f[3] };
}

export class DepthStatsPass {
  private readonly reduction: Reduction;

  constructor(device: GPUDevice) {
    // Params: the 8 window words only (no Evaluation).
    this.reduction = new Reduction(device, { label: 'depth-stats', code: depthStatsWgsl, paramWords: 8, accWords: ACC_WORDS });
  }

  /** Records the reduction of a width x height f32 field; the buffer holding the result, or null for an empty field. */
  encode(encoder: GPUCommandEncoder, field: GPUBuffer, width: number, height: number): GPUBuffer | null {
    const { rect } = windowOf(width, height, {});
    return this.reduction.encode(encoder, { pred: field, ref: null, width, height }, (mode, count) => windowWords(width, height, rect, mode, count));
  }

  async stats(field: GPUBuffer, width: number, height: number): Promise<FieldSums> {
    const words = await this.reduction.run((encoder) => this.encode(encoder, field, width, height), ACC_WORDS);
    return words ? fieldSumsFromAcc(words) : fieldSumsFromAcc(new ArrayBuffer(DEPTH_STATS_BYTES));
  }

  destroy(): void {
    this.reduction.destroy();
  }
}
