/**
 * Reconstruction (issue 16): fuse the open recording's frames into one TSDF
 * volume on the GPU and extract its mesh. Settings with their units, the pose
 * source (the dataset's poses; tracking once a tracker is installed), start,
 * pause, reset, progress, memory against the budget, and the exports.
 * Contract: [data-testid="recon"] carries data-state (idle, running, done,
 * lost), data-frames-integrated, data-voxel-m, data-blocks, and also
 * data-frames, data-triangles (the last mesh) and data-paused; the live view's
 * control is [data-testid="recon-raycast"] (off, shaded, coloured).
 */
import { formatBytes } from '../core/tsdf';
import { followCamera, pauseRecon, requestMesh, resetRecon, setRaycastView, setReconSettings, startRecon } from '../state/recon-actions';
import { exportFusedMesh, exportTrajectory } from '../state/recon-export';
import { useRecon, type PoseSource, type RaycastView } from '../state/recon-store';
import { RaycastViewCanvas } from '../render/RaycastViewCanvas';
import { useRecording } from '../state/recording-store';
import { useAppState } from '../state/store';
import { ExportAxes } from './ExportPanel';
import { NumberField } from './NumberField';

function Settings({ locked }: { locked: boolean }) {
  const r = useAppState((s) => s.recon);
  const trackerAvailable = useRecon((s) => s.trackerAvailable);
  const sources: [PoseSource, string][] = [['dataset', 'dataset poses'], ...(trackerAvailable ? [['track', 'tracking (ICP)'] as [PoseSource, string]] : [])];
  return (
    <fieldset className="group" disabled={locked} aria-label="Reconstruction settings">
      <NumberField label="voxel (m)" testId="recon-voxel" value={r.voxelM} min={0.001} max={1} onCommit={(voxelM) => setReconSettings({ voxelM })} />
      <NumberField label="truncation (m)" testId="recon-truncation" value={r.truncationM} min={0.001} max={64} onCommit={(truncationM) => setReconSettings({ truncationM })} />
      <NumberField label="depth from (m)" testId="recon-depth-min" value={r.depthMinM} min={0} max={1000} onCommit={(depthMinM) => setReconSettings({ depthMinM })} />
      <NumberField label="to (m)" testId="recon-depth-max" value={r.depthMaxM} min={0.01} max={1000} onCommit={(depthMaxM) => setReconSettings({ depthMaxM })} />
      <NumberField label="weight cap (frames)" testId="recon-weight-cap" value={r.weightCap} min={1} max={65535} onCommit={(weightCap) => setReconSettings({ weightCap: Math.round(weightCap) })} />
      <NumberField label="memory budget (MiB)" testId="recon-budget" value={r.budgetMiB} min={1} max={10240} onCommit={(budgetMiB) => setReconSettings({ budgetMiB })} />
      <label>
        poses from{' '}
        <select data-testid="recon-pose-source" value={r.poseSource} onChange={(e) => setReconSettings({ poseSource: e.target.value as PoseSource })}>
          {sources.map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
          {/* A link may ask for tracking before this build has it: shown as asked, and Start says why not. */}
          {!trackerAvailable && r.poseSource === 'track' && <option value="track">tracking (not available)</option>}
        </select>
      </label>
    </fieldset>
  );
}

function Progress() {
  const r = useRecon((s) => s);
  const frames = useRecording((s) => s.summary?.frames.length ?? 0);
  const memory = r.budgetBytes ? `${formatBytes(r.bytes)} of ${formatBytes(r.budgetBytes)}` : formatBytes(r.bytes);
  return (
    <dl className="stats" aria-label="Reconstruction progress">
      <dt>frames</dt>
      <dd data-testid="recon-frames">
        {r.framesIntegrated} integrated of {frames}
        {r.framesSkipped > 0 ? `, ${r.framesSkipped} skipped` : ''}
      </dd>
      <dt>rate</dt>
      <dd>{r.rate === null ? '–' : `${r.rate.toFixed(1)} frames/s`}</dd>
      <dt>memory</dt>
      <dd data-testid="recon-memory">
        {r.blocks} blocks, {memory}
      </dd>
      <dt>mesh</dt>
      <dd>{r.extracting ? 'extracting…' : r.mesh ? `${r.mesh.triangles} triangles (after ${r.mesh.frames} frames)` : '–'}</dd>
      {r.tracking !== null && (
        <>
          <dt>tracking</dt>
          <dd data-testid="recon-tracking">{r.tracking}</dd>
        </>
      )}
    </dl>
  );
}

const RAYCAST_VIEWS: [RaycastView, string][] = [
  ['off', 'off'],
  ['shaded', 'shaded (headlight)'],
  ['coloured', 'coloured'],
];

/** The volume ray-cast from the last integrated frame's camera (or orbited about a point ahead of it), drawn on the GPU each frame. */
function LiveView() {
  const mode = useRecon((s) => s.raycastView);
  const started = useRecon((s) => s.framesIntegrated > 0);
  const orbiting = useRecon((s) => s.orbit !== null);
  return (
    <div className="group" role="group" aria-label="Live ray-cast view">
      <label>
        live view{' '}
        <select data-testid="recon-raycast" aria-label="Live ray-cast view of the volume" value={mode} onChange={(e) => setRaycastView(e.target.value as RaycastView)}>
          {RAYCAST_VIEWS.map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {mode !== 'off' && started && orbiting && (
        <button type="button" data-testid="recon-raycast-follow" title="Back to the last integrated frame's camera (double-click or Home on the view)" onClick={followCamera}>
          Follow camera
        </button>
      )}
      <RaycastViewCanvas label={`The volume ray-cast ${orbiting ? "orbiting a point ahead of the last integrated frame's camera" : "from the last integrated frame's camera"}, ${mode}`} />
      {mode !== 'off' && !started && <p className="hint">The volume appears here once a frame is integrated.</p>}
    </div>
  );
}

export function ReconstructPanel() {
  const r = useRecon((s) => s);
  const voxel = useAppState((s) => s.recon.voxelM);
  const frames = useRecording((s) => s.summary?.frames.length ?? 0);
  const running = r.phase === 'running';
  const contract = {
    'data-testid': 'recon',
    'data-state': r.phase,
    'data-paused': r.paused,
    'data-frames-integrated': r.framesIntegrated,
    'data-frames': frames,
    'data-voxel-m': voxel,
    'data-blocks': r.blocks,
    'data-triangles': r.mesh?.triangles ?? 0,
  };
  return (
    <section className="panel" aria-label="Reconstruct" {...contract}>
      <h2>Reconstruct (TSDF fusion)</h2>
      <Settings locked={running} />
      <div className="group">
        <button type="button" data-testid="recon-start" aria-label={r.paused ? 'Continue the reconstruction' : 'Start the reconstruction'} disabled={running} onClick={() => startRecon()}>
          {r.paused ? 'Continue' : 'Start'}
        </button>
        <button type="button" data-testid="recon-pause" aria-label="Pause the reconstruction" disabled={!running} onClick={pauseRecon}>
          Pause
        </button>
        <button type="button" data-testid="recon-reset" aria-label="Reset the reconstruction" disabled={running} onClick={resetRecon}>
          Reset
        </button>
        <button type="button" data-testid="recon-mesh" disabled={r.framesIntegrated === 0 || r.extracting} onClick={requestMesh} title="Marching cubes over what is fused so far">
          Mesh now
        </button>
      </div>
      <Progress />
      <LiveView />
      {r.notice && (
        <p className="hint" role="status" data-testid="recon-notice">
          {r.notice}
        </p>
      )}
      {r.error && (
        <p className="error" role="alert" data-testid="recon-error">
          {r.error}
        </p>
      )}
      <div className="group" role="group" aria-label="Reconstruction exports">
        <ExportAxes />
        <button type="button" data-testid="export-mesh-ply" disabled={!r.mesh} onClick={() => exportFusedMesh('ply')} title="Fused mesh as binary PLY: vertices, faces, normals, colours">
          Fused mesh PLY
        </button>
        <button type="button" data-testid="export-mesh-glb" disabled={!r.mesh} onClick={() => exportFusedMesh('glb')} title="Fused mesh as glTF binary (.glb)">
          Fused mesh glTF
        </button>
        <button type="button" data-testid="export-trajectory" disabled={r.trajectory.length === 0} onClick={exportTrajectory} title="Camera poses of the integrated frames, TUM format: timestamp tx ty tz qx qy qz qw">
          Trajectory (TUM)
        </button>
      </div>
    </section>
  );
}
