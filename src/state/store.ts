/**
 * The one store of the app: everything the user sees derives from it, and the
 * URL mirrors its shareable part (see ui/address-bar.ts). It lives outside React:
 * the renderer and the loader read it with getState() and subscribe(), and
 * components read it through selectors.
 */
import type { AxisConvention } from '../core/axis-convention';
import { DEFAULT_RECON, type ReconSettings } from './recon-store';
import { createStore } from 'zustand/vanilla';
import { useStore as useZustandStore } from 'zustand';
import type { RawDepthImage } from '../core/depth-image';
import type { DepthStats } from '../core/stats';
import type { ColormapName } from '../core/colormap-tables';
import type { Calibration } from '../core/calibration';
import { DEFAULT_UNITS, type UnitSettings } from '../core/units';
import { autoRange } from '../core/stats';
import type { Stage } from '../core/filter-chain';
import { DEFAULT_EDGE_JUMP, type DisplayMode, type ViewMode } from '../core/surface-views';
import { widenRange } from './range';
import type { LensDistortion } from '../core/distortion';
import type { PinholeIntrinsics } from '../core/filters/depth-field';
import { defaultIntrinsics } from '../core/intrinsics';
import type { ColourImage } from '../core/colour-image';
import type { ViewTransform } from '../core/view-transform';
import type { ArObject, ArPrimitive, MeasurePoint } from '../core/scene-marks';
import type { ColourRegistration } from '../core/align-depth';

export type { ViewTransform, ViewMode };
export { AR_PRIMITIVES, type ArObject, type ArPrimitive, type MeasurePoint } from '../core/scene-marks';

export type RangeSetting = { mode: 'auto'; pLo: number; pHi: number } | { mode: 'manual'; min: number; max: number };

