/**
 * Live depth from the webcam: open the camera, load the depth model (in its
 * worker), and show each frame's depth as the app's depth map, so the heatmap,
 * the filter chain (temporal smoothing included), the point cloud (coloured by
 * the camera) and calibration all work on it. Pause keeps the camera and model;
 * Stop releases both (the camera's light goes off, the model's GPU memory is freed)
 * and leaves the last frame on screen.
 */
import type { RawDepthImage } from '../core/depth-image';
import { CameraError, cameraVideo, listCameras, openCamera, releaseCamera } from '../live/camera';
import { DepthModel, type DepthFrame, type DepthModelSettings, type DepthRunner, type LoadProgress } from '../live/depth-model';
import { DepthModelError } from '../live/depth-model-errors';
import { FramePump } from '../live/frame-pump';
import { ModelSourceError, parseModelSource } from '../live/model-source';
import { newMainImageRequest, showDepthMap } from './load-actions';
import { liveStore, setLive } from './live-store';
import { setState, setUnits } from './store';

interface Session {
  id: number;
  stream: MediaStream;
  video: HTMLVideoElement;
  model: DepthRunner | null;
  pump: FramePump | null;
  statsTimer: ReturnType<typeof setInterval> | null;
}

/** performance.mark of each live depth frame handed to the renderer; its detail is the frame's LiveTimings. */
export const LIVE_FRAME_MARK = 'depthscope:live-frame';
/** performance.mark once a live session's model has been released (its worker ended or its GPU session freed). */
export const LIVE_MODEL_RELEASED_MARK = 'depthscope:live-model-released';

/** Loads the model on the app's own GPU device (the engine's, handed over by main.tsx); null when there is none. */
export type GpuDepthLoader = (settings: DepthModelSettings, onProgress: (p: LoadProgress) => void) => Promise<DepthRunner | null>;
let loadOnAppGpu: GpuDepthLoader | null = null;

export function provideGpuDepth(loader: GpuDepthLoader): void {
  loadOnAppGpu = loader;
}

/**
 * The live model: on the app's GPU device when there is one (frames normalised in
 * WGSL, inference beside the views), else in its worker (WebGPU of its own, or
 * WebAssembly). A GPU path that cannot run this model or device falls back to the
 * worker and says so; a model that cannot be found or downloaded fails either way.
 */
async function loadLiveModel(settings: DepthModelSettings, onProgress: (p: LoadProgress) => void): Promise<DepthRunner> {
  let why: string | null = null;
  try {
    const runner = await loadOnAppGpu?.(settings, onProgress);
    if (runner) return runner;
  } catch (e) {
    if (!(e instanceof DepthModelError) || (e.reason !== 'unexpected' && e.reason !== 'inference' && e.reason !== 'out-of-memory')) throw e;
    why = e.message;
  }
  const model = await DepthModel.load(settings, onProgress);
  if (why && !model.info.notice) model.info = { ...model.info, notice: `${why} The model runs in a worker instead, with the frames prepared on the CPU: slower.` };
  return model;
}

let session: Session | null = null;
let sessionIds = 0;
/** Panels show the camera's picture by adopting this element (LivePanel.tsx). */
export const liveVideo = (): HTMLVideoElement | null => session?.video ?? null;

/** The model's output as a raw depth image: float32, unitless for relative models, metres for metric ones. */
export function depthFrameToRaw(frame: Pick<DepthFrame, 'depth' | 'width' | 'height'>, model: string): RawDepthImage {
  return {
    width: frame.width,
    height: frame.height,
    data: frame.depth,
    sampleType: 'float32',
    format: 'image',
    pageCount: 1,
    page: 0,
    notes: [`Depth from the camera by ${model}.`],
  };
}

function messageOf(e: unknown): string {
  if (e instanceof CameraError || e instanceof DepthModelError || e instanceof ModelSourceError) return e.message;
  return `Live depth failed (${e instanceof Error ? e.message : String(e)}).`;
}

function teardown(s: Session): void {
  s.pump?.stop();
  if (s.statsTimer !== null) clearInterval(s.statsTimer);
  releaseCamera(s.stream);
  s.video.srcObject = null;
  s.video.remove();
  void s.model
    ?.dispose()
    .catch(() => undefined)
    .then(() => performance.mark(LIVE_MODEL_RELEASED_MARK));
  if (session === s) session = null;
}

/** Ends the session `id` (if it is still the current one) and says why. */
function fail(id: number, e: unknown): void {
  if (session?.id === id) teardown(session);
  if (sessionIds !== id) return;
  setLive({ phase: 'off', progress: null, error: { message: messageOf(e), retry: true } });
}

