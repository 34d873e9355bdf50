/**
 * Random valid values of every readable link parameter, for the table's
 * round-trip tests (url-params-table.test.ts, state/link-table.test.ts).
 * Keyed by the table's names and typed by its fields, so a parameter added to
 * the table without a generator here fails to compile. Each value is one a
 * link writes: a default (view=heatmap, log=0, stride=1) is left out of a link,
 * so it would come back as "not given", and a generator never draws one.
 */
import fc from 'fast-check';
import { COLORMAP_NAMES } from '../core/colormap-tables';
import { UNIT_PRESETS, type UnitPreset } from '../core/units';
import { MAX_SIDE } from '../core/depth-image';
import { DISPLAY_MODES } from '../core/surface-views';
import { MAX_KEPT_FRAMES } from '../core/kept-ring';
import { makeStage, PARAM_SPECS, STAGE_KINDS, type ParamSpec, type Stage } from '../core/filter-chain';
import { MAX_STAGES } from './chain-url';
import type { LinkParamName, ParamFields, UrlView } from './url-params-schema';

/** Any finite double, as links carry them (shortest form, exact). */
const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const aboveZero = (max: number) => finite(Number.MIN_VALUE, max);

const address = fc.oneof(
  fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }),
  fc.stringMatching(/^\/[\w.\- ]{1,40}(\/[\w.\- ]{1,20}){0,3}$/),
);
const scale = fc.oneof(fc.constantFrom<UnitPreset>(...UNIT_PRESETS), aboveZero(Number.MAX_VALUE));

/** A stage parameter as the chain writes it: nine significant digits (chain-url.ts). */
function stageParam(spec: ParamSpec) {
  if (spec.type === 'choice') return fc.constantFrom(...spec.choices);
  if (spec.type === 'int') return fc.integer({ min: spec.min, max: spec.max });
  return finite(spec.min, spec.max)
    .map((v) => Number(v.toPrecision(9)))
    .filter((v) => !(spec.minExclusive && v <= spec.min) && v <= spec.max);
}

const stage: fc.Arbitrary<Stage> = fc.constantFrom(...STAGE_KINDS).chain((kind) =>
  fc
    .tuple(fc.tuple(...PARAM_SPECS[kind].map(stageParam)), fc.boolean())
    .filter(([values]) => kind !== 'threshold' || (values[1] as number) > (values[0] as number))
    .map(([values, enabled]) => makeStage(kind, Object.fromEntries(PARAM_SPECS[kind].map((s, i) => [s.key, values[i]])), enabled) as Stage),
);

const metres = finite(-1e6 + 1, 1e6 - 1);
const triple = fc.tuple(metres, metres, metres);

export const PARAM_VALUES: { [K in LinkParamName]: fc.Arbitrary<ParamFields<K>> } = {
  src: address.map((src) => ({ src })),
  scale: scale.map((scale) => ({ scale })),
  ref: address.map((ref) => ({ ref })),
  refscale: scale.map((refScale) => ({ refScale })),
  colormap: fc.record({ colormap: fc.constantFrom(...COLORMAP_NAMES), reverse: fc.boolean() }),
  range: fc
    .tuple(finite(-1e6, 1e6), finite(-1e6, 1e6))
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => ({ range: [Math.min(a, b), Math.max(a, b)] })),
  log: fc.constant({ logScale: true }),
  page: fc.integer({ min: 1, max: 9999 }).map((page) => ({ page })),
  frame: fc.integer({ min: 0, max: 999_999_999 }).map((frame) => ({ frame })),
  probe: fc.array(fc.record({ x: fc.nat(MAX_SIDE - 1), y: fc.nat(MAX_SIDE - 1) }), { minLength: 1, maxLength: 64 }).map((probes) => ({ probes })),
  filters: fc.array(stage, { minLength: 1, maxLength: MAX_STAGES }).map((filters) => ({ filters })),
  display: fc.constantFrom(...DISPLAY_MODES.filter((d) => d !== 'filtered')).map((display) => ({ display })),
  split: fc.nat(MAX_SIDE).map((split) => ({ split })),
  diff: aboveZero(Number.MAX_VALUE).map((diff) => ({ diff })),
  edge: aboveZero(10).map((edge) => ({ edge })),
  view: fc.constantFrom('cloud' as const, 'ar' as const).map((mode) => ({ mode })),
  intrinsics: fc.record({ fx: aboveZero(Number.MAX_VALUE), fy: aboveZero(Number.MAX_VALUE), cx: finite(-Number.MAX_VALUE, Number.MAX_VALUE), cy: finite(-Number.MAX_VALUE, Number.MAX_VALUE) }).map((intrinsics) => ({ intrinsics })),
  ray: fc.constant({ rayLength: true }),
  pose: fc.record({ position: triple, target: triple }).map((pose) => ({ pose })),
  stride: fc.integer({ min: 2, max: 16 }).map((stride) => ({ stride })),
  pointsize: finite(0.5, 32)
    .filter((size) => size !== 2)
    .map((pointSize) => ({ pointSize })),
  surface: fc.constant({ surface: 'mesh' as const }),
  wire: fc.constant({ wireframe: true }),
  keep: fc.integer({ min: 2, max: MAX_KEPT_FRAMES }).map((keep) => ({ keep })),
  recon: fc
    .record({ voxelM: finite(1e-4, 1), voxels: fc.integer({ min: 1, max: 64 }), poseSource: fc.constantFrom('dataset' as const, 'track' as const) })
    .map(({ voxelM, voxels, poseSource }) => ({ recon: { voxelM, truncationM: voxelM * voxels, poseSource } }))
    .filter(({ recon }) => recon.truncationM <= 64 * recon.voxelM && !(recon.voxelM === 0.01 && recon.truncationM === 0.04 && recon.poseSource === 'dataset')),
};

/** A view whose every parameter is, at random, given a valid value or left out. */
export const validView: fc.Arbitrary<UrlView> = fc
  .record(PARAM_VALUES as { [K in LinkParamName]: fc.Arbitrary<object> }, { requiredKeys: [] })
  .map((fields) => Object.assign({}, ...Object.values(fields)) as UrlView);
