/** Raw samples + units -> depth in metres and its statistics. Runs in the load worker. */
import type { RawDepthImage } from '../core/depth-image';
import { convertToDepth, convertWithLookup, depthLookupTable, type UnitSettings } from '../core/units';
import { sortedValid, sortedValidFromLookup, statsFromSorted } from '../core/stats';
import type { AnalysisMessage } from './load-protocol';

export function analyzeDepth(raw: RawDepthImage, units: UnitSettings): AnalysisMessage {
  let depth: Float32Array;
  let sorted: Float32Array;
  // One sorted array serves the median, the percentiles of the auto range and the legend's histogram bounds.
  if (raw.sampleType === 'uint8' || raw.sampleType === 'uint16') {
    const lut = depthLookupTable(raw.sampleType, units);
    const samples = raw.data as Uint8Array | Uint16Array;
    depth = convertWithLookup(samples, lut);
    sorted = sortedValidFromLookup(samples, lut);
  } else {
    depth = convertToDepth(raw, units);
    sorted = sortedValid(depth);
  }
  return { depth, sortedValid: sorted, stats: statsFromSorted(sorted, raw.width, raw.height) };
}
