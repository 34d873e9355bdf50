/**
 * The batch evaluation, off the main thread: one pair at a time is read,
 * decoded, converted to depth, put on the prediction's grid and scored by the
 * float64 references (src/core/depth-metrics.ts), and only its row is kept and
 * posted; the images are dropped before the next pair is read, so a set of any
 * length needs the memory of one pair. Cancelling terminates the worker, and
 * so does the page's watchdog when a pair takes too long (batch-actions.ts):
 * each pair is announced before it starts so the page knows which one hung.
 */
import { evaluateDepth, resampleNearest } from '../core/depth-metrics';
import { EVAL_CROPS } from '../core/eval-crops';
import { convertToDepth, defaultScaleFor, scaleSuits, type UnitSettings } from '../core/units';
import type { RawDepthImage } from '../core/depth-image';
import { decodeDepth } from '../io/decode-depth';
import type { BatchReply, BatchRequest, BatchRow, BatchSettings } from './batch-protocol';

function unitsFor(raw: RawDepthImage, side: BatchSettings['predictionUnits']): UnitSettings {
  if (side.explicit && scaleSuits(side.units.scale, raw.sampleType)) return side.units;
  return { ...side.units, scale: defaultScaleFor(raw.sampleType, raw.format), calibration: null };
}

async function depthOf(file: File, side: BatchSettings['predictionUnits']) {
  const raw = decodeDepth(new Uint8Array(await file.arrayBuffer()));
  return { depth: convertToDepth(raw, unitsFor(raw, side)), width: raw.width, height: raw.height };
}

async function evaluatePair(pair: BatchRequest['pairs'][number], s: BatchSettings): Promise<BatchRow> {
  try {
    const pred = await depthOf(pair.prediction, s.predictionUnits);
    const ref = await depthOf(pair.reference, s.referenceUnits);
    const { width, height } = pred;
    if (s.crop && !EVAL_CROPS[s.crop].appliesTo(width, height)) throw new Error(`the ${EVAL_CROPS[s.crop].label} is not defined for ${width}×${height}`);
    const resampled = ref.width !== width || ref.height !== height;
    const refOnGrid = resampled ? resampleNearest(ref.depth, ref.width, ref.height, width, height) : ref.depth;
    const { metrics, alignment } = evaluateDepth({ pred: pred.depth, ref: refOnGrid, width, height, settings: { crop: s.crop, cap: s.cap } }, s.method, s.prediction);
    return { name: pair.name, ok: true, metrics, alignment, resampled };
  } catch (e) {
    return { name: pair.name, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

self.onmessage = async (event: MessageEvent<BatchRequest>) => {
  const { pairs, settings, from = 0 } = event.data;
  for (let index = from; index < pairs.length; index++) {
    self.postMessage({ kind: 'started', index } satisfies BatchReply);
    const row = await evaluatePair(pairs[index], settings);
    self.postMessage({ kind: 'row', index, row } satisfies BatchReply);
  }
  self.postMessage({ kind: 'done' } satisfies BatchReply);
};
