/** Raw samples + units -> depth in metres and its statistics. Runs in the load worker. */
import type { RawDepthImage } from '../core/depth-image';
import { convertToDepth, type UnitSettings } from '../core/units';
import { sortedValid, statsFromSorted } from '../core/stats';
import type { AnalysisMessage } from './load-protocol';

export function analyzeDepth(raw: RawDepthImage, units: UnitSettings): AnalysisMessage {
  const depth = convertToDepth(raw, units);
  // One sort serves the median, the percentiles of the auto range, and the legend's histogram bounds.
  const sorted = sortedValid(depth);
  return { depth, sortedValid: sorted, stats: statsFromSorted(sorted, raw.width, raw.height) };
}
