/**
 * The colour legend: the colormap bar with ticks in metres over a histogram of
 * the valid depths. Dragging on the histogram sets the range (press, drag,
 * release); the handles at the range ends can be dragged on their own.
 */
import { useShallow } from 'zustand/react/shallow';
import { useMemo, useRef, useState } from 'react';
import { colormapTable } from '../core/colormap-tables';
import { legendHistogram } from '../core/stats';
import { isMetric } from '../core/units';
import { effectiveRange, setState, useAppState } from '../state/store';
import { formatTick, niceTicks } from './legend-ticks';
import { DifferenceLegend } from './ViewModeControls';

const BINS = 96;
const WIDTH = 300;
const HIST_H = 56;

function gradientCss(table: Uint8Array, reverse: boolean): string {
  const stops: string[] = [];
  for (let i = 0; i <= 16; i++) {
    const k = Math.round((i / 16) * 255);
    const j = (reverse ? 255 - k : k) * 3;
    stops.push(`rgb(${table[j]},${table[j + 1]},${table[j + 2]}) ${((i / 16) * 100).toFixed(2)}%`);
  }
  return `linear-gradient(to right, ${stops.join(',')})`;
}

function tickPosition(v: number, lo: number, hi: number, logScale: boolean): number {
  return logScale ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);
}

/**
 * The histogram's bars as one path: one element instead of one per bin, so a
 * recording playing re-renders a single node per frame.
 */
function barsPath(counts: Uint32Array, max: number, barW: number): string {
  const w = Math.max(0.5, barW - 0.5);
  let d = '';
  counts.forEach((c, i) => {
    if (c === 0) return;
    const h = Math.max(1, (Math.sqrt(c) / Math.sqrt(max)) * (HIST_H - 2));
    d += `M${i * barW} ${HIST_H - h}h${w}v${h}h${-w}z`;
  });
  return d;
}

export function Legend() {
  const difference = useAppState((s) => s.display === 'difference');
  return difference ? <DifferenceLegend /> : <DepthLegend />;
}

function DepthLegend() {
  const analysis = useAppState((s) => s.analysis);
  const colormap = useAppState((s) => s.colormap);
  const reverse = useAppState((s) => s.reverse);
  const logScale = useAppState((s) => s.logScale);
  const metric = useAppState((s) => isMetric(s.units));
  const range = useAppState(useShallow((s) => effectiveRange(s)));
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);

  // The histogram spans all valid depths (0.5-99.5 percentile, so a few outliers do not squash it).
  const hist = useMemo(() => {
    const sorted = analysis?.sortedValid;
    return sorted ? legendHistogram(sorted, BINS, logScale) : null;
  }, [analysis, logScale]);

  if (!hist || !range) return <div className="legend" data-testid="legend" />;

  const toX = (v: number) => {
    const t = logScale ? (Math.log(v) - Math.log(hist.lo)) / (Math.log(hist.hi) - Math.log(hist.lo)) : (v - hist.lo) / (hist.hi - hist.lo);
    return Math.min(WIDTH, Math.max(0, t * WIDTH));
  };
  const fromX = (x: number) => {
    const t = Math.min(1, Math.max(0, x / WIDTH));
    return logScale ? Math.exp(Math.log(hist.lo) + t * (Math.log(hist.hi) - Math.log(hist.lo))) : hist.lo + t * (hist.hi - hist.lo);
  };
  const localX = (e: React.PointerEvent) => {
    const r = svgRef.current!.getBoundingClientRect();
    return ((e.clientX - r.left) / r.width) * WIDTH;
  };
  let max = 1;
  for (const c of hist.counts) max = Math.max(max, c);
  const barW = WIDTH / hist.counts.length;
  const table = colormapTable(colormap);
  const ticks = niceTicks(range[0], range[1], logScale);
  const shownRange = drag ? [Math.min(drag.from, drag.to), Math.max(drag.from, drag.to)] : [toX(range[0]), toX(range[1])];

  return (
    <div className="legend" data-testid="legend" data-lo={range[0]} data-hi={range[1]}>
      <svg
        ref={svgRef}
        viewBox={`0 0 ${WIDTH} ${HIST_H}`}
        width={WIDTH}
        height={HIST_H}
        data-testid="histogram"
        className="histogram"
        onPointerDown={(e) => {
          (e.target as Element).setPointerCapture?.(e.pointerId);
          const x = localX(e);
          setDrag({ from: x, to: x });
        }}
        onPointerMove={(e) => drag && setDrag({ ...drag, to: localX(e) })}
        onPointerUp={() => {
          if (!drag) return;
          const a = fromX(Math.min(drag.from, drag.to));
          const b = fromX(Math.max(drag.from, drag.to));
          setDrag(null);
          if (Math.abs(drag.to - drag.from) >= 3 && b > a) setState({ range: { mode: 'manual', min: a, max: b } });
        }}
      >
        <title>Histogram of valid depths. Drag across it to set the colour range.</title>
        <path d={barsPath(hist.counts, max, barW)} className="bar" />
        <rect x={shownRange[0]} y={0} width={Math.max(1, shownRange[1] - shownRange[0])} height={HIST_H} className="range" />
      </svg>
      <div className="colorbar" style={{ background: gradientCss(table, reverse) }} />
      <div className="ticks">
        {ticks.map((t) => (
          <span key={t} style={{ left: `${tickPosition(t, range[0], range[1], logScale) * 100}%` }}>
            {formatTick(t)}
          </span>
        ))}
      </div>
      <div className="legend-caption">
        {metric ? 'depth, metres' : 'relative depth (unitless)'}
        {logScale ? ', log scale' : ''}; histogram x-axis {formatTick(hist.lo)}–{formatTick(hist.hi)}
      </div>
    </div>
  );
}
