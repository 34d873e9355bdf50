/**
 * The live camera panel: model and camera settings, Start / Pause / Stop, the
 * model's download in bytes, the camera's picture, the rates (camera fps,
 * depth fps, latency, dropped frames) and what went wrong, with a retry.
 */
import { useShallow } from 'zustand/react/shallow';
import { useEffect, useRef } from 'react';
import { CAMERA_HEIGHTS } from '../live/camera';
import { depthOfPhoto, liveVideo, pauseLive, resumeLive, startLive, stopLive } from '../state/live-actions';
import { setLive, useLive, type LiveState } from '../state/live-store';
import { FileButton } from './FileButton';
import { Options } from './Options';

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const fixed = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '–' : v.toFixed(digits));

/** Adopts the session's <video> (made by live-actions.ts) while the session lasts. */
function CameraPicture({ phase }: { phase: LiveState['phase'] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const video = liveVideo();
    if (video && box.current && video.parentElement !== box.current) box.current.appendChild(video);
  }, [phase]);
  return <div className="live-picture" ref={box} />;
}

function Settings({ disabled }: { disabled: boolean }) {
  const { model, cameras, deviceId, height } = useLive(useShallow((s) => ({ model: s.model, cameras: s.cameras, deviceId: s.deviceId, height: s.height })));
  return (
    <div className="live-settings">
      <label>
        Model{' '}
        <input
          type="text"
          data-testid="live-model"
          value={model}
          disabled={disabled}
          title="A Hugging Face id (downloaded once, then cached) or a model folder served by this site, e.g. /models/tiny-depth-anything/"
          onChange={(e) => setLive({ model: e.target.value })}
        />
      </label>
      <label>
        Camera{' '}
        <select data-testid="live-camera" value={deviceId ?? ''} disabled={disabled} onChange={(e) => setLive({ deviceId: e.target.value || null })}>
          <option value="">default</option>
          <Options items={cameras} value={(c) => c.deviceId} label={(c) => c.label} />
        </select>
      </label>
      <label>
        Resolution{' '}
        <select data-testid="live-height" value={height} disabled={disabled} onChange={(e) => setLive({ height: Number(e.target.value) })}>
          {CAMERA_HEIGHTS.map((h) => (
            <option key={h} value={h}>
              {h}p
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function Rates() {
  const stats = useLive((s) => s.stats);
  const timings = useLive((s) => s.timings);
  if (!stats) return null;
  return (
    <dl
      className="live-stats"
      data-testid="live-stats"
      data-camera-fps={stats.cameraFps}
      data-depth-fps={stats.depthFps}
      data-latency-ms={stats.latencyMs ?? ''}
      data-depth-frames={stats.depthFrames}
      data-dropped={stats.dropped}
      data-readback-bytes={timings?.readbackBytes ?? ''}
    >
      <dt>camera</dt>
      <dd>{fixed(stats.cameraFps)} fps</dd>
      <dt>depth</dt>
      <dd>{fixed(stats.depthFps)} fps</dd>
      <dt>latency</dt>
      <dd>{fixed(stats.latencyMs, 0)} ms</dd>
      <dt>dropped</dt>
      <dd>
        {stats.dropped} of {stats.cameraFrames}
      </dd>
      {timings && (
        <>
          <dt>per frame</dt>
          <dd title="capture, preprocessing, inference, analysis and hand-over to the renderer">
            {fixed(timings.captureMs)} + {fixed(timings.preprocessMs)} + {fixed(timings.inferenceMs)} + {fixed(timings.showMs)} ms
          </dd>
        </>
      )}
    </dl>
  );
}

export function LivePanel() {
  const { open, phase, progress, info, error } = useLive(useShallow((s) => ({ open: s.open, phase: s.phase, progress: s.progress, info: s.info, error: s.error })));
  if (!open && phase === 'off') return null;
  return (
    <section className="panel live" aria-label="Live camera" data-testid="live-panel" data-phase={phase}>
      <h2>Live depth from the camera</h2>
      <Settings disabled={phase !== 'off'} />
      <div className="live-buttons">
        {phase === 'off' && (
          <button type="button" data-testid="live-start" onClick={() => void startLive()}>
            Start
          </button>
        )}
        {phase === 'running' && (
          <button type="button" data-testid="live-pause" onClick={pauseLive}>
            Pause
          </button>
        )}
        {phase === 'paused' && (
          <button type="button" data-testid="live-resume" onClick={resumeLive}>
            Resume
          </button>
        )}
        {phase === 'off' && (
          <FileButton testId="live-photo" accept="image/*" title="The depth of one ordinary photo (JPEG, PNG, WebP) by the same model" onFiles={([file]) => void depthOfPhoto(file)}>
            Depth of a photo…
          </FileButton>
        )}
        {(phase === 'starting' || phase === 'running' || phase === 'paused') && (
          <button type="button" data-testid="live-stop" onClick={stopLive}>
            Stop
          </button>
        )}
      </div>
      {(phase === 'starting' || phase === 'photo') && (
        <div role="status" data-testid="live-loading">
          {progress ? (
            <>
              Loading the model: {mb(progress.loadedBytes)} of {mb(progress.totalBytes)} MB{' '}
              <progress max={progress.totalBytes || 1} value={progress.loadedBytes} />
            </>
          ) : (
            phase === 'photo' ? 'Loading the model…' : 'Opening the camera and the model…'
          )}
        </div>
      )}
      {info && phase !== 'off' && (
        <p className="hint" data-testid="live-model-info" data-device={info.device} data-path={info.appDevice ? 'app-device' : 'worker'} data-kind={info.kind}>
          {info.appDevice ? 'WebGPU on the app’s device' : info.device === 'webgpu' ? 'WebGPU' : 'WebAssembly (CPU)'}, {info.dtype}; {info.kind === 'metric' ? 'metres' : 'relative inverse depth: calibrate below to get metres'}
        </p>
      )}
      {info?.notice && phase !== 'off' && (
        <p className="notice" data-testid="live-notice">
          {info.notice}
        </p>
      )}
      {phase !== 'off' && phase !== 'photo' && <CameraPicture phase={phase} />}
      <Rates />
      {error && (
        <div className="error" role="alert" data-testid="live-error">
          <span>{error.message}</span>{' '}
          {error.retry && (
            <button type="button" data-testid="live-retry" onClick={() => void startLive()}>
              Retry
            </button>
          )}
        </div>
      )}
    </section>
  );
}
