/**
 * What the Reconstruct panel does: settings, start, pause, reset, a mesh now,
 * and the exports of the fused mesh and the trajectory. The engine's session
 * (src/engine/recon-session.ts) follows recon-store and does the GPU work; the
 * checks here are the ones that need no GPU, so a start that cannot work is
 * refused at once with a sentence and nothing else changes.
 */
import { BYTES_PER_BLOCK, rigidTransformProblem, tsdfSettingsProblem, type TsdfSettings } from '../core/tsdf';
import { checkIntrinsics } from '../core/intrinsics';
import { startOrbit, turnOrbit, zoomOrbit } from '../core/orbit-camera';
import type { RecordingSummary, RigidTransform } from '../core/recording';
import type { PinholeIntrinsics } from '../core/filters/depth-field';
import { INITIAL_RECON, reconStore, type RaycastView, type ReconSettings, type ReconState } from './recon-store';
import { pause as pausePlayback } from './recording-actions';
import { recordingStore } from './recording-store';
import { setState, store } from './store';

const patch = (change: Partial<ReconState>) => reconStore.setState(change);

/** The volume's settings from the panel's: the budget in MiB becomes whole blocks of 10 KiB. */
export function tsdfSettingsOf(r: ReconSettings): TsdfSettings {
  return {
    voxelSizeM: r.voxelM,
    truncationM: r.truncationM,
    depthMinM: r.depthMinM,
    depthMaxM: r.depthMaxM,
    weightCap: r.weightCap,
    blockBudget: Math.max(1, Math.floor((r.budgetMiB * 2 ** 20) / BYTES_PER_BLOCK)),
  };
}

export function setReconSettings(change: Partial<ReconSettings>): void {
  setState({ recon: { ...store.getState().recon, ...change } });
}

/** Why a run cannot start on this recording with these settings, or null. */
export function reconStartProblem(summary: RecordingSummary | null, settings: ReconSettings, trackerAvailable: boolean): string | null {
  if (!summary) return 'Open a recording or a dataset folder first: reconstruction fuses the frames of a sequence.';
  const problem = tsdfSettingsProblem(tsdfSettingsOf(settings));
  if (problem) return problem;
  if (settings.poseSource === 'track' && !trackerAvailable) {
    return 'Tracking is not available in this version, so the pose source must be the dataset’s poses.';
  }
  if (settings.poseSource === 'dataset' && !summary.frames.some((f) => f.pose)) {
    return `“${summary.name}” has no camera poses, so the pose source “dataset” cannot be used: open a dataset with poses (a TUM groundtruth.txt, a Redwood .log, 7-Scenes or ScanNet pose files)${trackerAvailable ? ', or choose tracking' : ''}.`;
  }
  return null;
}

/** Depths within [lo, hi] in an ascending array of valid depths (the analysis keeps one per frame). */
export function countWithin(sorted: Float32Array, lo: number, hi: number): number {
  const first = (x: number, strict: boolean) => {
    let a = 0;
    let b = sorted.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (sorted[m] < x || (strict && sorted[m] === x)) a = m + 1;
      else b = m;
    }
    return a;
  };
  return first(hi, true) - first(lo, false);
}

/** Why frame `index` is skipped (a sentence), or null: it has a rigid pose, intrinsics, and depth in range. */
export function frameSkipReason(
  pose: RigidTransform | null,
  intrinsics: PinholeIntrinsics | null,
  validInRange: number,
  settings: Pick<ReconSettings, 'depthMinM' | 'depthMaxM'>,
): string | null {
  if (!pose) return 'it has no camera pose in the dataset.';
  const rigid = rigidTransformProblem(pose);
  if (rigid) return `its pose is not usable: ${rigid}`;
  if (!intrinsics) return 'the recording states no camera intrinsics, and fusing with guessed ones would distort the model.';
  const intr = checkIntrinsics(intrinsics);
  if (intr) return intr;
  if (validInRange === 0) return `it has no valid depth within ${settings.depthMinM}–${settings.depthMaxM} m.`;
  return null;
}

/** Starts (or goes on after a pause): refused with a sentence when the recording or the settings cannot work. */
export function startRecon(): boolean {
  const r = reconStore.getState();
  const problem = reconStartProblem(recordingStore.getState().summary, store.getState().recon, r.trackerAvailable);
  if (problem) {
    patch({ error: problem });
    return false;
  }
  if (r.phase === 'running') return true;
  pausePlayback(); // the run steps the recording itself, frame by frame, so that none is skipped
  const fresh = r.phase === 'done' || r.phase === 'lost';
  patch({ ...(fresh ? { ...INITIAL_RECON, trackerAvailable: r.trackerAvailable, resetToken: r.resetToken + 1, meshRequest: r.meshRequest } : {}), phase: 'running', paused: false, error: null });
  return true;
}

export function pauseRecon(): void {
  if (reconStore.getState().phase === 'running') patch({ phase: 'idle', paused: true });
}

/** Drops the volume, the mesh and the trajectory. */
export function resetRecon(): void {
  const r = reconStore.getState();
  patch({ ...INITIAL_RECON, trackerAvailable: r.trackerAvailable, raycastView: r.raycastView, resetToken: r.resetToken + 1, meshRequest: r.meshRequest });
}

/** How the live ray-cast view shows the volume (the engine draws it again at once, paused or done too). */
export function setRaycastView(raycastView: RaycastView): void {
  patch({ raycastView });
}

/**
 * Turns the live view about a pivot ahead of the followed camera (drag, arrow
 * keys). The first turn starts the orbit, its pivot at the frame's median depth
 * within the volume's depth range (1 m when the frame has none).
 */
export function orbitRaycastView(dYaw: number, dPitch: number): void {
  patch({ orbit: turnOrbit(reconStore.getState().orbit ?? startOrbit(pivotDepth()), dYaw, dPitch) });
}

/** Moves the live view's camera nearer (factor < 1) or farther from the pivot (wheel, + and -). */
export function zoomRaycastView(factor: number): void {
  patch({ orbit: zoomOrbit(reconStore.getState().orbit ?? startOrbit(pivotDepth()), factor) });
}

/** Back to the followed camera's own view (double-click, Home, the Follow button). */
export function followCamera(): void {
  if (reconStore.getState().orbit) patch({ orbit: null });
}

function pivotDepth(): number {
  const s = store.getState();
  const median = s.analysis?.stats.median;
  if (median === undefined || !Number.isFinite(median) || median <= 0) return 1;
  return Math.min(s.recon.depthMaxM, Math.max(s.recon.depthMinM, median));
}

/** Marching cubes now, over what is fused so far. */
export function requestMesh(): void {
  const r = reconStore.getState();
  if (r.framesIntegrated > 0) patch({ meshRequest: r.meshRequest + 1 });
}

/** The engine's seam for a tracker (recon-track): while none is installed, only the dataset's poses are offered. */
export function setTrackerAvailable(available: boolean): void {
  patch({ trackerAvailable: available });
}
