/** Play, pause and step through a sequence of depth files, with its frame rate. */
import { MAX_FPS, pause, play, setFps, showFrame, stepFrame } from '../state/sequence-actions';
import { useAppState } from '../state/store';
import { NumberField } from './NumberField';
import { TransportButtons } from './TransportButtons';

export function SequenceControls() {
  const seq = useAppState((s) => s.sequence);
  if (!seq) return null;
  const count = seq.files.length;
  return (
    <div className="sequence" data-testid="sequence" data-index={seq.index} data-count={count} data-playing={seq.playing}>
      <TransportButtons playing={seq.playing} step={(by) => void stepFrame(by)} play={play} pause={pause} />
      <input
        type="range"
        aria-label="Frame"
        min={0}
        max={count - 1}
        value={seq.index}
        onChange={(e) => {
          pause();
          void showFrame(Number(e.target.value));
        }}
      />
      <span className="sequence-position">
        frame {seq.index + 1} / {count} · {seq.files[seq.index]?.name}
      </span>
      <NumberField label="fps" testId="fps" value={seq.fps} min={0.1} max={MAX_FPS} onCommit={setFps} />
    </div>
  );
}
