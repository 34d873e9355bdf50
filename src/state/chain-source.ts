/** What the filter chain is told about the loaded image (see ChainSource in src/core/filter-chain.ts). */
import type { ChainSource } from '../core/filter-chain';
import { integerDepthUnit } from '../core/units';
import { currentIntrinsics, type DepthscopeState } from './store';

/**
 * The baseline is known when the user set the source's units to disparity (its focal
 * length and baseline then define the depth); the recording readers give none yet.
 */
export function chainSourceOf(s: Pick<DepthscopeState, 'source' | 'units' | 'intrinsics'>): ChainSource {
  return {
    depthUnitM: integerDepthUnit(s.source?.raw.sampleType, s.units),
    focalPx: currentIntrinsics(s).fx,
    baselineMm: s.units.scale === 'disparity' ? s.units.disparity.baselineM * 1000 : null,
  };
}
