/**
 * The reconstruction session: follows recon-store (Start, Pause, Reset, a mesh
 * now) and, while running, steps the open recording frame by frame, as fast
 * as frames fuse, integrating each frame the source chain has just filtered
 * (its GPU buffer, so edge rejection and every other stage apply) with the
 * frame's pose, into one TSDF volume on the shared device (recon-volume.ts).
 * A frame without a pose, without intrinsics, with no depth in range or with
 * a pose that is not rigid is skipped with a sentence and nothing else is
 * lost; when the block budget is reached integration stops and says so.
 * Marching cubes runs every MESH_EVERY frames, at the end and on demand.
 * A lost device loses the volume: the run stops and says so. Opening another
 * recording resets the reconstruction.
 */
import { scaledIntrinsics } from '../core/intrinsics';
import type { RigidTransform } from '../core/recording';
import { BYTES_PER_BLOCK } from '../core/tsdf';
import { countWithin, frameSkipReason, resetRecon, tsdfSettingsOf } from '../state/recon-actions';
import { reconStore, type ReconState } from '../state/recon-store';
import { showRecordingFrame } from '../state/recording-actions';
import { recordingStore } from '../state/recording-store';
import { store } from '../state/store';
import { gpuSession, subscribeGpuSession } from './gpu-session';
import { budgetProblem, ReconVolume } from './recon-volume';
import { trackerFactory, type ReconTracker } from './recon-tracker';
import { ReconRaycastView } from './recon-view';
import { chainOutput } from './source-chain';

/** Frames between two meshes while running: marching cubes costs about as much as several frames' integration. */
export const MESH_EVERY = 10;

const patch = (change: Partial<ReconState>) => reconStore.setState(change);
const stop = (error: string) => patch({ phase: 'idle', error });
const IDENTITY: RigidTransform = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

