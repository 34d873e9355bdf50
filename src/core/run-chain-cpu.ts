/**
 * The filter chain on the CPU: the reference the GPU chain is tested against,
 * the fallback where WebGPU is absent (run in a worker), and what the quality
 * benchmark measures. Each stage is the reference function of its kernel; the
 * domain rules are those of ./filter-chain.
 */
import { bilateral } from './filters/bilateral';
import { decimate } from './filters/decimate';
import { toInverseDepth } from './filters/disparity';
import { depthToDisparity, disparityToDepth } from './filters/disparity-librealsense';
import { fillFromLeft, fillFromNeighbours } from './filters/hole-fill';
import { pushPullFill } from './filters/push-pull';
import { median } from './filters/median';
import { spatialFilter } from './filters/spatial-domain-transform';
import { createTemporalState, temporalStep, type TemporalState } from './filters/temporal';
import { threshold } from './filters/threshold';
import { rejectEdges } from './filters/normals';
import { FLOAT_SOURCE, type ChainSource, type DisparitySwitch, type Stage } from './filter-chain';
import { planChain, type ChainCall } from './chain-plan';

export interface DepthField {
  depth: Float32Array;
  width: number;
  height: number;
}

/**
 * Temporal stages' state, by the stage's key (its index in the chain unless
 * keys are given): the state before the frame being filtered. A state whose
 * size no longer matches starts over.
 */
export type TemporalStates = Map<number, TemporalState>;

export interface ChainOutput extends DepthField {
  /** The states after this frame: pass them in with the next frame. */
  temporal: TemporalStates;
}

export function runChainCpu(
  input: DepthField,
  stages: readonly Stage[],
  temporal: TemporalStates = new Map(),
  keys: readonly number[] = stages.map((_, i) => i),
  source: ChainSource = FLOAT_SOURCE,
): ChainOutput {
  let field: DepthField = input;
  const next: TemporalStates = new Map();
  for (const { index, call } of planChain(stages, source)) {
    const key = index === null ? -1 : keys[index];
    field = runCall(field, call, temporal.get(key), (state) => next.set(key, state));
  }
  return { ...field, temporal: next };
}

/** One kernel's reference on `field`; a temporal call reads `before` and hands its new state to `keep`. */
function runCall(field: DepthField, call: ChainCall, before: TemporalState | undefined, keep: (state: TemporalState) => void): DepthField {
  const { depth, width, height } = field;
  const same = (d: Float32Array): DepthField => ({ depth: d, width, height });
  switch (call.kind) {
    case 'threshold':
      return same(threshold(depth, call.params.lo, call.params.hi));
    case 'decimate':
      return decimate(depth, width, height, call.params.factor, call.params.variant);
    case 'switch':
      return same(switchDomain(depth, call.params));
    case 'median':
      return same(median(depth, width, height, call.params.size === 5 ? 2 : 1));
    case 'bilateral':
      return same(bilateral(depth, width, height, call.params));
    case 'spatial':
      return same(spatialFilter(depth, width, height, call.params, call.params.variant));
    case 'temporal': {
      const state = before && before.last.length === depth.length ? before : createTemporalState(depth.length);
      const step = temporalStep(state, depth, call.params, call.params.variant);
      keep(step.state);
      return same(step.depth);
    }
    case 'fill-left':
      return same(fillFromLeft(depth, width, height));
    case 'fill-neighbours':
      return same(fillFromNeighbours(depth, width, height, call.params.pick));
    case 'push-pull':
      return same(pushPullFill(depth, width, height, call.params.levels, call.params));
    case 'edge-reject':
      return same(rejectEdges(depth, width, height, call.params.jump));
  }
}

/** A depth <-> disparity switch (see chainDomains in ./filter-chain). */
export function switchDomain(values: Float32Array, s: DisparitySwitch): Float32Array {
  if (s.kind === 'inverse') return toInverseDepth(values);
  return s.kind === 'to-disparity' ? depthToDisparity(values, s.stereo) : disparityToDepth(values, s.stereo);
}
