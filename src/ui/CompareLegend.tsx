/** The legend of the error views: what the colours mean, and the scale the user can set. */
import { colormapTable, divergingTable } from '../core/colormap-tables';
import { DEFAULT_ABS_REL_MAX, setCompare, signedErrorHalfRange, useCompareState } from '../state/compare-store';
import { DELTA_BAND_COLOURS } from '../render/compare-colours';
import { formatTick } from './legend-ticks';
import { NumberField } from './NumberField';

const rgb = (c: ArrayLike<number>) => `rgb(${c[0]},${c[1]},${c[2]})`;

function gradient(table: Uint8Array): string {
  const stops = [0, 64, 128, 191, 255].map((i) => `${rgb(table.subarray(i * 3, i * 3 + 3))} ${((i / 255) * 100).toFixed(1)}%`);
  return `linear-gradient(to right, ${stops.join(',')})`;
}

function SignedLegend() {
  const r = useCompareState((s) => signedErrorHalfRange(s));
  return (
    <div className="legend" data-testid="compare-legend" data-view="error-signed" data-lo={-r} data-hi={r}>
      <div className="colorbar" style={{ background: gradient(divergingTable()) }} />
      <div className="ticks">
        <span style={{ left: '0%' }}>{formatTick(-r)}</span>
        <span style={{ left: '50%' }}>0</span>
        <span style={{ left: '100%' }}>{formatTick(r)}</span>
      </div>
      <div className="legend-caption">map − reference, metres, after alignment (blue: the map is nearer; red: farther)</div>
      <NumberField label="scale ± (m)" testId="signed-range" value={Number(r.toPrecision(6))} min={1e-9} max={1000} onCommit={(v) => setCompare({ signedRangeM: v })} />
    </div>
  );
}

function AbsRelLegend() {
  const hi = useCompareState((s) => s.absRelMax ?? DEFAULT_ABS_REL_MAX);
  return (
    <div className="legend" data-testid="compare-legend" data-view="error-abs-rel" data-lo={0} data-hi={hi}>
      <div className="colorbar" style={{ background: gradient(colormapTable('magma')) }} />
      <div className="ticks">
        <span style={{ left: '0%' }}>0</span>
        <span style={{ left: '100%' }}>{formatTick(hi)}</span>
      </div>
      <div className="legend-caption">|map − reference| / reference, after alignment</div>
      <NumberField label="up to" testId="abs-rel-max" value={hi} min={1e-9} max={1000} onCommit={(v) => setCompare({ absRelMax: v })} />
    </div>
  );
}

const DELTA_LABELS = ['δ < 1.25', '1.25 ≤ δ < 1.25²', '1.25² ≤ δ < 1.25³', 'δ ≥ 1.25³'];

function DeltaLegend() {
  return (
    <div className="legend" data-testid="compare-legend" data-view="error-delta">
      <ul className="delta-bands">
        {DELTA_LABELS.map((label, k) => (
          <li key={label}>
            <span className="swatch" style={{ background: rgb(DELTA_BAND_COLOURS[k]) }} /> {label}
          </li>
        ))}
      </ul>
      <div className="legend-caption">δ = max(map / reference, reference / map), after alignment</div>
    </div>
  );
}

export function CompareLegend() {
  const view = useCompareState((s) => (s.reference ? s.view : 'off'));
  if (view === 'error-signed') return <SignedLegend />;
  if (view === 'error-abs-rel') return <AbsRelLegend />;
  if (view === 'error-delta') return <DeltaLegend />;
  return null;
}