/** Opens the camera, then loads the model, then shows depth frame after frame. */
export async function startLive(): Promise<void> {
  if (liveStore.getState().phase !== 'off') return;
  const id = ++sessionIds;
  newMainImageRequest();
  const { model: setting, deviceId, height } = liveStore.getState();
  setLive({ phase: 'starting', error: null, progress: null, stats: null, timings: null, info: null, open: true });
  setState({ sequence: null }); // a playing sequence would fight the camera for the view
  let source;
  try {
    // Checked before the camera opens: a typo should not cost a permission prompt.
    source = parseModelSource(setting);
  } catch (e) {
    return fail(id, e);
  }
  let stream: MediaStream;
  try {
    // The camera first: a refusal is known in a moment, the model may take a while to download.
    stream = await openCamera({ deviceId, height });
  } catch (e) {
    return fail(id, e);
  }
  if (sessionIds !== id) return releaseCamera(stream);
  const s: Session = { id, stream, video: cameraVideo(stream), model: null, pump: null, statsTimer: null };
  session = s;
  for (const track of stream.getVideoTracks()) {
    track.onended = () => fail(id, new CameraError('busy', 'The camera stopped (unplugged, or taken by another application). Retry to start it again.'));
  }
  void listCameras().then((cameras) => setLive({ cameras }));
  try {
    await s.video.play();
    // Hub models download (once; the browser cache keeps them); folders on this site never reach the network.
    s.model = await loadLiveModel({ model: setting, allowRemoteModels: source.where === 'hub' }, (progress) => {
      if (session === s) setLive({ progress });
    });
  } catch (e) {
    return fail(id, e);
  }
  if (session !== s) return void s.model.dispose().catch(() => undefined);
  const model = s.model;
  setLive({ phase: 'running', progress: null, info: model.info });
  // A relative model's output is relative inverse depth (larger = nearer), made metric by calibration;
  // a calibration from an earlier image does not carry over to another model's output.
  setUnits({ scale: model.info.kind === 'metric' ? 'm' : 'relative', relativeLargerIsNearer: true, calibration: null }, false);
  setState({ calibrationPoints: [], calibrating: false, error: null });
  let shown = 0;
  const show = async ({ frame, captureMs }: { frame: DepthFrame; captureMs: number }) => {
    const t0 = performance.now();
    const colour = { name: 'camera', ...frame.colour };
    // Consecutive indices of one (negative, so never a file sequence's) id: the temporal filter keeps its history.
    const ok = await showDepthMap(depthFrameToRaw(frame, model.info.model), 'camera', { sequence: -id, index: shown }, { colour });
    const timings = { captureMs, ...frame.timings, showMs: performance.now() - t0 };
    if (ok) {
      shown++;
      // Read by `npm run bench -- live`, which pairs it with the heatmap's next draw.
      performance.mark(LIVE_FRAME_MARK, { detail: timings });
    }
    setLive({ timings });
  };
  s.pump = new FramePump(s.video, model, show, (e) => fail(id, e));
  s.statsTimer = setInterval(() => setLive({ stats: s.pump?.stats.snapshot(performance.now()) ?? null }), 250);
}

export function pauseLive(): void {
  if (!session?.pump || liveStore.getState().phase !== 'running') return;
  session.pump.paused = true;
  setLive({ phase: 'paused' });
}

export function resumeLive(): void {
  if (!session?.pump || liveStore.getState().phase !== 'paused') return;
  session.pump.paused = false;
  setLive({ phase: 'running' });
}

/** Releases the camera and the model; the last depth frame stays on screen. */
export function stopLive(): void {
  sessionIds++; // a start still on its way ends when it next looks
  const s = session;
  if (s) {
    setLive({ stats: s.pump?.stats.snapshot(performance.now()) ?? liveStore.getState().stats });
    teardown(s);
  }
  setLive({ phase: 'off', progress: null });
}

/**
 * The depth of one ordinary photo (JPEG, PNG, WebP…) by the same model, shown like a
 * live frame (its colours on the cloud). The model is loaded for the photo and
 * released after it: a single picture should not hold GPU memory.
 */
export async function depthOfPhoto(file: File): Promise<void> {
  if (liveStore.getState().phase !== 'off') return;
  const id = ++sessionIds;
  // A file opened while the model works wins: the photo's depth is then dropped.
  const latest = newMainImageRequest();
  const setting = liveStore.getState().model;
  setLive({ phase: 'photo', error: null, progress: null, info: null, stats: null, timings: null });
  let model: DepthModel | null = null;
  try {
    const source = parseModelSource(setting);
    const bitmap = await createImageBitmap(file).catch(() => {
      throw new Error(`“${file.name}” is not a picture this browser can read`);
    });
    model = await DepthModel.load({ model: setting, allowRemoteModels: source.where === 'hub' }, (progress) => setLive({ progress }));
    setLive({ progress: null, info: model.info });
    const frame = await model.run(bitmap);
    if (sessionIds !== id) return;
    // Something else was opened meanwhile: it stays on screen, in its own units.
    if (!latest()) return setLive({ phase: 'off', progress: null });
    setUnits({ scale: model.info.kind === 'metric' ? 'm' : 'relative', relativeLargerIsNearer: true, calibration: null }, false);
    setState({ sequence: null, calibrationPoints: [], calibrating: false, error: null });
    const colour = { name: file.name, ...frame.colour };
    await showDepthMap(depthFrameToRaw(frame, model.info.model), file.name, undefined, { colour }, { wanted: latest });
    setLive({ phase: 'off' });
  } catch (e) {
    if (sessionIds === id) setLive({ phase: 'off', progress: null, error: { message: messageOf(e), retry: false } });
  } finally {
    void model?.dispose().catch(() => undefined);
  }
}
