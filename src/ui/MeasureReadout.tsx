/**
 * The 3-D measurement's readout, over the top-left corner of the view. It sits
 * there rather than in the toolbar so that switching Measure on never re-wraps
 * the toolbar and moves the canvas under the pointer that is about to click.
 */
import { distance } from '../render/cloud-picking';
import { useAppState } from '../state/store';

export function MeasureReadout() {
  const measuring = useAppState((s) => s.measuring);
  const points = useAppState((s) => s.measurePoints);
  if (!measuring) return null;
  const d = points.length === 2 ? distance(points[0], points[1]) : null;
  return (
    <span className="view-overlay" data-testid="measure" data-distance-m={d === null ? '' : String(d)} aria-live="polite">
      {d === null ? `click ${2 - points.length} surface point${points.length === 1 ? '' : 's'}` : `distance ${d.toFixed(4)} m`}
    </span>
  );
}
