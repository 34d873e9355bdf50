/**
 * The comparison's own store: the reference (ground truth) map next to the
 * map of the main store, how they are evaluated, and the last evaluation.
 * Kept apart from store.ts so the comparison can grow without touching the
 * state every other view reads; the map itself stays the main store's
 * filtered output (the chain's result is what gets evaluated).
 */
import { createStore } from 'zustand/vanilla';
import { useStore as useZustandStore } from 'zustand';
import type { RawDepthImage } from '../core/depth-image';
import type { UnitSettings } from '../core/units';
import type { Alignment, AlignmentMethod, PredictionKind } from '../core/depth-alignment';
import type { DepthMetrics } from '../core/depth-metrics';
import type { EvalCropName, PixelRect } from '../core/eval-crops';
import type { PlotData } from './compare-plots';

export interface ReferenceMap {
  /** Changes with every load or units change, so caches of its resampled copies know when to drop them. */
  id: number;
  name: string;
  /** The URL it came from, or null for a local file. */
  url: string | null;
  raw: RawDepthImage;
  units: UnitSettings;
  /** Metres (or relative units) per pixel, NaN = no depth, at the reference's own size. */
  depth: Float32Array;
  /**
   * The recording frame whose ground truth this is (it follows the timeline,
   * state/recording-reference.ts), or null for a reference the user opened.
   */
  frame: { sequence: number; index: number } | null;
}

/**
 * What the heatmap shows instead of its display mode: nothing ('off'), the
 * reference alone, a swipe (reference left of the divider, map right of it),
 * the reference beside the map (same pan and zoom), or one of the error maps
 * of src/core/depth-metrics-maps.ts.
 */
export const COMPARE_VIEWS = ['off', 'reference', 'swipe', 'side-by-side', 'error-signed', 'error-abs-rel', 'error-delta'] as const;
export type CompareView = (typeof COMPARE_VIEWS)[number];

export interface CompareSettings {
  method: AlignmentMethod;
  prediction: PredictionKind;
  crop: EvalCropName | null;
  /** The depth cap (metres): references outside (min, max) are skipped, predictions clamped; null = none. */
  cap: { min: number; max: number } | null;
  /** A rectangle the user drew, in image pixels (half-open); null = the whole map. */
  region: PixelRect | null;
}

/** One evaluation and what it was computed for (attributes show these, not the current settings). */
export interface CompareResult {
  metrics: DepthMetrics;
  alignment: Alignment;
  settings: CompareSettings;
  /** Where the sums were computed. */
  backend: 'webgpu' | 'cpu';
  /** The evaluation grid (the filtered map's size) and the filtered output's version. */
  width: number;
  height: number;
  filteredVersion: number;
  referenceId: number;
  /** The recording frame the reference is the ground truth of (ReferenceMap.frame's index), or null. */
  referenceFrame: number | null;
  /** The plots' histograms, over the same pixels; null when the reference has no depth. */
  plots: PlotData | null;
}

export interface CompareState {
  reference: ReferenceMap | null;
  /** What is being read or decoded for the reference, shown in the panel. */
  loading: string | null;
  /** The last problem with the reference or the evaluation, for the user. */
  error: string | null;
  view: CompareView;
  settings: CompareSettings;
  result: CompareResult | null;
  /** Half-width (m) of the signed error view's colour scale; null = automatic (see signedErrorHalfRange). */
  signedRangeM: number | null;
  /** Upper end of the absolute relative error view's scale; null = 0.25. */
  absRelMax: number | null;
  /** Dragging on the image draws the evaluation region while this is on. */
  drawingRegion: boolean;
  /** In 3-D, the reference's cloud is drawn over the map's, each in its own colour. */
  cloudOverlay: boolean;
}

export const DEFAULT_COMPARE_SETTINGS: CompareSettings = { method: 'none', prediction: 'depth', crop: null, cap: null, region: null };

export function initialCompareState(): CompareState {
  return {
    reference: null,
    loading: null,
    error: null,
    view: 'off',
    settings: DEFAULT_COMPARE_SETTINGS,
    result: null,
    signedRangeM: null,
    absRelMax: null,
    drawingRegion: false,
    cloudOverlay: true,
  };
}

export const compareStore = createStore<CompareState>()(() => initialCompareState());

export function useCompareState<T>(selector: (s: CompareState) => T): T {
  return useZustandStore(compareStore, selector);
}

export function setCompare(patch: Partial<CompareState>): void {
  compareStore.setState(patch);
}

export function setCompareSettings(patch: Partial<CompareSettings>): void {
  compareStore.setState({ settings: { ...compareStore.getState().settings, ...patch } });
}

/**
 * The signed error view's half range: the user's, else twice the RMSE of the last
 * evaluation (most errors then sit in the middle of the scale, large ones saturate),
 * else 10 cm before there is one.
 */
export function signedErrorHalfRange(s: Pick<CompareState, 'signedRangeM' | 'result'>): number {
  if (s.signedRangeM !== null) return s.signedRangeM;
  const rmse = s.result?.metrics.rmse;
  return rmse !== undefined && Number.isFinite(rmse) && rmse > 0 ? 2 * rmse : 0.1;
}

export const DEFAULT_ABS_REL_MAX = 0.25;
