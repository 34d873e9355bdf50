/** The bottom strip, kept for the timeline of a sequence: its controls when one plays, a hint otherwise. */
import { useAppState } from '../state/store';
import { SequenceControls } from './SequenceControls';

export function TimelineStrip() {
  const hasSequence = useAppState((s) => s.sequence !== null);
  return (
    <footer className="timeline-strip" aria-label="Sequence timeline">
      {hasSequence ? <SequenceControls /> : <span className="hint">Open or drop several depth files to play them here as a sequence.</span>}
    </footer>
  );
}
