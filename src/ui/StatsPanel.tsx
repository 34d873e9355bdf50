/** Size, valid fraction and depth statistics of the open image. */
import { isMetric } from '../core/units';
import { useAppState } from '../state/store';
import { Panel } from './Panel';

function fmt(v: number, metric: boolean): string {
  if (!Number.isFinite(v)) return '—';
  return metric ? `${v.toFixed(4)} m` : v.toPrecision(5);
}

export function StatsPanel() {
  const source = useAppState((s) => s.source);
  const stats = useAppState((s) => s.analysis?.stats);
  const metric = useAppState((s) => isMetric(s.units));
  if (!source || !stats) return <Panel label="Statistics" testId="stats" />;
  const { raw } = source;
  const attr = (v: number) => (Number.isFinite(v) ? String(v) : '');
  return (
    <Panel
      label="Statistics"
      testId="stats"
      data={{
        width: stats.width,
        height: stats.height,
        'valid-fraction': stats.validFraction,
        'min-m': metric ? attr(stats.min) : '',
        'max-m': metric ? attr(stats.max) : '',
        'mean-m': metric ? attr(stats.mean) : '',
        'median-m': metric ? attr(stats.median) : '',
      }}
    >
      <h2>{source.name}</h2>
      <dl>
        <dt>size</dt>
        <dd>
          {stats.width} × {stats.height} · {raw.format.toUpperCase()} {raw.sampleType}
          {raw.pageCount > 1 ? ` · page ${raw.page + 1}/${raw.pageCount}` : ''}
        </dd>
        <dt>valid</dt>
        <dd>
          {(stats.validFraction * 100).toFixed(2)}% ({stats.validCount} px)
        </dd>
        <dt>min</dt>
        <dd>{fmt(stats.min, metric)}</dd>
        <dt>max</dt>
        <dd>{fmt(stats.max, metric)}</dd>
        <dt>mean</dt>
        <dd>{fmt(stats.mean, metric)}</dd>
        <dt>median</dt>
        <dd>{fmt(stats.median, metric)}</dd>
      </dl>
      {raw.notes.length > 0 && (
        <ul className="notes">
          {raw.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