export interface PixelRef {
  x: number;
  y: number;
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
  /**
   * Set for a frame of a played sequence: which sequence, and the frame's place in it.
   * `played`: shown by playback, which at the recorded rate may skip frames to keep time.
   */
  frame?: { sequence: number; index: number; played?: boolean };
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

/** One stage of the filter chain as the panel lists it; `id` keeps its row when stages move. */
export interface ChainEntry {
  id: number;
  stage: Stage;
}

export type { DisplayMode };

/**
 * The chain's current output, published by whoever runs the chain (GPU or CPU):
 * its size and its decimation; `version` changes whenever the output does. Its
 * readers (one value, the whole field, the GPU buffer) are not plain data and
 * live beside the store, in filtered-readers.ts.
 */
export interface FilteredOutput {
  version: number;
  width: number;
  height: number;
  factor: number;
}

/** Depth files played in name order. */
export interface Sequence {
  /** Tells this sequence's frames from another's (see LoadedSource.frame). */
  id: number;
  files: File[];
  index: number;
  playing: boolean;
  fps: number;
}

export interface ArSettings {
  objects: ArObject[];
  /** What a click on the surface places next; null = clicks place nothing. */
  placing: ArPrimitive | 'gltf' | null;
  /** The glTF model (file name) placed when `placing` is 'gltf'. */
  model: string | null;
  /** Size in metres of the next object placed. */
  size: number;
  /** Width in metres of the soft band over which a virtual surface fades behind a real one; 0 = hard edges. */
  band: number;
  /** Show the occlusion mask (where the real surface hides virtual objects) instead of the composite. */
  mask: boolean;
}

export interface CloudSettings {
  /** One point per stride-th pixel in each direction. */
  stride: number;
  /** Screen pixels. */
  pointSize: number;
  /** Points, or a triangle mesh over the pixel grid cut at depth discontinuities (edgeJump). */
  surface: 'points' | 'mesh';
  wireframe: boolean;
  /** Bumped to put the 3-D camera back at the sensor's viewpoint. */
  resetToken: number;
  /** Colour the cloud by the depth colormap or by the paired colour image (when one is loaded). */
  colorBy: 'depth' | 'image';
  /**
   * Keep the clouds of the last N frames of a posed recording, the current one included, each at
   * its own pose (0 and 1: off; at most core/kept-ring.ts's MAX_KEPT_FRAMES).
   */
  keep: number;
  /** The 3-D camera after the user moved it (display frame: y up, z towards the viewer, metres); null = the sensor's view. */
  pose: CameraPose | null;
}

export interface CameraPose {
  position: [number, number, number];
  target: [number, number, number];
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
  chain: ChainEntry[];
  display: DisplayMode;
  /** Image column of the before/after divider; null = the middle of the image. */
  splitX: number | null;
  /** Half-width in metres of the difference view's scale; null = automatic. */
  diffRangeM: number | null;
  /** Relative depth jump that the edges view marks as a discontinuity. */
  edgeJump: number;
  filtered: FilteredOutput | null;
  sequence: Sequence | null;
  mode: ViewMode;
  cloud: CloudSettings;
  /** Clicks in the 3-D view pick measurement points while this is on; the last two are measured. */
  measuring: boolean;
  measurePoints: MeasurePoint[];
  /** The depth camera's intrinsics (pixels, at the image's resolution); null = the default for the image size. */
  intrinsics: PinholeIntrinsics | null;
  /** Where the intrinsics came from, as the panel says it (a preset, a file, typed). */
  intrinsicsSource: string;
  /** The depth camera's lens distortion when a recording states it (camera_info); null = a pinhole. */
  lens: LensDistortion | null;
  /** The file stores distance to the camera centre (ray length) instead of depth along the optical axis. */
  rayLength: boolean;
  ar: ArSettings;
  /** The reconstruction's settings (recon-store.ts holds where a run stands). */
  recon: ReconSettings;
  /** The axes every 3-D export is written in (core/axis-convention.ts); not in the link. */
  exportAxes: AxisConvention;
  /** The colour frame paired with the depth (not in the link: it is a local file). */
  colour: ColourImage | null;
  /** Set while a recording's depth is shown registered to its colour camera (only on WebGPU: the engine aligns). */
  registration: DepthRegistration | null;
}

/**
 * Depth registered to the colour camera (a recording's "Align depth to colour"):
 * the engine runs the registration on the GPU as the chain's input, so the image
 * the views show is the colour camera's grid, in its intrinsics.
 */
export type DepthRegistration = ColourRegistration;

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
    chain: [],
    display: 'filtered',
    splitX: null,
    diffRangeM: null,
    edgeJump: DEFAULT_EDGE_JUMP,
    filtered: null,
    sequence: null,
    mode: 'heatmap',
    cloud: { stride: 1, pointSize: 2, surface: 'points', wireframe: false, resetToken: 0, pose: null, colorBy: 'image', keep: 0 },
    measuring: false,
    measurePoints: [],
    intrinsics: null,
    intrinsicsSource: 'default',
    lens: null,
    rayLength: false,
    colour: null,
    registration: null,
    ar: { objects: [], placing: 'cube', model: null, size: 0.3, band: 0.02, mask: false },
    recon: DEFAULT_RECON,
    exportAxes: 'opencv',
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

/**
 * Half-width of the difference view's symmetric scale: the user's, or 1 % of
 * the median depth (filters typically move surfaces by millimetres to centimetres).
 */
export function differenceHalfRange(s: Pick<DepthscopeState, 'diffRangeM' | 'analysis'>): number {
  if (s.diffRangeM !== null) return s.diffRangeM;
  const median = s.analysis?.stats.median;
  return median !== undefined && median !== null && Number.isFinite(median) && median > 0 ? 0.01 * median : 0.01;
}

type ImageState = Pick<DepthscopeState, 'source'> & Partial<Pick<DepthscopeState, 'registration' | 'backend'>>;

/** The registration in force: only where the engine runs it (WebGPU); the CPU heatmap shows the depth as recorded. */
export function activeRegistration(s: ImageState): DepthRegistration | null {
  return s.registration && s.source && s.backend !== 'webgl' ? s.registration : null;
}

/**
 * The size of the image the views show and pixel coordinates refer to: the
 * depth as stored, or the colour camera's when depth is registered to it.
 */
export function imageSize(s: ImageState): { width: number; height: number } | null {
  const r = activeRegistration(s);
  if (r) return { width: r.colourCamera.width, height: r.colourCamera.height };
  return s.source ? { width: s.source.raw.width, height: s.source.raw.height } : null;
}

/** "640x480", or '' without an image: a selector result that compares equal while the size stays. */
export function sizeKey(size: { width: number; height: number } | null): string {
  return size ? `${size.width}x${size.height}` : '';
}

/** The intrinsics in use: the user's, or the default for the image size. */
export function currentIntrinsics(s: Pick<DepthscopeState, 'intrinsics'> & ImageState): PinholeIntrinsics {
  const size = imageSize(s);
  return s.intrinsics ?? defaultIntrinsics(size?.width ?? 640, size?.height ?? 480);
}

/** The image column of the before/after divider. */
export function splitColumn(s: Pick<DepthscopeState, 'splitX'> & ImageState): number {
  return s.splitX ?? Math.floor((imageSize(s)?.width ?? 0) / 2);
}

export function addProbe(p: PixelRef): void {
  const probes = store.getState().probes;
  if (probes.some((q) => q.x === p.x && q.y === p.y)) return;
  store.setState({ probes: [...probes, p] });
}

export function removeProbe(index: number): void {
  store.setState({ probes: store.getState().probes.filter((_, i) => i !== index) });
}
