/**
 * The evaluation's numbers: every metric in full double precision in a data-*
 * attribute (for scripts and tests), rounded in the text, with the alignment
 * that was fitted and how many pixels were evaluated. The attributes describe
 * the evaluation that produced them (data-method, data-crop, data-backend), so
 * a reader can tell a result from a stale one.
 */
import { SILOG_VARIANT, type DepthMetrics } from '../core/depth-metrics';
import { EVAL_CROPS } from '../core/eval-crops';
import { useCompareState } from '../state/compare-store';
import { useAppState } from '../state/store';

const ROWS: { key: keyof DepthMetrics; label: string; attr: string; title?: string }[] = [
  { key: 'absRel', label: 'AbsRel', attr: 'data-absrel' },
  { key: 'sqRel', label: 'SqRel', attr: 'data-sqrel' },
  { key: 'rmse', label: 'RMSE (m)', attr: 'data-rmse' },
  { key: 'rmseLog', label: 'RMSE log', attr: 'data-rmse-log' },
  { key: 'log10', label: 'log10', attr: 'data-log10' },
  { key: 'silog', label: 'SILog', attr: 'data-silog', title: SILOG_VARIANT },
  { key: 'delta1', label: 'δ < 1.25', attr: 'data-delta1' },
  { key: 'delta2', label: 'δ < 1.25²', attr: 'data-delta2' },
  { key: 'delta3', label: 'δ < 1.25³', attr: 'data-delta3' },
];

const rounded = (v: number) => (Number.isFinite(v) ? v.toPrecision(4) : '—');

export function CompareMetrics() {
  const result = useCompareState((s) => s.result);
  const hasReference = useCompareState((s) => s.reference !== null);
  // The map evaluated is the heatmap's filter output: the 3-D views do not publish one.
  const hasMap = useAppState((s) => s.filtered !== null);
  if (!result) {
    const text = !hasReference ? 'Open a reference to see the metrics.' : hasMap ? 'Evaluating…' : 'The metrics are computed in the heatmap view.';
    return (
      <div data-testid="metrics" data-state={hasReference ? 'pending' : 'none'} className="compare-metrics">
        {text}
      </div>
    );
  }
  const { metrics: m, alignment: a, settings } = result;
  const attrs: Record<string, string | number> = {};
  for (const row of ROWS) attrs[row.attr] = String(m[row.key]);
  return (
    <div
      data-testid="metrics"
      data-state="ready"
      className="compare-metrics"
      {...attrs}
      data-count={m.count}
      data-scale={String(a.scale)}
      data-shift={String(a.shift)}
      data-method={a.method}
      data-prediction={a.prediction}
      data-crop={settings.crop ?? 'none'}
      data-cap={settings.cap ? `${settings.cap.min},${settings.cap.max}` : ''}
      data-backend={result.backend}
      data-width={result.width}
      data-height={result.height}
      data-reference-frame={result.referenceFrame ?? ''}
    >
      <dl>
        {ROWS.map((row) => (
          <div key={row.key} className="metric" title={row.title}>
            <dt>{row.label}</dt>
            <dd>{rounded(m[row.key])}</dd>
          </div>
        ))}
        <div className="metric">
          <dt>pixels</dt>
          <dd>{m.count}</dd>
        </div>
      </dl>
      <p className="compare-alignment" data-testid="alignment-values">
        {a.method === 'none'
          ? 'No alignment: the map is scored as metric depth.'
          : a.space === 'inverse'
            ? `Fitted in inverse depth: 1/z = ${rounded(a.scale)} · q + ${rounded(a.shift)}`
            : `Fitted scale: z = ${rounded(a.scale)} · d`}
        {settings.crop ? ` · ${EVAL_CROPS[settings.crop].label}` : ''}
        {settings.cap ? ` · cap ${settings.cap.min}–${settings.cap.max} m` : ''}
        {` · ${result.backend === 'webgpu' ? 'GPU' : 'CPU'} (${result.width}×${result.height})`}
      </p>
    </div>
  );
}
