/**
 * The depth-processing chain a user builds in the filter panel: an ordered list
 * of stages, each on or off, each with its parameters. This file is the one
 * description of it: the stage kinds, their parameters with units and bounds
 * (the panel draws its fields from PARAM_SPECS, the URL codec validates with
 * them), the presets, and the domain rule below. The GPU chain (src/gpu) and the
 * CPU chain (./run-chain-cpu) both run exactly this.
 *
 * Domain. A 'disparity' stage switches the data between depth (m) and inverse
 * depth (1/m, disparity up to the constant f·B), as depth cameras' viewers do:
 * sensor noise is about constant in disparity, so the smoothing thresholds of
 * later stages mean the same at every distance. A second switch goes back; a
 * chain that ends in disparity is switched back automatically. Parameters whose
 * unit is 'depth' are in the stage's own domain (m, or 1/m after a switch);
 * threshold bounds are always metres. Hole filling's 'farthest'/'nearest' compare
 * the domain's values, as librealsense's do: in disparity 'farthest' takes the
 * largest disparity (the nearest surface), so a chain means what it does in the Viewer.
 */
import type { BilateralParams } from './filters/bilateral';
import type { DecimationVariant } from './filters/decimate';
import { d2dFactor, type StereoDisparity } from './filters/disparity-librealsense';
import { SPATIAL_HOLE_FILLS, type SpatialFilterParams, type SpatialVariant } from './filters/spatial-domain-transform';
import { PUSH_PULL_FILLS, type PushPullFill } from './filters/push-pull';
import { PERSISTENCE_MODES, type PersistenceMode, type TemporalVariant } from './filters/temporal';

export type HoleFillMode = 'left' | 'farthest' | 'nearest' | 'push-pull';
export const HOLE_FILL_MODES: readonly HoleFillMode[] = ['left', 'farthest', 'nearest', 'push-pull'];

export interface StageParams {
  threshold: { minM: number; maxM: number };
  decimate: { factor: number };
  /** The stereo baseline (mm) to use when the source gives none; 0: then inverse depth (1/m). */
  disparity: { baselineMm: number };
  median: { size: number };
  bilateral: BilateralParams;
  spatial: SpatialFilterParams;
  temporal: { alpha: number; delta: number; persistence: PersistenceMode };
  'hole-fill': { mode: HoleFillMode; levels: number; fill: PushPullFill };
  /** Pixels whose depth jumps from a 4-neighbour's by more than `jump` x the smaller become no depth. */
  'edge-reject': { jump: number };
}
export type StageKind = keyof StageParams;

export interface StageOf<K extends StageKind> {
  kind: K;
  enabled: boolean;
  params: StageParams[K];
}
/** One stage of the chain; narrowing on `kind` types its params. */
export type Stage = { [K in StageKind]: StageOf<K> }[StageKind];

/**
 * Unit of a parameter, as the panel labels it: 'depth' is m in the depth domain
 * and 1/m in the disparity domain.
 */
export type ParamUnit = 'm' | 'mm' | 'px' | 'depth' | 'fraction' | 'frames' | '';

/**
 * `omittable`: a parameter added after links with the stage existed: a link may leave it
 * out at the end of the stage (it then takes its DEFAULT_PARAMS value), and one is
 * written without it while it has that value, so older links keep their meaning.
 */
export type ParamSpec = (
  | { key: string; label: string; type: 'number'; min: number; max: number; step: number; unit: ParamUnit; minExclusive?: boolean }
  | { key: string; label: string; type: 'int'; min: number; max: number; unit: ParamUnit }
  | { key: string; label: string; type: 'choice'; choices: readonly (string | number)[]; unit: ParamUnit }
) & { omittable?: true };

export const STAGE_LABELS: Record<StageKind, string> = {
  threshold: 'Threshold',
  decimate: 'Decimation',
  disparity: 'Depth ↔ disparity',
  median: 'Median',
  bilateral: 'Bilateral',
  spatial: 'Spatial (edge-preserving)',
  temporal: 'Temporal',
  'hole-fill': 'Hole filling',
  'edge-reject': 'Edge rejection (flying pixels)',
};

