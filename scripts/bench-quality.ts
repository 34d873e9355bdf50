/**
 * npm run bench -- quality: how much each filter and preset lowers the depth
 * error on the synthetic scene, whose ground truth is exact (Node only; the GPU
 * kernels are tested equal to these CPU references elsewhere).
 *
 * The scene is filmed FRAMES times by a still camera: the same geometry, with a
 * fresh draw of sensor noise and speckle dropouts per frame (seed + k), so the
 * temporal filter has something to average. Every case is scored on the last
 * frame; chains with a temporal stage first see all the frames before it.
 * One JSON line per case (see src/core/depth-error.ts for the fields).
 */
import { chainHasTemporal, DEFAULT_PARAMS, HOLE_FILL_MODES, makeStage, PRESETS, type Stage, type StageKind } from '../src/core/filter-chain';
import { decimate } from '../src/core/filters/decimate';
import { runChainCpu, type DepthField, type TemporalStates } from '../src/core/run-chain-cpu';
import { scoreDepth } from '../src/core/depth-error';
import { HOLE_CAUSE, makeSyntheticScene } from '../src/core/synthetic-scene';

export const QUALITY_FRAMES = 10;
const WIDTH = 640;
const HEIGHT = 480;
const SEED = 1;

export interface QualityCase {
  name: string;
  stages: Stage[];
}

/** Each stage alone with its defaults (the disparity switch alone is the identity, so it is left out), then each preset. */
export function qualityCases(): QualityCase[] {
  const single: QualityCase[] = (Object.keys(DEFAULT_PARAMS) as StageKind[])
    .filter((k) => k !== 'disparity' && k !== 'hole-fill')
    .map((kind) => ({ name: kind, stages: [makeStage(kind)] }));
  // Hole filling's modes differ more than any other stage's parameters: one case each.
  const fills = HOLE_FILL_MODES.map((mode) => ({ name: `hole-fill:${mode}`, stages: [makeStage('hole-fill', { mode })] }));
  // Push-pull's edge-aware fill (issue 18): from the far side across a depth jump.
  fills.push({ name: 'hole-fill:push-pull,edge', stages: [makeStage('hole-fill', { mode: 'push-pull', fill: 'edge' })] });
  const presets = PRESETS.map((p) => ({ name: `preset:${p.id}`, stages: p.stages() }));
  return [...single, ...fills, ...presets];
}

export interface QualitySequence {
  /** Measured depth per frame, metres, NaN = hole. */
  frames: DepthField[];
  /** Ground truth, the same for every frame (the camera does not move). */
  truth: Float32Array;
  /** Why each hole of the LAST frame is there (HOLE_CAUSE). */
  holeCause: Uint8Array;
}

export function qualityFrames(width = WIDTH, height = HEIGHT, frames = QUALITY_FRAMES, seed = SEED): QualitySequence {
  const out: DepthField[] = [];
  let truth: Float32Array = new Float32Array(0);
  let holeCause: Uint8Array = new Uint8Array(0);
  for (let k = 0; k < frames; k++) {
    const scene = makeSyntheticScene({ width, height, seed: seed + k });
    truth = scene.groundTruthM;
    holeCause = scene.holeCause;
    out.push({ depth: scene.measuredM, width, height });
  }
  return { frames: out, truth, holeCause };
}

/** Runs a chain over the sequence (only the last frame unless it is temporal) and returns the last output. */
export function runSequence(frames: readonly DepthField[], stages: readonly Stage[]): DepthField {
  const todo = chainHasTemporal(stages) ? frames : frames.slice(-1);
  let temporal: TemporalStates = new Map();
  let out: DepthField = frames[frames.length - 1];
  for (const frame of todo) {
    const r = runChainCpu(frame, stages, temporal);
    temporal = r.temporal;
    out = r;
  }
  return out;
}

/**
 * Truth, unfiltered input and hole causes on the output's grid. Decimation
 * shrinks the image: its truth is the lower median of each block's true depths
 * (the rule the filter applies to the measurement), its input and cause the
 * block's top-left pixel's.
 */
function onGrid(out: DepthField, seq: QualitySequence): { truth: Float32Array; input: Float32Array; cause: Uint8Array } {
  const input = seq.frames[seq.frames.length - 1];
  if (out.width === input.width && out.height === input.height) return { truth: seq.truth, input: input.depth, cause: seq.holeCause };
  const f = Math.round(input.width / out.width);
  const coarseInput = new Float32Array(out.width * out.height);
  const coarseCause = new Uint8Array(out.width * out.height);
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) {
      coarseInput[y * out.width + x] = input.depth[y * f * input.width + x * f];
      coarseCause[y * out.width + x] = seq.holeCause[y * f * input.width + x * f];
    }
  }
  return { truth: decimate(seq.truth, input.width, input.height, f).depth, input: coarseInput, cause: coarseCause };
}

export function benchQuality(emit: (record: Record<string, unknown>) => void): void {
  const seq = qualityFrames();
  const { frames, truth } = seq;
  const last = frames[frames.length - 1];
  const before = scoreDepth(last.depth, truth, last.depth);
  for (const c of qualityCases()) {
    const t0 = performance.now();
    const out = runSequence(frames, c.stages);
    const ms = performance.now() - t0;
    const grid = onGrid(out, seq);
    const after = scoreDepth(out.depth, grid.truth, grid.input, grid.cause);
    emit({
      bench: 'quality',
      case: c.name,
      chain: describeChain(c.stages),
      width: out.width,
      height: out.height,
      frames: chainHasTemporal(c.stages) ? frames.length : 1,
      rmse_m: after.rmse,
      mae_m: after.mae,
      rel_mae: after.relMae,
      rmse_kept_m: after.rmseKept,
      valid: after.validFraction,
      holes_closed: after.holesClosed,
      filled_mae_m: after.filledMae,
      // Edge bands cannot be filled right from their neighbours (half of each lies
      // on the other surface); speckles and the dark poster lie within one surface.
      closed_edge: after.closedByLabel[HOLE_CAUSE.edge],
      filled_mae_edge_m: after.filledMaeByLabel[HOLE_CAUSE.edge],
      closed_speckle: after.closedByLabel[HOLE_CAUSE.speckle],
      filled_mae_speckle_m: after.filledMaeByLabel[HOLE_CAUSE.speckle],
      closed_dark: after.closedByLabel[HOLE_CAUSE.dark],
      filled_mae_dark_m: after.filledMaeByLabel[HOLE_CAUSE.dark],
      before_rmse_m: before.rmse,
      before_mae_m: before.mae,
      before_rel_mae: before.relMae,
      before_valid: before.validFraction,
      rmse_ratio: after.rmse / before.rmse,
      cpu_ms: ms,
    });
  }
}

/** The chain in one short string: kind(param=value,...) > ... */
function describeChain(stages: readonly Stage[]): string {
  if (stages.length === 0) return '(none)';
  return stages
    .map((s) => {
      const params = Object.entries(s.params).map(([k, v]) => `${k}=${String(v)}`);
      return params.length ? `${s.kind}(${params.join(',')})` : s.kind;
    })
    .join(' > ');
}
