/**
 * The comparison's key numbers over the view's corner, as soon as they exist, so they are
 * seen without scrolling the side column; the full table (data-testid="metrics") stays in Compare.
 */
import { useCompareState } from '../state/compare-store';

const rounded = (v: number) => (Number.isFinite(v) ? v.toPrecision(3) : '—');

export function MetricsOverlay() {
  const result = useCompareState((s) => s.result);
  if (!result) return null;
  const m = result.metrics;
  return (
    <dl className="metrics-overlay" data-testid="metrics-overlay" aria-label="Comparison metrics">
      <div>
        <dt>AbsRel</dt>
        <dd>{rounded(m.absRel)}</dd>
      </div>
      <div>
        <dt>RMSE</dt>
        <dd>{rounded(m.rmse)} m</dd>
      </div>
      <div>
        <dt>δ1</dt>
        <dd>{rounded(m.delta1)}</dd>
      </div>
    </dl>
  );
}
