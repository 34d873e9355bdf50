/** Messages between the batch panel (batch-actions.ts) and the batch worker (batch.worker.ts). */
import type { Alignment, AlignmentMethod, PredictionKind } from '../core/depth-alignment';
import type { DepthMetrics } from '../core/depth-metrics';
import type { EvalCropName } from '../core/eval-crops';
import type { UnitSettings } from '../core/units';

export interface BatchSettings {
  method: AlignmentMethod;
  prediction: PredictionKind;
  crop: EvalCropName | null;
  cap: { min: number; max: number } | null;
  /** Units of each side, and whether they were chosen (else each file gets its type's default). */
  predictionUnits: { units: UnitSettings; explicit: boolean };
  referenceUnits: { units: UnitSettings; explicit: boolean };
}

export interface BatchRequest {
  pairs: { name: string; prediction: File; reference: File }[];
  settings: BatchSettings;
  /** The index of the first pair to evaluate: a worker started after one that hung goes on from the next pair. */
  from?: number;
}

/** One evaluated pair, or why it could not be. */
export type BatchRow =
  | { name: string; ok: true; metrics: DepthMetrics; alignment: Alignment; resampled: boolean }
  | { name: string; ok: false; error: string };

/** `started`: the worker began pair `index` (the watchdog in batch-actions.ts times each pair from here). */
export type BatchReply = { kind: 'started'; index: number } | { kind: 'row'; index: number; row: BatchRow } | { kind: 'done' };