/** The parameters of each kind, in the order the URL lists them. */
export const PARAM_SPECS: { [K in StageKind]: ParamSpec[] } = {
  threshold: [
    { key: 'minM', label: 'min', type: 'number', min: 0, max: 1000, step: 0.05, unit: 'm' },
    { key: 'maxM', label: 'max', type: 'number', min: 0, max: 1000, step: 0.05, unit: 'm' },
  ],
  decimate: [{ key: 'factor', label: 'factor', type: 'int', min: 2, max: 8, unit: '' }],
  disparity: [{ key: 'baselineMm', label: 'baseline if the source has none', type: 'number', min: 0, max: 1000, step: 0.5, unit: 'mm', omittable: true }],
  median: [{ key: 'size', label: 'window', type: 'choice', choices: [3, 5], unit: 'px' }],
  bilateral: [
    { key: 'radius', label: 'radius', type: 'int', min: 1, max: 8, unit: 'px' },
    { key: 'sigmaSpatialPx', label: 'σ space', type: 'number', min: 0.1, max: 20, step: 0.1, unit: 'px' },
    { key: 'sigmaRange', label: 'σ range', type: 'number', min: 0, max: 100, step: 0.001, unit: 'depth', minExclusive: true },
    { key: 'rangeMode', label: 'σ range is', type: 'choice', choices: ['absolute', 'relative'], unit: '' },
  ],
  spatial: [
    { key: 'alpha', label: 'alpha', type: 'number', min: 0.25, max: 1, step: 0.05, unit: '' },
    { key: 'delta', label: 'delta', type: 'number', min: 0, max: 100, step: 0.001, unit: 'depth' },
    { key: 'iterations', label: 'iterations', type: 'int', min: 1, max: 5, unit: '' },
    // librealsense's "Holes filling mode": radius R fills up to R - 1 px (0 = off).
    { key: 'holeFill', label: 'hole fill radius', type: 'choice', choices: SPATIAL_HOLE_FILLS, unit: 'px' },
  ],
  temporal: [
    { key: 'alpha', label: 'alpha', type: 'number', min: 0, max: 1, step: 0.05, unit: '' },
    { key: 'delta', label: 'delta', type: 'number', min: 0, max: 100, step: 0.001, unit: 'depth' },
    { key: 'persistence', label: 'persistence', type: 'choice', choices: PERSISTENCE_MODES, unit: '' },
  ],
  'hole-fill': [
    { key: 'mode', label: 'mode', type: 'choice', choices: HOLE_FILL_MODES, unit: '' },
    { key: 'levels', label: 'push-pull levels', type: 'int', min: 1, max: 12, unit: '' },
    // 'edge': across a depth jump, fill from the far side (core/filters/push-pull.ts).
    { key: 'fill', label: 'push-pull fill', type: 'choice', choices: PUSH_PULL_FILLS, unit: '', omittable: true },
  ],
  'edge-reject': [{ key: 'jump', label: 'jump over', type: 'number', min: 0, max: 10, step: 0.01, unit: 'fraction', minExclusive: true }],
};

export const STAGE_KINDS = Object.keys(PARAM_SPECS) as StageKind[];

/** Parameters a newly added stage starts with. */
export const DEFAULT_PARAMS: { [K in StageKind]: StageParams[K] } = {
  threshold: { minM: 0.1, maxM: 10 },
  decimate: { factor: 2 },
  disparity: { baselineMm: 0 },
  median: { size: 3 },
  bilateral: { radius: 3, sigmaSpatialPx: 2, sigmaRange: 0.02, rangeMode: 'relative' },
  spatial: { alpha: 0.5, delta: 0.08, iterations: 2, holeFill: 0 },
  temporal: { alpha: 0.4, delta: 0.08, persistence: 'valid-2-of-3' },
  'hole-fill': { mode: 'farthest', levels: 4, fill: 'blend' },
  // As the 3-D mesh cuts (DEFAULT_EDGE_JUMP): 5 % of the depth, 5 cm at 1 m.
  'edge-reject': { jump: 0.05 },
};

/** StageOf for each member of a union of kinds (so makeStage(kind) with kind: StageKind is a Stage). */
export type StageFor<K extends StageKind> = K extends StageKind ? StageOf<K> : never;

export function makeStage<K extends StageKind>(kind: K, params: Partial<StageParams[K]> = {}, enabled = true): StageFor<K> {
  return { kind, enabled, params: { ...DEFAULT_PARAMS[kind], ...params } } as StageFor<K>;
}

/** The stereo baseline of a RealSense D435 / D435i (the Viewer's chain needs one; a D415's is 55 mm). */
export const D435_BASELINE_MM = 50;

export interface Preset {
  id: string;
  label: string;
  description: string;
  stages: () => Stage[];
}

/**
 * Starting points. 'sensor' follows the order depth cameras' viewers use
 * (threshold, to disparity, spatial, temporal, back to depth); 'smooth' trades
 * detail for flat surfaces and closed holes. docs/quality.md measures them.
 */
