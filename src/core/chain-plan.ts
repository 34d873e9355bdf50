/**
 * The chain as its kernels run it: each enabled stage resolved, for the domain it
 * runs in and the source it reads, into one kernel call with its final parameters
 * (threshold bounds in the domain, librealsense's whole-unit variants on integer
 * sources, the depth <-> disparity switch), then the switch back to depth a chain
 * that ends in disparity needs. The CPU chain (./run-chain-cpu) and the GPU chain
 * (src/gpu/gpu-chain) both run this list, so the two cannot read the rules of
 * ./filter-chain differently.
 */
import type { DecimationVariant } from './filters/decimate';
import type { NeighbourPick } from './filters/hole-fill';
import type { PushPullFill } from './filters/push-pull';
import type { SpatialVariant } from './filters/spatial-domain-transform';
import type { TemporalVariant } from './filters/temporal';
import {
  chainDomains,
  decimationVariant,
  FLOAT_SOURCE,
  spatialVariant,
  stageDomains,
  temporalVariant,
  thresholdBounds,
  type ChainSource,
  type DisparitySwitch,
  type Stage,
  type StageParams,
} from './filter-chain';

/** One kernel run, with the parameters it takes. */
export type ChainCall =
  | { kind: 'threshold'; params: { lo: number; hi: number } }
  | { kind: 'decimate'; params: StageParams['decimate'] & { variant: DecimationVariant } }
  | { kind: 'switch'; params: DisparitySwitch }
  | { kind: 'median'; params: StageParams['median'] }
  | { kind: 'bilateral'; params: StageParams['bilateral'] }
  | { kind: 'spatial'; params: StageParams['spatial'] & { variant: SpatialVariant } }
  | { kind: 'temporal'; params: StageParams['temporal'] & { variant: TemporalVariant } }
  | { kind: 'fill-left'; params: Record<string, never> }
  | { kind: 'fill-neighbours'; params: { pick: NeighbourPick } }
  | { kind: 'push-pull'; params: { levels: number; fill: PushPullFill; inverse: boolean } }
  | { kind: 'edge-reject'; params: StageParams['edge-reject'] };

export type ChainCallKind = ChainCall['kind'];

/** A call and the stage it comes from (its index in the chain; null for the switch back at the end). */
export interface PlannedCall {
  index: number | null;
  call: ChainCall;
}

/** The calls the enabled stages of `stages` make, in order, on a source like `source`. */
export function planChain(stages: readonly Stage[], source: ChainSource = FLOAT_SOURCE): PlannedCall[] {
  const { inverse } = stageDomains(stages);
  const { domains, switches, back } = chainDomains(stages, source);
  const calls: PlannedCall[] = [];
  stages.forEach((stage, index) => {
    if (!stage.enabled) return;
    const inv = inverse[index];
    const call = ((): ChainCall => {
      switch (stage.kind) {
        case 'threshold':
          return { kind: 'threshold', params: thresholdBounds(stage.params, domains[index]) };
        case 'decimate':
          return { kind: 'decimate', params: { ...stage.params, variant: decimationVariant(inv, source) } };
        case 'disparity':
          return { kind: 'switch', params: switches[index]! };
        case 'median':
          return { kind: 'median', params: stage.params };
        case 'bilateral':
          return { kind: 'bilateral', params: stage.params };
        case 'spatial':
          return { kind: 'spatial', params: { ...stage.params, variant: spatialVariant(inv, source) } };
        case 'temporal':
          return { kind: 'temporal', params: { ...stage.params, variant: temporalVariant(inv, source) } };
        case 'edge-reject':
          return { kind: 'edge-reject', params: stage.params };
        case 'hole-fill': {
          const { mode, levels, fill } = stage.params;
          if (mode === 'left') return { kind: 'fill-left', params: {} };
          if (mode === 'push-pull') return { kind: 'push-pull', params: { levels, fill, inverse: inv } };
          return { kind: 'fill-neighbours', params: { pick: mode } };
        }
      }
    })();
    calls.push({ index, call });
  });
  if (back) calls.push({ index: null, call: { kind: 'switch', params: back } });
  return calls;
}
