/** The toolbar's "Live" switch: shows or hides the live camera panel. */
import { liveStore, setLive, useLive } from '../state/live-store';

export function LiveButton() {
  const open = useLive((s) => s.open);
  const phase = useLive((s) => s.phase);
  return (
    <button
      type="button"
      data-testid="live-toggle"
      aria-pressed={open}
      title="Depth from the webcam, by a monocular depth model in the browser"
      // The panel stays while a session runs: its Stop is the way out.
      onClick={() => setLive({ open: !liveStore.getState().open || phase !== 'off' })}
    >
      Live{phase === 'running' ? ' ●' : ''}
    </button>
  );
}
