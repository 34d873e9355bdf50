/**
 * What the live panel shows: the camera and model settings, where a live
 * session stands, its load progress, rates and errors. Kept apart from the
 * main store: none of it belongs in a link, and it changes at the camera's
 * rate. The depth itself goes into the main store like any depth map.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { DEFAULT_CAMERA_HEIGHT, type CameraInfo } from '../live/camera';
import type { LoadProgress, LoadedModelInfo } from '../live/depth-model';
import type { LiveStatsSnapshot } from '../live/live-stats';
import { DEFAULT_DEPTH_MODEL } from '../live/model-source';

/** off → starting (camera, then model) → running ⇄ paused → off (Stop, or an error); off → photo → off for one picture. */
export type LivePhase = 'off' | 'starting' | 'running' | 'paused' | 'photo';

/** Where the time of the last frame went, ms. */
export interface LiveTimings {
  captureMs: number;
  preprocessMs: number;
  inferenceMs: number;
  /** Analysis (units, statistics) and hand-over to the renderer. */
  showMs: number;
  /** Bytes read back from the GPU for the frame. */
  readbackBytes: number;
}

export interface LiveState {
  /** The panel is shown (the toolbar's Live button). */
  open: boolean;
  phase: LivePhase;
  /** Hub id or folder on this site (model-source.ts). */
  model: string;
  cameras: CameraInfo[];
  /** null: the browser's default camera. */
  deviceId: string | null;
  height: number;
  /** Bytes of the model received, while it loads. */
  progress: LoadProgress | null;
  info: LoadedModelInfo | null;
  stats: LiveStatsSnapshot | null;
  timings: LiveTimings | null;
  /** Why the last session ended, for the user (shown in role="alert"; `retry`: offer to start the camera again). */
  error: { message: string; retry: boolean } | null;
}

export const liveStore = createStore<LiveState>()(() => ({
  open: false,
  phase: 'off',
  model: DEFAULT_DEPTH_MODEL,
  cameras: [],
  deviceId: null,
  height: DEFAULT_CAMERA_HEIGHT,
  progress: null,
  info: null,
  stats: null,
  timings: null,
  error: null,
}));

export function useLive<T>(selector: (s: LiveState) => T): T {
  return useStore(liveStore, selector);
}

export function setLive(patch: Partial<LiveState>): void {
  liveStore.setState(patch);
}

/**
 * `?model=` of the link the page opened with (read once, before the first render:
 * the address bar is later rewritten by ui/address-bar.ts): opens the Live panel
 * with that model.
 */
export function applyModelLink(search: string): void {
  const params = new URLSearchParams(search);
  if (!params.has('model')) return;
  liveStore.setState({ open: true, model: params.get('model')?.trim() || DEFAULT_DEPTH_MODEL });
}
