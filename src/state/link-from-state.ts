/**
 * The link of the state on screen: the readable parameters (viewFromState), the
 * compact rest (compactFromState) and the map in the fragment. Pure of the DOM:
 * the page (src/ui/address-bar.ts) gives the viewport's size and writes history.
 */
import type { UrlView } from '../link/url-params';
import { initialState, type DepthscopeState } from './store';
import { BINDINGS_IN_ORDER } from './link-table';
import { DEFAULT_UNITS } from '../core/units';
import { fitView, type Size } from '../core/view-transform';
import { serializeLink } from '../link/parse-link';
import type { CompactState } from '../link/compact-state';
import { embeddingFor, showDepthInLink } from '../link/link-status';
import { liveStore } from './live-store';
import { recordingOnScreen } from './recording-store';

/** The readable parameters of the state on screen, each read by its binding (link-table.ts). */
export function viewFromState(s: DepthscopeState): UrlView {
  const view: UrlView = {};
  for (const binding of BINDINGS_IN_ORDER) Object.assign(view, binding.fromState(s));
  return view;
}

/**
 * The 2-D view when the user moved it; a view that just fits the image is left to the
 * opener's own window. `viewport`: the view's size on screen (null: none yet).
 */
function movedView(s: DepthscopeState, viewport: Size | null): DepthscopeState['view'] {
  if (!s.view || !s.source || !viewport) return null;
  const fit = fitView(s.source.raw, viewport);
  return fit.cx === s.view.cx && fit.cy === s.view.cy && fit.zoom === s.view.zoom ? null : s.view;
}

const unlessDefault = <T>(value: T, byDefault: T): T | undefined => (JSON.stringify(value) === JSON.stringify(byDefault) ? undefined : value);

/**
 * What the readable parameters leave out; defaults are left out too, to keep links short.
 * `depthInLink`: whether the fragment carries the map (else a local file is named, for the opener to drop).
 */
export function compactFromState(s: DepthscopeState, depthInLink = false, viewport: Size | null = null): CompactState {
  const units = s.units;
  return {
    measuring: s.measuring || undefined,
    measurePoints: s.measurePoints.length > 0 ? s.measurePoints : undefined,
    arObjects: s.ar.objects.length > 0 ? s.ar.objects : undefined,
    arBand: unlessDefault(s.ar.band, initialState().ar.band),
    arMask: s.ar.mask || undefined,
    percentiles: s.range.mode === 'auto' ? unlessDefault<[number, number]>([s.range.pLo, s.range.pHi], [2, 98]) : undefined,
    validRange: unlessDefault(units.validRange, DEFAULT_UNITS.validRange),
    disparity: units.scale === 'disparity' ? units.disparity : undefined,
    largerIsNearer: units.scale === 'relative' ? unlessDefault(units.relativeLargerIsNearer, DEFAULT_UNITS.relativeLargerIsNearer) : undefined,
    calibration: units.calibration ?? undefined,
    pgmByteOrder: unlessDefault(s.decode.pgmByteOrder, 'big'),
    pan: movedView(s, viewport) ?? undefined,
    localFile: s.source && !s.source.url && !depthInLink ? { name: s.source.name.slice(0, 200), width: s.source.raw.width, height: s.source.raw.height } : undefined,
  };
}

/** The fragment: the map itself when it has no URL and fits; while a sequence or a recording plays or the camera runs, nothing (encoding every frame costs too much). */
function depthText(s: DepthscopeState): string | null {
  if (!s.source || s.source.url) {
    showDepthInLink({ kind: 'url' });
    return null;
  }
  if (s.sequence?.playing) {
    showDepthInLink({ kind: 'waiting', why: 'The link will hold the frame on screen once the sequence is paused.' });
    return null;
  }
  if (recordingOnScreen(s)?.playing) {
    showDepthInLink({ kind: 'waiting', why: 'The link will hold the frame on screen once the recording is paused.' });
    return null;
  }
  if (liveStore.getState().phase === 'running') {
    showDepthInLink({ kind: 'waiting', why: 'The link will hold the camera frame on screen once Live is paused or stopped.' });
    return null;
  }
  return embeddingFor(s.source.raw, s.source.name, s.analysis?.depth ?? null);
}

/** The link of the state on screen, after `pathname`: query and fragment. */
export function linkOf(s: DepthscopeState, pathname: string, viewport: Size | null): string {
  const depth = depthText(s);
  const { search, hash } = serializeLink(viewFromState(s), compactFromState(s, depth !== null, viewport), depth);
  return `${pathname}${search ? `?${search}` : ''}${hash ? `#${hash}` : ''}`;
}

