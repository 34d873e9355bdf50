/**
 * What the evaluation kernels (shaders/depth-metrics.wgsl, alignment-sums.wgsl,
 * error-map.wgsl) share: their code's prelude (shaders/eval-common.wgsl) and the
 * Params words it reads. Each Params starts with 8 words (grid size, evaluation
 * window, and two of the kernel's own) and then an Evaluation (12 words: the depth
 * cap as f32s chosen so the kernels' f32 tests keep exactly the reference depths the
 * float64 reference keeps, src/core/eval-crops.ts, and the alignment).
 */
import evalCommonWgsl from '../../shaders/eval-common.wgsl?raw';
import type { Alignment } from '../core/depth-alignment';
import { NO_ALIGNMENT } from '../core/depth-metrics';
import { evaluationWindow, type EvalSettings, type PixelRect } from '../core/eval-crops';
import type { EvaluationInput } from '../core/evaluation-input';
import { f32Above, f32Below, type ParamWord } from './stages/kernel';

/** Words of a Params struct: 8 + the Evaluation's 12. */
export const EVAL_PARAM_WORDS = 20;

/** A kernel's code with the shared evaluation rules in front (WGSL has no include). */
export const withEvalCommon = (code: string) => `${evalCommonWgsl}\n${code}`;

/** The window the kernels read, and its pixel count (0 when empty). */
export function windowOf(width: number, height: number, settings: EvalSettings): { rect: PixelRect; items: number } {
  const rect = evaluationWindow(width, height, settings);
  return { rect, items: Math.max(0, rect.x1 - rect.x0) * Math.max(0, rect.y1 - rect.y0) };
}

/** width, height, x0, y0, x1, y1, then the kernel's two words (a mode, a count). */
export function windowWords(width: number, height: number, rect: PixelRect, a: number, b: number): ParamWord[] {
  return [{ u32: width }, { u32: height }, { u32: rect.x0 }, { u32: rect.y0 }, { u32: rect.x1 }, { u32: rect.y1 }, { u32: a }, { u32: b }];
}

/**
 * The Evaluation struct. The reference is kept where keep_above < g < keep_below,
 * which for every f32 g is min < g < max in float64 (f32Below / f32Above, kernel.ts).
 */
export function evaluationWords(settings: EvalSettings, a: Pick<Alignment, 'space' | 'prediction' | 'scale' | 'shift'>): ParamWord[] {
  const cap = settings.cap;
  return [
    { u32: cap ? 1 : 0 },
    { f32: cap ? f32Below(cap.min) : 0 },
    { f32: cap ? f32Above(cap.max) : 0 },
    { f32: cap ? cap.min : 0 },
    { f32: cap ? cap.max : 0 },
    { f32: cap ? 1 / cap.max : 0 },
    { u32: a.space === 'inverse' ? 1 : 0 },
    { u32: a.prediction === 'inverse' ? 1 : 0 },
    { f32: a.scale },
    { f32: a.shift },
    { u32: 0 },
    { u32: 0 },
  ];
}

/**
 * A kernel's whole Params for `input`: its window, the kernel's two words (a, b) and
 * the Evaluation (the cap, and input.alignment unless another is given: a fit passes
 * its space with scale 1).
 */
export function evaluationParams(
  input: EvaluationInput<unknown>,
  a: number,
  b: number,
  alignment: Pick<Alignment, 'space' | 'prediction' | 'scale' | 'shift'> = input.alignment ?? NO_ALIGNMENT,
): ParamWord[] {
  const { rect } = windowOf(input.width, input.height, input.settings ?? {});
  return [...windowWords(input.width, input.height, rect, a, b), ...evaluationWords(input.settings ?? {}, alignment)];
}
