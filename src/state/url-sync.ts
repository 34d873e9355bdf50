/**
 * Keeps the address bar in step with the store: read once at start-up, then
 * rewritten (replaceState, debounced) whenever a shared setting changes.
 */
import { parseUrlView, serializeUrlView, type UrlView } from './url-params';
import { DEFAULT_RANGE, setState, store, type DepthscopeState } from './store';
import { openUrl } from './load-actions';
import { DEFAULT_SAMPLE } from './samples';
import { chainStages, entriesOf } from './chain-actions';
import { DEFAULT_EDGE_JUMP } from '../core/surface-views';

export function viewFromState(s: DepthscopeState): UrlView {
  return {
    src: s.source?.url ?? undefined,
    // A link names its source's units, so whoever opens it reads the same metres.
    scale: s.source?.url || s.scaleExplicit ? s.units.scale : undefined,
    colormap: s.colormap,
    reverse: s.reverse,
    range: s.range.mode === 'manual' ? [s.range.min, s.range.max] : undefined,
    logScale: s.logScale,
    probes: s.probes,
    page: s.decode.page,
    filters: chainStages(s.chain),
    display: s.display,
    split: s.splitX ?? undefined,
    diff: s.diffRangeM ?? undefined,
    edge: s.edgeJump === DEFAULT_EDGE_JUMP ? undefined : s.edgeJump,
    mode: s.mode,
    stride: s.cloud.stride,
    pointSize: s.cloud.pointSize,
    surface: s.cloud.surface,
    wireframe: s.cloud.wireframe,
    intrinsics: s.intrinsics ?? undefined,
    rayLength: s.rayLength,
    pose: s.mode === 'cloud' ? (s.cloud.pose ?? undefined) : undefined,
  };
}

/** Applies the link's parameters to the store, then opens its source (or the bundled sample). */
export async function applyUrlAtStart(search: string): Promise<void> {
  const { view, problems } = parseUrlView(search, location.href);
  const s = store.getState();
  const scale = view.scale ?? (view.src === undefined ? DEFAULT_SAMPLE.scale : undefined);
  setState({
    colormap: view.colormap ?? s.colormap,
    reverse: view.reverse ?? s.reverse,
    logScale: view.logScale ?? s.logScale,
    range: view.range ? { mode: 'manual', min: view.range[0], max: view.range[1] } : DEFAULT_RANGE,
    probes: view.probes ?? [],
    decode: { ...s.decode, page: view.page ?? 0 },
    chain: entriesOf(view.filters ?? []),
    display: view.display ?? 'filtered',
    splitX: view.split ?? null,
    diffRangeM: view.diff ?? null,
    edgeJump: view.edge ?? DEFAULT_EDGE_JUMP,
    mode: view.mode ?? 'heatmap',
    cloud: { ...s.cloud, stride: view.stride ?? s.cloud.stride, pointSize: view.pointSize ?? s.cloud.pointSize,
      surface: view.surface ?? s.cloud.surface,
      wireframe: view.wireframe ?? s.cloud.wireframe,
      pose: view.pose ?? null,
    },
    intrinsics: view.intrinsics ?? null,
    intrinsicsSource: view.intrinsics ? 'link' : 'default',
    rayLength: view.rayLength ?? false,
    error: problems.length > 0 ? `Some link settings were ignored. ${problems.join(' ')}` : null,
  });
  const ok = await openUrl(view.src ?? DEFAULT_SAMPLE.src, scale);
  if (ok && problems.length > 0) setState({ error: `Some link settings were ignored. ${problems.join(' ')}` });
}

export function syncUrlWithStore(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    const query = serializeUrlView(viewFromState(store.getState()));
    const next = `${location.pathname}${query ? `?${query}` : ''}${location.hash}`;
    if (next !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, '', next);
  };
  const unsubscribe = store.subscribe((s, prev) => {
    const changed =
      s.source !== prev.source ||
      s.units.scale !== prev.units.scale ||
      s.colormap !== prev.colormap ||
      s.reverse !== prev.reverse ||
      s.range !== prev.range ||
      s.logScale !== prev.logScale ||
      s.probes !== prev.probes ||
      s.decode !== prev.decode ||
      s.chain !== prev.chain ||
      s.display !== prev.display ||
      s.splitX !== prev.splitX ||
      s.diffRangeM !== prev.diffRangeM ||
      s.edgeJump !== prev.edgeJump ||
      s.mode !== prev.mode ||
      s.cloud.stride !== prev.cloud.stride ||
      s.cloud.pointSize !== prev.cloud.pointSize ||
      s.cloud.pose !== prev.cloud.pose ||
      s.cloud.surface !== prev.cloud.surface ||
      s.cloud.wireframe !== prev.cloud.wireframe ||
      s.intrinsics !== prev.intrinsics ||
      s.rayLength !== prev.rayLength;
    if (changed && !timer) timer = setTimeout(write, 100);
  });
  write();
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}
