/** What the filter chain is told about the loaded image (see ChainSource in src/core/filter-chain.ts). */
import type { ChainSource } from '../core/filter-chain';
import { integerDepthUnit } from '../core/units';
import type { DepthscopeState } from './store';

export function chainSourceOf(s: Pick<DepthscopeState, 'source' | 'units'>): ChainSource {
  return { depthUnitM: integerDepthUnit(s.source?.raw.sampleType, s.units) };
}
