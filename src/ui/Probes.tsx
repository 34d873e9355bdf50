/** The hover readout and the pinned probes, both reading exact stored samples. */
import { isMetric } from '../core/units';
import { formatDepth, formatRaw, pixelValue, type PixelValue } from '../state/pixel-values';
import { activeRegistration, imageSize, removeProbe, useAppState, type DepthscopeState, type PixelRef } from '../state/store';
import { useFilteredValue, useRegisteredValue } from './use-filtered-value';
import { Panel } from './Panel';

/** "filtered 1.0013 m" next to the raw depth, once a chain is on and its value has arrived. */
function filteredText(filtered: number | null | undefined, metric: boolean): string {
  if (filtered === undefined) return '';
  return ` · filtered ${formatDepth(filtered, metric)}`;
}

/**
 * What the image holds at `p`: the stored sample and its depth, or, while depth
 * is registered to colour, the registered depth (read from the GPU; no stored
 * sample sits at a colour pixel, so `raw` is null).
 */
function useValue(p: PixelRef | null): { value: ShownValue | null; metric: boolean } {
  const raw = useAppState((s) => s.source?.raw ?? null);
  const units = useAppState((s) => s.units);
  const registered = useAppState((s) => activeRegistration(s) !== null);
  const width = useAppState((s) => imageSize(s)?.width ?? 0);
  const height = useAppState((s) => imageSize(s)?.height ?? 0);
  const aligned = useRegisteredValue(p, registered);
  const metric = isMetric(units);
  if (!registered) return { value: raw && p ? pixelValue(raw, units, p.x, p.y) : null, metric };
  if (!p || p.x < 0 || p.y < 0 || p.x >= width || p.y >= height || aligned === undefined) return { value: null, metric };
  return { value: { x: p.x, y: p.y, raw: null, depth: aligned }, metric };
}

type ShownValue = Omit<PixelValue, 'raw'> & { raw: number | null };

const rawText = (v: ShownValue) => (v.raw === null ? 'aligned' : `raw ${formatRaw(v.raw)}`);

export function Readout() {
  const hover = useAppState((s: DepthscopeState) => s.hover);
  const { value, metric } = useValue(hover);
  const filtered = useFilteredValue(hover);
  return (
    <div className="readout" data-testid="readout" aria-live="off">
      {value
        ? `x ${value.x}, y ${value.y} · ${rawText(value)} · ${formatDepth(value.depth, metric)}${filteredText(filtered, metric)}`
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
      data-raw={value.raw === null ? '' : formatRaw(value.raw)}
      data-depth-m={metric && value.depth !== null ? String(value.depth) : ''}
      data-filtered={filtered === undefined ? undefined : filtered === null ? '' : String(filtered)}
    >
      <span>
        ({value.x}, {value.y}) {rawText(value)} → {formatDepth(value.depth, metric)}
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
