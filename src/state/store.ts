/**
 * The one store of the app: everything the user sees derives from it, and the
 * URL mirrors its shareable part (see url-sync.ts). It lives outside React:
 * the renderer and the loader read it with getState() and subscribe(), and
 * components read it through selectors.
 */
import { createStore } from 'zustand/vanilla';
import { useStore as useZustandStore } from 'zustand';
import type { RawDepthImage } from '../core/depth-image';
import type { DepthStats } from '../core/stats';
import type { ColormapName } from '../core/colormap-tables';
import type { Calibration } from '../core/calibration';
import { DEFAULT_UNITS, type UnitSettings } from '../core/units';
import { autoRange } from '../core/stats';
import { widenRange } from './range';

export type RangeSetting = { mode: 'auto'; pLo: number; pHi: number } | { mode: 'manual'; min: number; max: number };

export interface PixelRef {
  x: number;
  y: number;
}

/** Pan and zoom of the 2-D view: image pixel at the viewport centre, and screen px per image px. */
export interface ViewTransform {
  cx: number;
  cy: number;
  zoom: number;
}

export interface CalibrationDraftPoint {
  x: number;
  y: number;
  value: number;
  depthM: number | null;
}

export interface LoadedSource {
  name: string;
  /** The URL it came from (kept in the link), or null for a local file. */
  url: string | null;
  raw: RawDepthImage;
}

/** Everything derived from the raw image and the units, computed off the main thread. */
export interface DepthAnalysis {
  depth: Float32Array;
  sortedValid: Float32Array;
  stats: DepthStats;
}

export interface LoadProgress {
  name: string;
  stage: string;
  /** 0..1 when known. */
  fraction: number | null;
}

export type Backend = 'pending' | 'webgpu' | 'webgl';

export interface DecodeSettings {
  page: number;
  pgmByteOrder: 'big' | 'little';
}

export interface DepthscopeState {
  source: LoadedSource | null;
  analysis: DepthAnalysis | null;
  units: UnitSettings;
  /** True once the user (or a link) chose the scale; otherwise each file gets its type's default. */
  scaleExplicit: boolean;
  decode: DecodeSettings;
  colormap: ColormapName;
  reverse: boolean;
  logScale: boolean;
  range: RangeSetting;
  probes: PixelRef[];
  hover: PixelRef | null;
  view: ViewTransform | null;
  /** Clicking the image adds a calibration point instead of a probe while this is set. */
  calibrating: boolean;
  /** Points picked for calibration: relative value at the pixel and the distance the user typed. */
  calibrationPoints: CalibrationDraftPoint[];
  loading: LoadProgress | null;
  error: string | null;
  backend: Backend;
  backendNotice: string | null;
}

export const DEFAULT_RANGE: RangeSetting = { mode: 'auto', pLo: 2, pHi: 98 };

export function initialState(): DepthscopeState {
  return {
    source: null,
    analysis: null,
    units: DEFAULT_UNITS,
    scaleExplicit: false,
    decode: { page: 0, pgmByteOrder: 'big' },
    colormap: 'turbo',
    reverse: false,
    logScale: false,
    range: DEFAULT_RANGE,
    probes: [],
    hover: null,
    view: null,
    calibrating: false,
    calibrationPoints: [],
    loading: null,
    error: null,
    backend: 'pending',
    backendNotice: null,
  };
}

export const store = createStore<DepthscopeState>()(() => initialState());

export function useAppState<T>(selector: (s: DepthscopeState) => T): T {
  return useZustandStore(store, selector);
}

export function setState(patch: Partial<DepthscopeState>): void {
  store.setState(patch);
}

export function setUnits(patch: Partial<UnitSettings>, explicit = true): void {
  const s = store.getState();
  store.setState({ units: { ...s.units, ...patch }, scaleExplicit: s.scaleExplicit || (explicit && 'scale' in patch) });
}

export function setCalibration(calibration: Calibration | null): void {
  setUnits({ calibration }, false);
}

/** The [lo, hi] the colormap spans: typed by the user, or percentiles of the valid depths. */
export function effectiveRange(s: Pick<DepthscopeState, 'range' | 'analysis' | 'logScale'>): [number, number] | null {
  if (s.range.mode === 'manual') return widenRange(s.range.min, s.range.max, s.logScale);
  const sorted = s.analysis?.sortedValid;
  if (!sorted || sorted.length === 0) return null;
  const [lo, hi] = autoRange(sorted, s.range.pLo, s.range.pHi);
  return widenRange(lo, hi, s.logScale, sorted);
}

export function addProbe(p: PixelRef): void {
  const probes = store.getState().probes;
  if (probes.some((q) => q.x === p.x && q.y === p.y)) return;
  store.setState({ probes: [...probes, p] });
}

export function removeProbe(index: number): void {
  store.setState({ probes: store.getState().probes.filter((_, i) => i !== index) });
}
