/** Raw samples + units -> depth in metres and its statistics. Runs in the load worker. */
import type { RawDepthImage } from '../core/depth-image';
import { convertToDepth, type UnitSettings } from '../core/units';
import { computeStats, sortedValid } from '../core/stats';
import type { AnalysisMessage } from './load-protocol';

export function analyzeDepth(raw: RawDepthImage, units: UnitSettings): AnalysisMessage {
  const depth = convertToDepth(raw, units);
  return { depth, sortedValid: sortedValid(depth), stats: computeStats(depth, raw.width, raw.height) };
}
