/** What the filter chain is told about the loaded image (see ChainSource in src/core/filter-chain.ts). */
import type { ChainSource } from '../core/filter-chain';
import { integerDepthUnit } from '../core/units';
import { currentIntrinsics, type DepthscopeState } from './store';
import { recordingOnScreen } from './recording-store';

/**
 * The baseline is known when the user set the source's units to disparity (its focal
 * length and baseline then define the depth), or when the recording on screen states
 * it (a RealSense bag's Stereo Baseline option).
 */
export function chainSourceOf(s: Pick<DepthscopeState, 'source' | 'units' | 'intrinsics'>): ChainSource {
  const recorded = recordingOnScreen(s)?.summary?.stereoBaselineMm ?? null;
  return {
    depthUnitM: integerDepthUnit(s.source?.raw.sampleType, s.units),
    focalPx: currentIntrinsics(s).fx,
    baselineMm: s.units.scale === 'disparity' ? s.units.disparity.baselineM * 1000 : recorded,
  };
}
