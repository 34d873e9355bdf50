/**
 * The timeline of an open recording, in the bottom strip: what it is (the
 * layout recognised), step, play at the recorded rate or as fast as frames
 * decode, loop, the scrubber, the time and frame index, and the topics when
 * the file has several. `[data-testid="recording"]` carries the recording's
 * contract for tests and tools (data-kind, data-frames, data-frame, ...).
 */
import { RECORDING_KIND_NAMES, type RecordingStream, type RecordingSummary } from '../core/recording';
import { chooseStreams, closeRecording, pause, play, setAlignToColour, setLoop, setPlaybackRate, showRecordingFrame, stepRecording } from '../state/recording-actions';
import { useRecording } from '../state/recording-store';
import { registrationFor } from '../state/depth-registration';
import { useAppState } from '../state/store';
import { TransportButtons } from './TransportButtons';

function StreamChooser({ summary, role }: { summary: RecordingSummary; role: RecordingStream['role'] }) {
  const streams = summary.streams.filter((s) => s.role === role);
  if (streams.length < 2) return null;
  const chosen = role === 'depth' ? summary.depthStream : summary.colourStream;
  return (
    <select
      aria-label={role === 'depth' ? 'Depth topic' : 'Colour topic'}
      data-testid={`recording-${role}-topic`}
      value={chosen ?? ''}
      onChange={(e) => void chooseStreams(role === 'depth' ? { depthStream: e.target.value } : { colourStream: e.target.value })}
    >
      {streams.map((s) => (
        <option key={s.id} value={s.id}>
          {s.id} ({s.encoding}, {s.width}×{s.height}, {s.frames} frames)
        </option>
      ))}
    </select>
  );
}

/**
 * "Align depth to colour", offered when the depth and colour streams are
 * different cameras with recorded extrinsics. The engine registers on the GPU,
 * so the CPU heatmap (WebGL) cannot: the control then says so.
 */
function AlignToColour({ summary, on }: { summary: RecordingSummary; on: boolean }) {
  const cpu = useAppState((s) => s.backend === 'webgl');
  if (!registrationFor(summary)) return null;
  return (
    <label title={cpu ? 'Needs WebGPU: the registration runs on the GPU' : 'Register each depth frame to the colour camera (its intrinsics, lens and the extrinsics between them), as librealsense’s align block does'}>
      <input type="checkbox" data-testid="recording-align" checked={on && !cpu} disabled={cpu} onChange={(e) => setAlignToColour(e.target.checked)} /> Align depth to colour
    </label>
  );
}

export function RecordingTimeline() {
  const r = useRecording((s) => s);
  const summary = r.summary;
  if (!summary) return null;
  const count = summary.frames.length;
  const frame = summary.frames[r.index];
  const poses = summary.frames.reduce((n, f) => n + (f.pose ? 1 : 0), 0);
  const duration = summary.frames[count - 1]?.timeS ?? 0;
  return (
    <div
      className="sequence recording"
      data-testid="recording"
      data-kind={summary.kind}
      data-frames={count}
      data-frame={r.index}
      data-time-s={frame?.timeS.toFixed(6)}
      data-depth-unit-m={summary.depthUnitM}
      data-poses={poses}
      data-playing={r.playing}
      data-ground-truth={summary.hasReference}
      aria-label={`${RECORDING_KIND_NAMES[summary.kind]} timeline`}
    >
      <span className="recording-kind" title={summary.notes.join(' ')}>
        {RECORDING_KIND_NAMES[summary.kind]}
        {summary.hasReference ? ' · with ground truth' : ''}
      </span>
      <TransportButtons playing={r.playing} step={(by) => void stepRecording(by)} play={play} pause={pause} />
      <input
        type="range"
        aria-label="Frame"
        data-testid="recording-scrub"
        min={0}
        max={Math.max(0, count - 1)}
        value={r.index}
        onChange={(e) => {
          pause();
          void showRecordingFrame(Number(e.target.value));
        }}
      />
      <span className="sequence-position" data-testid="recording-position">
        {(frame?.timeS ?? 0).toFixed(3)} s / {duration.toFixed(3)} s · frame {r.index + 1} / {count}
      </span>
      <label title="At the recorded rate, or each frame as soon as it is decoded">
        <select aria-label="Playback rate" value={r.rate} onChange={(e) => setPlaybackRate(e.target.value as 'recorded' | 'fast')}>
          <option value="recorded">recorded rate</option>
          <option value="fast">as fast as decoded</option>
        </select>
      </label>
      <label>
        <input type="checkbox" checked={r.loop} onChange={(e) => setLoop(e.target.checked)} /> loop
      </label>
      <AlignToColour summary={summary} on={r.alignToColour} />
      <StreamChooser summary={summary} role="depth" />
      <StreamChooser summary={summary} role="colour" />
      <button type="button" aria-label="Close the recording" title="Close the recording (the frame on screen stays)" onClick={closeRecording}>
        ✕
      </button>
    </div>
  );
}

/** While a recording is being indexed: its name and progress. */
export function RecordingOpening() {
  const opening = useRecording((s) => s.opening);
  if (!opening) return null;
  const pct = opening.fraction === null ? '' : ` ${Math.round(opening.fraction * 100)} %`;
  return (
    <span className="hint" role="status" data-testid="recording-opening">
      Opening “{opening.name}”: {opening.stage}
      {pct}…
    </span>
  );
}
