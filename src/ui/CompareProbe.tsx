/**
 * The two-value probe: at the hovered pixel (else the last pinned probe), the
 * map's value (filtered, as evaluated), the reference's on the map's grid, and
 * their difference. Reads one filtered value back, never the frame.
 */
import { useShallow } from 'zustand/react/shallow';
import { formatDepth } from '../state/pixel-values';
import { referenceOnGrid } from '../state/compare-grid';
import { useCompareState } from '../state/compare-store';
import { activeRegistration, imageSize, useAppState } from '../state/store';
import { isMetric } from '../core/units';
import { useFilteredValue, useRegisteredValue } from './use-filtered-value';

const finiteOrNull = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);

export function CompareProbe() {
  const pixel = useAppState((s) => s.hover ?? s.probes.at(-1) ?? null);
  const analysis = useAppState((s) => s.analysis);
  // The image in force: while depth is aligned to colour, the colour grid, and the map's value the registered depth.
  const size = useAppState(useShallow((s) => imageSize(s)));
  const registered = useAppState((s) => activeRegistration(s) !== null);
  const metric = useAppState((s) => isMetric(s.units));
  const reference = useCompareState((s) => s.reference);
  const filtered = useFilteredValue(pixel);
  const chainOn = useAppState((s) => s.chain.some((e) => e.stage.enabled));
  const aligned = useRegisteredValue(pixel, registered && !chainOn);
  if (!pixel || !size || !analysis || !reference) {
    return (
      <p className="compare-probe" data-testid="compare-probe">
        Hover the image to read both maps.
      </p>
    );
  }
  const i = pixel.y * size.width + pixel.x;
  // Without a chain the map is the raw (or registered) depth; with one, the filtered value once it has arrived.
  const map = chainOn ? filtered : registered ? aligned : finiteOrNull(analysis.depth[i]);
  if (map === undefined) {
    return (
      <p className="compare-probe" data-testid="compare-probe" data-state="pending">
        x {pixel.x}, y {pixel.y} · reading…
      </p>
    );
  }
  const ref = finiteOrNull(referenceOnGrid(reference, size.width, size.height)[i]);
  const diff = map !== null && ref !== null ? map - ref : null;
  const attr = (v: number | null) => (v === null ? '' : String(v));
  return (
    <p className="compare-probe" data-testid="compare-probe" data-x={pixel.x} data-y={pixel.y} data-map={attr(map)} data-ref={attr(ref)} data-diff={attr(diff)} data-state="ready">
      x {pixel.x}, y {pixel.y} · map {formatDepth(map, metric)} · reference {formatDepth(ref, isMetric(reference.units))} · difference{' '}
      {diff === null ? '—' : `${diff >= 0 ? '+' : ''}${diff.toFixed(4)} m`}
    </p>
  );
}