export const PRESETS: readonly Preset[] = [
  { id: 'raw', label: 'Raw', description: 'No processing: the values in the file.', stages: () => [] },
  {
    // RealSense Viewer's D400 depth post-processing (librealsense src/sensor.cpp:258-268 and
    // src/ds/ds-device-common.cpp:337-349, the order; common/subdevice-model.cpp:160-176,
    // hole filling off) with each filter's defaults: decimation-filter.cpp:201 (2),
    // threshold.cpp:17 (0.1-4 m), spatial-filter.cpp:34-40 (alpha 0.5, delta 20, no hole
    // fill; 2 iterations), temporal-filter.cpp:22-34 (alpha 0.4, delta 20, persistence 3:
    // valid in 2 of the last 4), hole-filling-filter.cpp:22 (farest from around). Deltas are
    // in disparity units (1/32 px); the baseline is the source's, else a D435's 50 mm.
    id: 'sensor',
    label: 'RealSense D400 default (Viewer)',
    description:
      "RealSense Viewer's default D400 chain and values: decimation 2, threshold 0.1-4 m, to disparity (1/32 px), spatial and temporal (delta 20), hole filling off, back to depth.",
    stages: () => [
      makeStage('decimate', { factor: 2 }),
      makeStage('threshold', { minM: 0.1, maxM: 4 }),
      makeStage('disparity', { baselineMm: D435_BASELINE_MM }),
      makeStage('spatial', { alpha: 0.5, delta: 20, iterations: 2, holeFill: 0 }),
      makeStage('temporal', { alpha: 0.4, delta: 20, persistence: 'valid-2-of-4' }),
      makeStage('hole-fill', { mode: 'farthest' }, false),
      makeStage('disparity', { baselineMm: D435_BASELINE_MM }),
    ],
  },
  {
    id: 'smooth',
    label: 'Smooth surfaces',
    description: 'Median against speckle, bilateral smoothing that keeps edges; an edge-aware push-pull fill to switch on for display.',
    stages: () => [
      makeStage('median', { size: 5 }),
      makeStage('bilateral', { radius: 3, sigmaSpatialPx: 2, sigmaRange: 0.02, rangeMode: 'relative' }),
      // Off: every fill, even push-pull's first level now that it interpolates, reaches
      // into the bands of missing data along occluding edges, where half the truth is
      // foreground and half background, and raises the RMSE (docs/quality.md).
      makeStage('hole-fill', { mode: 'push-pull', levels: 2, fill: 'edge' }, false),
    ],
  },
];

/**
 * What the chain needs to know of its source: how many metres one integer depth unit
 * is, for sources stored as whole units (Z16-like: 16-bit millimetres, TUM's 1/5000 m),
 * where librealsense's rules round to the unit (null for float sources); the focal
 * length and, when the source tells it, the stereo baseline, from which librealsense's
 * disparity is made.
 */
export interface ChainSource {
  depthUnitM: number | null;
  /** fx of the depth camera at the source's resolution (px). */
  focalPx: number;
  /** The stereo baseline (mm) the source gives (a recording, a disparity source's settings), or null. */
  baselineMm: number | null;
}
export const FLOAT_SOURCE: ChainSource = { depthUnitM: null, focalPx: 525, baselineMm: null };

/** What a stage's values are: depth (m), inverse depth (1/m), or librealsense's disparity (1/32 px). */
export type ChainDomain = { kind: 'depth' } | { kind: 'inverse' } | { kind: 'stereo'; stereo: StereoDisparity };

/** What a depth <-> disparity stage does. */
export type DisparitySwitch = { kind: 'inverse' } | { kind: 'to-disparity' | 'to-depth'; stereo: StereoDisparity };

/**
 * The domain each stage runs in, what each enabled disparity stage switches, and the
 * switch back the chain needs at its end (null if it ends in depth). A switch to
 * disparity is librealsense's when a baseline is known (the source's, else the stage's
 * own), with the focal length as decimation has left it (fx / factor in float,
 * decimation-filter.cpp:349); the switch back uses the same factor.
 */
