/**
 * The link's parameters bound to the store: for each parameter of the link's
 * table (src/link/url-params-schema.ts, same names), how its fields are read
 * from the state on screen, what state it puts back when a link is applied,
 * and how a change of that state is recorded in the browser history. The type
 * of PARAM_BINDINGS requires one binding per parameter, no more, each reading
 * all of its parameter's fields. link-from-state.ts, link-apply.ts and
 * link-change.ts walk this table instead of naming parameters one by one.
 */
import { RECON_LINK_DEFAULT, type LinkParamName, type ParamFields, type UrlView } from '../link/url-params-schema';
import type { DEPTH_PARAM, STATE_PARAM } from '../link/parse-link';
import { DEFAULT_EDGE_JUMP } from '../core/surface-views';
import { serializeChain } from '../link/chain-url';
import { DEFAULT_RANGE, initialState, type CloudSettings, type DepthscopeState } from './store';
import { chainStages, entriesOf } from './chain-actions';
import { compareStore } from './compare-store';
import { recordingOnScreen } from './recording-store';
import { chainShape, openedAnotherSource, probeList, watch, type Changed, type HistoryRule, type LinkStatePatch, type ParamBinding } from './link-binding';

/** Read-only: what a parameter the link leaves out goes back to. */
export const DEFAULTS = initialState();
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The reference lives in compareStore, not in this state: ui/address-bar.ts pushes an entry when its URL changes. */
const inCompareStore: Changed = () => false;

/** A change of the watched part pushes a history entry, or replaces the current one. */
const recorded = (record: 'push' | 'replace', changed: Changed): HistoryRule => (record === 'push' ? { push: changed } : { replace: changed });

/**
 * A parameter that is one field of the state (`key`), read into the link's view as `field`;
 * a link that leaves it out puts back `fallback`; `record`: how a change enters the history.
 */
function stateSetting<K extends keyof DepthscopeState, F extends keyof UrlView>(
  key: K,
  field: F,
  fallback: DepthscopeState[K],
  record: 'push' | 'replace',
): ParamBinding<Pick<UrlView, F>> {
  return {
    fromState: (s) => ({ [field]: s[key] ?? undefined }) as { [P in F]-?: UrlView[P] | undefined },
    toState: (view) => ({ [key]: view[field] ?? fallback }) as LinkStatePatch,
    history: recorded(record, watch((s) => s[key])),
  };
}

type CloudSetting = 'stride' | 'pointSize' | 'surface' | 'wireframe' | 'keep';

/** A parameter that is one setting of the 3-D view, under the same name in the link's view; `record`: how a change enters the history. */
function cloudSetting<K extends CloudSetting>(field: K, record: 'push' | 'replace'): ParamBinding<Pick<CloudSettings, K>> {
  return {
    fromState: (s) => ({ [field]: s.cloud[field] }) as { [P in K]-?: CloudSettings[P] | undefined },
    toState: (view) => ({ cloud: { [field]: view[field] ?? DEFAULTS.cloud[field] } }),
    history: recorded(record, watch((s) => s.cloud[field])),
  };
}

