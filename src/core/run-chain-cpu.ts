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
} from './filter-chain';

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
  const { inverse } = stageDomains(stages);
  const { domains, switches, back } = chainDomains(stages, source);
  let field: DepthField = input;
  const next: TemporalStates = new Map();
  stages.forEach((stage, index) => {
    if (!stage.enabled) return;
    const { depth, width, height } = field;
    const inv = inverse[index];
    const same = (d: Float32Array): DepthField => ({ depth: d, width, height });
    switch (stage.kind) {
      case 'threshold': {
        const { lo, hi } = thresholdBounds(stage.params, domains[index]);
        field = same(threshold(depth, lo, hi));
        break;
      }
      case 'decimate':
        field = decimate(depth, width, height, stage.params.factor, decimationVariant(inv, source));
        break;
      case 'disparity':
        field = same(switchDomain(depth, switches[index]!));
        break;
      case 'median':
        field = same(median(depth, width, height, stage.params.size === 5 ? 2 : 1));
        break;
      case 'bilateral':
        field = same(bilateral(depth, width, height, stage.params));
        break;
      case 'spatial':
        field = same(spatialFilter(depth, width, height, stage.params, spatialVariant(inv, source)));
        break;
      case 'temporal': {
        const before = temporal.get(keys[index]);
        const state = before && before.last.length === depth.length ? before : createTemporalState(depth.length);
        const step = temporalStep(state, depth, stage.params, temporalVariant(inv, source));
        next.set(keys[index], step.state);
        field = same(step.depth);
        break;
      }
      case 'edge-reject':
        field = same(rejectEdges(depth, width, height, stage.params.jump));
        break;
      case 'hole-fill': {
        const { mode, levels, fill } = stage.params;
        if (mode === 'left') field = same(fillFromLeft(depth, width, height));
        else if (mode === 'push-pull') field = same(pushPullFill(depth, width, height, levels, { fill, inverse: inv }));
        else field = same(fillFromNeighbours(depth, width, height, mode));
        break;
      }
    }
  });
  if (back) field = { ...field, depth: switchDomain(field.depth, back) };
  return { ...field, temporal: next };
}

/** A depth <-> disparity switch (see chainDomains in ./filter-chain). */
export function switchDomain(values: Float32Array, s: DisparitySwitch): Float32Array {
  if (s.kind === 'inverse') return toInverseDepth(values);
  return s.kind === 'to-disparity' ? depthToDisparity(values, s.stereo) : disparityToDepth(values, s.stereo);
}