export function chainDomains(
  stages: readonly Stage[],
  source: ChainSource,
): { domains: ChainDomain[]; switches: (DisparitySwitch | null)[]; back: DisparitySwitch | null } {
  let domain: ChainDomain = { kind: 'depth' };
  let focalPx = source.focalPx;
  const domains: ChainDomain[] = [];
  const switches: (DisparitySwitch | null)[] = [];
  const switchBack = (d: ChainDomain): DisparitySwitch | null => (d.kind === 'depth' ? null : d.kind === 'inverse' ? { kind: 'inverse' } : { kind: 'to-depth', stereo: d.stereo });
  for (const s of stages) {
    domains.push(domain);
    switches.push(null);
    if (!s.enabled) continue;
    if (s.kind === 'decimate') focalPx = Math.fround(focalPx / s.params.factor);
    if (s.kind !== 'disparity') continue;
    if (domain.kind !== 'depth') {
      switches[switches.length - 1] = switchBack(domain);
      domain = { kind: 'depth' };
      continue;
    }
    const baselineMm = source.baselineMm ?? (s.params.baselineMm > 0 ? s.params.baselineMm : null);
    if (baselineMm === null) {
      switches[switches.length - 1] = { kind: 'inverse' };
      domain = { kind: 'inverse' };
      continue;
    }
    const stereo = { factor: d2dFactor(baselineMm, focalPx, source.depthUnitM), unitM: source.depthUnitM };
    switches[switches.length - 1] = { kind: 'to-disparity', stereo };
    domain = { kind: 'stereo', stereo };
  }
  return { domains, switches, back: switchBack(domain) };
}

/** Which of librealsense's spatial code paths a spatial stage runs (see filters/spatial-domain-transform). */
export function spatialVariant(inverse: boolean, source: ChainSource): SpatialVariant {
  if (inverse) return { kind: 'disparity' };
  return source.depthUnitM ? { kind: 'units', unitM: source.depthUnitM } : { kind: 'float' };
}

/** librealsense's decimation means whole units on integer sources in depth (its Z16 path), else floats. */
export function decimationVariant(inverse: boolean, source: ChainSource): DecimationVariant {
  return !inverse && source.depthUnitM ? { kind: 'units', unitM: source.depthUnitM } : { kind: 'float' };
}

/** librealsense's temporal filter on whole units for integer sources in depth, else on floats (disparity is float). */
export function temporalVariant(inverse: boolean, source: ChainSource): TemporalVariant {
  return !inverse && source.depthUnitM ? { kind: 'units', unitM: source.depthUnitM } : { kind: 'float' };
}

/** Whether each stage runs on depth (false) or on inverse depth (true), and whether the chain must switch back at the end. */
export function stageDomains(stages: readonly Stage[]): { inverse: boolean[]; endsInverse: boolean } {
  let inverse = false;
  const out: boolean[] = [];
  for (const s of stages) {
    out.push(inverse);
    if (s.enabled && s.kind === 'disparity') inverse = !inverse;
  }
  return { inverse: out, endsInverse: inverse };
}

/** The product of the enabled decimation factors: one output pixel covers this many input pixels across. */
export function chainDecimation(stages: readonly Stage[]): number {
  return stages.reduce((f, s) => (s.enabled && s.kind === 'decimate' ? f * s.params.factor : f), 1);
}

/** Whether the chain carries state from frame to frame (and so needs a frame history). */
export function chainHasTemporal(stages: readonly Stage[]): boolean {
  return stages.some((s) => s.enabled && s.kind === 'temporal');
}

/**
 * Threshold bounds in the stage's domain. In inverse depth, z in [min, max] m
 * is v = 1/z in [1/max, 1/min]; both chains round the bounds to float32 the same way.
 * In librealsense's disparity, d = factor x unit / z (unit = 1 m for float sources).
 */
export function thresholdBounds(p: StageParams['threshold'], domain: ChainDomain): { lo: number; hi: number } {
  if (domain.kind === 'depth') return { lo: p.minM, hi: p.maxM };
  if (domain.kind === 'inverse') return { lo: Math.fround(1 / p.maxM), hi: Math.fround(1 / p.minM) };
  const scale = domain.stereo.factor * (domain.stereo.unitM ?? 1);
  return { lo: Math.fround(scale / p.maxM), hi: Math.fround(scale / p.minM) };
}

/**
 * A stage whose GPU work failed (a validation error, out of memory, an internal
 * error): the chain entry it came from (null for the implicit return to depth) and
 * the device's message. Reported once, after the fact: the device answers errors
 * asynchronously.
 */
export interface StageFault {
  id: number | null;
  kind: StageKind;
  error: 'validation' | 'out-of-memory' | 'internal';
  message: string;
}

/** How a frame relates to the one before it: the next of a sequence keeps temporal history. */
export type FrameKind = 'new-image' | 'next-frame';