export function watchReconstruction(): () => void {
  let device: GPUDevice | null = null;
  let volume: ReconVolume | null = null;
  let tracker: ReconTracker | null = null;
  let view: ReconRaycastView | null = null;
  let settingsKey = '';
  let running = false;
  /** Mesh extraction and integration take turns on the volume. */
  let busy: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = busy.then(work, work);
    busy = next.catch(() => undefined);
    return next;
  };

  const drop = () => {
    tracker?.destroy();
    tracker = null;
    view?.destroy();
    view = null;
    volume?.destroy();
    volume = null;
  };

  const extract = () =>
    exclusive(async () => {
      if (!volume || reconStore.getState().framesIntegrated === 0) return;
      patch({ extracting: true });
      try {
        patch({ mesh: await volume.extract(reconStore.getState().framesIntegrated) });
      } finally {
        patch({ extracting: false });
      }
    });

  /** The volume for the current settings: made on first use, made again (and the run back to frame 0) when they changed. */
  const volumeFor = (gpu: GPUDevice): ReconVolume | { problem: string } | 'restarted' => {
    const settings = tsdfSettingsOf(store.getState().recon);
    const key = JSON.stringify([settings, store.getState().recon.poseSource]);
    if (volume && key === settingsKey) return volume;
    const problem = budgetProblem(gpu, settings);
    if (problem) return { problem };
    const restart = volume !== null;
    drop();
    volume = new ReconVolume(gpu, settings);
    view = new ReconRaycastView(gpu, volume.volume);
    settingsKey = key;
    const make = store.getState().recon.poseSource === 'track' ? trackerFactory() : null;
    if (make) tracker = make(gpu, volume.volume);
    patch({ budgetBytes: settings.blockBudget * BYTES_PER_BLOCK });
    if (!restart) return volume;
    patch({ nextFrame: 0, framesIntegrated: 0, framesSkipped: 0, trajectory: [], mesh: null, notice: 'The settings changed: the volume started over from the first frame.' });
    return 'restarted';
  };

  async function integrateNext(gpu: GPUDevice): Promise<boolean> {
    const r = reconStore.getState();
    const rec = recordingStore.getState();
    if (!rec.summary) return (stop('The recording was closed: reconstruction stopped. The volume is kept; Reset to start again.'), false);
    const index = r.nextFrame;
    const frames = rec.summary.frames;
    if (index >= frames.length) {
      patch({ phase: 'done' });
      return false;
    }
    const onScreen = rec.index === index && store.getState().source?.frame?.sequence === rec.id;
    if (!onScreen && !(await showRecordingFrame(index))) return (stop(`Frame ${index + 1} could not be shown, so reconstruction stopped there.`), false);
    if (reconStore.getState().phase !== 'running') return false;
    // The volume is made, used and dropped (Reset) in turn with mesh extraction, never under it.
    const integrated = await exclusive(() => integrateShown(gpu, index, frames[index].pose, frames[index].stamp));
    if (!integrated || reconStore.getState().framesIntegrated % MESH_EVERY !== 0) return integrated;
    await extract();
    return true;
  }

  /** Integrates the frame on screen (frame `index`): false when the run stops. */
  async function integrateShown(gpu: GPUDevice, index: number, datasetPose: RigidTransform | null, stamp: number): Promise<boolean> {
    const v = volumeFor(gpu);
    if (v === 'restarted') return true;
    if ('problem' in v) return (stop(v.problem), false);
    const s = store.getState();
    const out = chainOutput();
    if (!out || !s.analysis) return (stop('The filtered frame is not on the GPU: reconstruction needs WebGPU.'), false);
    const { width, height } = out.result.size;
    const intr = s.intrinsics ? scaledIntrinsics(s.intrinsics, out.result.factor) : null;
    let pose = datasetPose;
    const settings = s.recon;
    const colour = v.uploadColour(s.colour, width, height);
    if (tracker && intr) {
      const tracked = await tracker.track(out.result.buffer, colour, width, height, intr, pose ?? IDENTITY, s.lens);
      if (tracked.state === 'lost') {
        patch({ phase: 'lost', tracking: tracked.reason });
        return false;
      }
      pose = tracked.pose;
      patch({ tracking: tracked.terms ? `ok (${tracked.terms})` : 'ok' });
    }
    const why = frameSkipReason(pose, intr, countWithin(s.analysis.sortedValid, settings.depthMinM, settings.depthMaxM), settings);
    if (why) {
      patch({ nextFrame: index + 1, framesSkipped: reconStore.getState().framesSkipped + 1, notice: `Frame ${index + 1} was skipped: ${why}` });
      return true;
    }
    const t0 = performance.now();
    // Through the depth camera's lens when the recording states one (tracking remaps the frame to a pinhole image first; the live ray cast is a pinhole view).
    const status = await v.integrate(out.result.buffer, colour, width, height, intr!, pose!, s.lens);
    const seconds = (performance.now() - t0) / 1000;
    const prev = reconStore.getState();
    patch({ blocks: status.blocks, bytes: status.bytes });
    if (status.full) {
      patch({ phase: 'done', error: status.full });
      return false;
    }
    // The live view from this frame's camera, on the GPU; the rate above is integration's alone.
    view?.draw(reconStore.getState().raycastView, reconStore.getState().orbit, { pose: pose!, intrinsics: intr!, width, height });
    const rate = 1 / Math.max(seconds, 1e-6);
    patch({
      nextFrame: index + 1,
      framesIntegrated: status.framesIntegrated,
      rate: prev.rate === null ? rate : 0.8 * prev.rate + 0.2 * rate,
      trajectory: [...prev.trajectory, { stamp, pose: pose! }],
    });
    return true;
  }

  async function run(): Promise<void> {
    if (running) return;
    running = true;
    try {
      while (reconStore.getState().phase === 'running') {
        const session = gpuSession();
        const gpu = session.state === 'ready' ? (session.gpu?.device ?? null) : null;
        if (!gpu) return stop('Reconstruction needs WebGPU, and this browser gives no GPU device.');
        if (!(await integrateNext(gpu))) break;
      }
      if (reconStore.getState().phase === 'done') await extract();
    } catch (e) {
      stop(`Reconstruction stopped: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      running = false;
    }
  }

  const follow = () => {
    const session = gpuSession();
    const next = session.state === 'ready' ? (session.gpu?.device ?? null) : null;
    if (next === device) return;
    const lost = volume !== null;
    drop();
    device = next;
    if (lost) patch({ phase: 'idle', mesh: null, error: 'The GPU device was lost, and the volume with it: Reset and start again.' });
  };
  follow();
  const unsubscribeGpu = subscribeGpuSession(follow);
  const unsubscribe = reconStore.subscribe((r, prev) => {
    if (r.resetToken !== prev.resetToken) {
      void exclusive(async () => {
        drop();
        settingsKey = '';
      });
    }
    if (r.phase === 'running' && prev.phase !== 'running') void run();
    if (r.raycastView !== prev.raycastView || r.orbit !== prev.orbit) view?.redraw(r.raycastView, r.orbit);
    if (r.meshRequest !== prev.meshRequest) void extract().catch((e) => stop(`The mesh could not be made: ${e instanceof Error ? e.message : String(e)}`));
  });
  // Another recording is another scene: its frames never fuse into the last one's volume.
  const unsubscribeRecording = recordingStore.subscribe((rec, prev) => {
    if (rec.id !== prev.id && (reconStore.getState().framesIntegrated > 0 || reconStore.getState().phase !== 'idle')) resetRecon();
  });
  return () => {
    unsubscribeRecording();
    unsubscribe();
    unsubscribeGpu();
    drop();
  };
}
