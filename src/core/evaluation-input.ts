/**
 * What every evaluation of a prediction against a reference reads: the two maps on
 * one grid (width x height, row-major), the evaluation settings (crop, region, cap)
 * and the prediction's alignment. One object for the float64 references of src/core
 * (Float32Array maps), the GPU passes of src/gpu (GPUBuffer maps), the compare engine
 * and the batch worker, so no caller threads six positional arguments through.
 */
import type { Alignment } from './depth-alignment';
import type { EvalSettings } from './eval-crops';

export interface EvaluationInput<Map = Float32Array> {
  pred: Map;
  ref: Map;
  width: number;
  height: number;
  /** Crop, region and cap; none when absent. */
  settings?: EvalSettings;
  /** How the prediction is aligned before it is scored; none when absent (fits ignore it). */
  alignment?: Alignment;
}
