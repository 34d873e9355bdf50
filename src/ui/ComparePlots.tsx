/**
 * The plots a researcher expects next to the metrics: the map against the
 * reference as a 2-D density (log-spaced depth bins on both axes, counts on a
 * log colour scale, the line of perfect agreement drawn over it), and the
 * mean absolute relative error per reference-depth bin. Drawn from the
 * histograms the evaluation computed (compare-plots.ts); nothing per frame.
 */
import { useEffect, useRef } from 'react';
import { colormapTable } from '../core/colormap-tables';
import type { PlotData } from '../state/compare-plots';
import { useCompareState } from '../state/compare-store';
import { formatTick } from './legend-ticks';

/** Side of the density plot in canvas pixels: a whole number of pixels per bin. */
export const DENSITY_CELL_PX = 4;
const ERROR_PLOT = { width: 192, height: 96 };

/** The colour of a density cell: log(1 + count) over log(1 + max) on viridis; null = empty (background). */
export function densityColour(count: number, max: number): [number, number, number] | null {
  if (count === 0 || max === 0) return null;
  const k = Math.round((Math.log1p(count) / Math.log1p(max)) * 255) * 3;
  const t = colormapTable('viridis');
  return [t[k], t[k + 1], t[k + 2]];
}

function DensityPlot({ plots }: { plots: PlotData }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const bins = plots.edges.length - 1;
  let max = 0;
  let total = 0;
  for (const c of plots.density) {
    max = Math.max(max, c);
    total += c;
  }
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const side = bins * DENSITY_CELL_PX;
    const image = ctx.createImageData(side, side);
    for (let gb = 0; gb < bins; gb++) {
      for (let pb = 0; pb < bins; pb++) {
        const rgb = densityColour(plots.density[gb * bins + pb], max) ?? [27, 29, 34];
        // Reference along x, the map up the y axis.
        for (let dy = 0; dy < DENSITY_CELL_PX; dy++) {
          for (let dx = 0; dx < DENSITY_CELL_PX; dx++) {
            const o = (((bins - 1 - pb) * DENSITY_CELL_PX + dy) * side + gb * DENSITY_CELL_PX + dx) * 4;
            image.data.set([...rgb, 255], o);
          }
        }
      }
    }
    ctx.putImageData(image, 0, 0);
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.5)';
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(0, side);
    ctx.lineTo(side, 0);
    ctx.stroke();
  }, [plots, bins, max]);
  const lo = plots.edges[0];
  const hi = plots.edges[bins];
  return (
    <figure className="compare-plot">
      <canvas
        ref={canvas}
        width={bins * DENSITY_CELL_PX}
        height={bins * DENSITY_CELL_PX}
        data-testid="density-plot"
        data-bins={bins}
        data-lo={lo}
        data-hi={hi}
        data-total={total}
        data-max={max}
        aria-label="Map depth against reference depth, pixel counts on a log scale"
      />
      <figcaption>
        map (up) vs reference (across), {formatTick(lo)}–{formatTick(hi)} m, log axes; colour: log pixel count; dashed: agreement
      </figcaption>
    </figure>
  );
}

function ErrorByDepthPlot({ plots }: { plots: PlotData }) {
  const { count, absRelSum } = plots.byDepth;
  const bins = count.length;
  const means = Array.from(count, (n, b) => (n > 0 ? absRelSum[b] / n : null));
  const top = Math.max(1e-9, ...means.map((m) => m ?? 0));
  const w = ERROR_PLOT.width / bins;
  return (
    <figure className="compare-plot">
      <svg
        width={ERROR_PLOT.width}
        height={ERROR_PLOT.height}
        data-testid="error-by-depth"
        data-counts={Array.from(count).join(',')}
        data-mean-absrel={means.map((m) => (m === null ? '' : String(m))).join(',')}
        role="img"
        aria-label="Mean absolute relative error per reference depth bin"
      >
        {means.map((m, b) =>
          m === null ? null : <rect key={b} x={b * w} width={Math.max(1, w - 1)} y={ERROR_PLOT.height * (1 - m / top)} height={(ERROR_PLOT.height * m) / top} />,
        )}
      </svg>
      <figcaption>mean AbsRel by reference depth (same bins), up to {top.toPrecision(3)}</figcaption>
    </figure>
  );
}

export function ComparePlots() {
  const plots = useCompareState((s) => s.result?.plots ?? null);
  if (!plots) return null;
  return (
    <div className="compare-plots">
      <DensityPlot plots={plots} />
      <ErrorByDepthPlot plots={plots} />
    </div>
  );
}
