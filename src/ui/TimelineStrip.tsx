/** The bottom strip: the timeline of a recording or a sequence of files when one is open, a hint otherwise. */
import { useAppState } from '../state/store';
import { useRecording } from '../state/recording-store';
import { SequenceControls } from './SequenceControls';
import { RecordingOpening, RecordingTimeline } from './RecordingTimeline';

export function TimelineStrip() {
  const hasSequence = useAppState((s) => s.sequence !== null);
  const hasRecording = useRecording((s) => s.summary !== null);
  const opening = useRecording((s) => s.opening !== null);
  return (
    <footer className="timeline-strip" aria-label="Sequence timeline">
      {opening ? (
        <RecordingOpening />
      ) : hasRecording ? (
        <RecordingTimeline />
      ) : hasSequence ? (
        <SequenceControls />
      ) : (
        <span className="hint">Open a recording (.bag, .mcap), a dataset folder or several depth files to play them here.</span>
      )}
    </footer>
  );
}