export const PARAM_BINDINGS: { [K in LinkParamName]: ParamBinding<ParamFields<K>> } = {
  src: {
    fromState: (s) => ({ src: s.source?.url ?? recordingOnScreen(s)?.url ?? undefined }),
    toState: 'with the source',
    history: { push: openedAnotherSource, replace: watch((s) => s.source) },
  },
  scale: {
    // A link names its source's units, so whoever opens it reads the same metres.
    fromState: (s) => ({ scale: s.source || s.scaleExplicit ? s.units.scale : undefined }),
    toState: 'with the source',
    history: { push: watch((s) => s.units.scale) },
  },
  ref: {
    // The comparison's reference travels when it came from a URL (a local file cannot).
    fromState: () => ({ ref: compareStore.getState().reference?.url ?? undefined }),
    toState: 'with the reference',
    history: { push: inCompareStore },
  },
  refscale: {
    fromState: () => {
      const reference = compareStore.getState().reference;
      return { refScale: reference?.url ? reference.units.scale : undefined };
    },
    toState: 'with the reference',
    history: { push: inCompareStore },
  },
  colormap: {
    fromState: (s) => ({ colormap: s.colormap, reverse: s.reverse }),
    toState: (view) => ({ colormap: view.colormap ?? DEFAULTS.colormap, reverse: view.reverse ?? DEFAULTS.reverse }),
    history: { push: watch((s) => s.colormap, (s) => s.reverse) },
  },
  range: {
    fromState: (s) => ({ range: s.range.mode === 'manual' ? [s.range.min, s.range.max] : undefined }),
    // Automatic percentiles other than the default travel in the compact state.
    toState: (view, _, compact) => ({
      range: view.range
        ? { mode: 'manual', min: view.range[0], max: view.range[1] }
        : compact.percentiles
          ? { mode: 'auto', pLo: compact.percentiles[0], pHi: compact.percentiles[1] }
          : DEFAULT_RANGE,
    }),
    history: { replace: watch((s) => s.range) },
  },
  log: {
    fromState: (s) => ({ logScale: s.logScale }),
    toState: (view) => ({ logScale: view.logScale ?? DEFAULTS.logScale }),
    history: { push: watch((s) => s.logScale) },
  },
  page: {
    // Kept for dropped files too: when their map is too large to travel, the opener is asked
    // for the file, and the page picks the same image out of it.
    fromState: (s) => ({ page: s.decode.page }),
    toState: (view) => ({ decode: { page: view.page ?? 0 } }),
    // Any decode setting (the page, or the compact state's PGM byte order) reopens the file: a new choice.
    history: { push: watch((s) => s.decode) },
  },
  frame: {
    fromState: (s) => ({ frame: recordingOnScreen(s) ? s.source?.frame?.index : undefined }),
    toState: 'with the source',
    // Playing or scrubbing a recording is browsing: it rewrites the entry, Back leaves the recording.
    history: { replace: watch((s) => s.source?.frame?.index) },
  },
  probe: {
    fromState: (s) => ({ probes: s.probes }),
    toState: (view) => ({ probes: view.probes ?? [] }),
    history: { push: (s, prev) => s.probes !== prev.probes && probeList(s) !== probeList(prev) },
  },
  filters: {
    fromState: (s) => ({ filters: chainStages(s.chain) }),
    // The same chain keeps its entries: their ids hold GPU objects and temporal history.
    toState: (view, s) => {
      const filters = view.filters ?? [];
      return { chain: serializeChain(chainStages(s.chain)) === serializeChain(filters) ? s.chain : entriesOf(filters) };
    },
    history: { push: (s, prev) => s.chain !== prev.chain && chainShape(s) !== chainShape(prev), replace: watch((s) => s.chain) },
  },
  display: stateSetting('display', 'display', 'filtered', 'push'),
  split: stateSetting('splitX', 'split', null, 'replace'),
  diff: stateSetting('diffRangeM', 'diff', null, 'replace'),
  edge: {
    fromState: (s) => ({ edge: s.edgeJump === DEFAULT_EDGE_JUMP ? undefined : s.edgeJump }),
    toState: (view) => ({ edgeJump: view.edge ?? DEFAULT_EDGE_JUMP }),
    history: { replace: watch((s) => s.edgeJump) },
  },
  view: stateSetting('mode', 'mode', 'heatmap', 'push'),
  intrinsics: {
    fromState: (s) => ({ intrinsics: s.intrinsics ?? undefined }),
    toState: (view, s) => {
      const intrinsics = view.intrinsics ?? null;
      return { intrinsics, intrinsicsSource: intrinsics === null ? 'default' : same(intrinsics, s.intrinsics) ? s.intrinsicsSource : 'link' };
    },
    history: { push: watch((s) => s.intrinsics) },
  },
  ray: stateSetting('rayLength', 'rayLength', false, 'push'),
  pose: {
    fromState: (s) => ({ pose: s.mode === 'cloud' ? (s.cloud.pose ?? undefined) : undefined }),
    toState: (view, s) => {
      const pose = view.pose ?? null;
      // The 3-D view takes a pose only when told to move there.
      return { cloud: { pose, resetToken: same(pose, s.cloud.pose) ? s.cloud.resetToken : s.cloud.resetToken + 1 } };
    },
    history: { replace: watch((s) => s.cloud.pose) },
  },
  stride: cloudSetting('stride', 'replace'),
  pointsize: cloudSetting('pointSize', 'replace'),
  surface: cloudSetting('surface', 'push'),
  wire: cloudSetting('wireframe', 'push'),
  keep: cloudSetting('keep', 'replace'),
  recon: {
    fromState: (s) => ({ recon: { voxelM: s.recon.voxelM, truncationM: s.recon.truncationM, poseSource: s.recon.poseSource } }),
    toState: (view) => ({ recon: view.recon ?? RECON_LINK_DEFAULT }),
    // Another pose source is a choice; typed sizes rewrite the entry.
    history: { push: watch((s) => s.recon.poseSource), replace: watch((s) => s.recon.voxelM, (s) => s.recon.truncationM) },
  },
};

/** How changes are recorded for the two parts of the link read whole: the compact `state` parameter and the #depth fragment. */
export const WHOLE_PART_HISTORY: Record<typeof STATE_PARAM | typeof DEPTH_PARAM, HistoryRule> = {
  state: {
    push: watch(
      (s) => s.measuring,
      (s) => s.measurePoints,
      (s) => s.ar.objects,
      (s) => s.ar.mask,
    ),
    // The units' other settings (valid range, disparity, calibration), pan and zoom, the AR soft edge.
    replace: watch(
      (s) => s.units,
      (s) => s.view,
      (s) => s.ar.band,
    ),
  },
  // The map travels in the fragment once a sequence is paused (link-from-state.ts's depthText).
  depth: { replace: watch((s) => s.sequence?.playing) },
};

/** The bindings in table order, each handed the whole view (it reads only its own parameter's fields). */
export const BINDINGS_IN_ORDER: readonly ParamBinding<UrlView>[] = Object.values(PARAM_BINDINGS) as ParamBinding<UrlView>[];

/** Every history rule of the link: one per parameter, and one per part read whole. */
export const HISTORY_RULES: readonly HistoryRule[] = [...Object.values(PARAM_BINDINGS).map((binding) => binding.history), ...Object.values(WHOLE_PART_HISTORY)];

