/** The hover readout and the pinned probes, both reading exact stored samples. */
import { isMetric } from '../core/units';
import { formatDepth, formatRaw, pixelValue, type PixelValue } from '../state/pixel-values';
import { removeProbe, useAppState, type DepthscopeState, type PixelRef } from '../state/store';
import { useFilteredValue } from './use-filtered-value';
import { Panel } from './Panel';

/** "filtered 1.0013 m" next to the raw depth, once a chain is on and its value has arrived. */
function filteredText(filtered: number | null | undefined, metric: boolean): string {
  if (filtered === undefined) return '';
  return ` · filtered ${formatDepth(filtered, metric)}`;
}

function useValue(p: PixelRef | null): { value: PixelValue | null; metric: boolean } {
  const raw = useAppState((s) => s.source?.raw ?? null);
  const units = useAppState((s) => s.units);
  return { value: raw && p ? pixelValue(raw, units, p.x, p.y) : null, metric: isMetric(units) };
}

export function Readout() {
  const hover = useAppState((s: DepthscopeState) => s.hover);
  const { value, metric } = useValue(hover);
  const filtered = useFilteredValue(hover);
  return (
    <div className="readout" data-testid="readout" aria-live="off">
      {value
        ? `x ${value.x}, y ${value.y} · raw ${formatRaw(value.raw)} · ${formatDepth(value.depth, metric)}${filteredText(filtered, metric)}`
        : 'Hover the image to read depth; click to pin a probe.'}
    </div>
  );
}

function ProbeRow({ probe, index }: { probe: PixelRef; index: number }) {
  const { value, metric } = useValue(probe);
  const filtered = useFilteredValue(probe);
  if (!value) return null;
  return (
    <li
      data-testid="probe"
      data-x={value.x}
      data-y={value.y}
      data-raw={formatRaw(value.raw)}
      data-depth-m={metric && value.depth !== null ? String(value.depth) : ''}
      data-filtered={filtered === undefined ? undefined : filtered === null ? '' : String(filtered)}
    >
      <span>
        ({value.x}, {value.y}) raw {formatRaw(value.raw)} → {formatDepth(value.depth, metric)}
        {filteredText(filtered, metric)}
      </span>
      <button type="button" aria-label={`Remove probe at ${value.x}, ${value.y}`} onClick={() => removeProbe(index)}>
        ×
      </button>
    </li>
  );
}

export function ProbeList() {
  const probes = useAppState((s) => s.probes);
  return (
    <Panel label="Probes">
      <h2>Probes</h2>
      {probes.length === 0 ? (
        <p className="hint">Click the image to pin a probe.</p>
      ) : (
        <ol className="probes">
          {probes.map((p, i) => (
            <ProbeRow key={`${p.x},${p.y}`} probe={p} index={i} />
          ))}
        </ol>
      )}
    </Panel>
  );
}
