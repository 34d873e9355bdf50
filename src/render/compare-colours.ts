/**
 * The colours of the comparison views: the reference and the swipe use the
 * map's own colormap and range (so equal depths look equal on both sides),
 * the signed error a diverging map centred on 0, the absolute relative error
 * a sequential one from 0, and the δ-failure count four flat bands.
 */
import type { ColorizeParams } from '../core/colorize';
import { colormapTable, divergingTable } from '../core/colormap-tables';
import { DEFAULT_ABS_REL_MAX, signedErrorHalfRange, type CompareState, type CompareView } from '../state/compare-store';
import { effectiveRange, type DepthscopeState } from '../state/store';

/** Squares of the "no depth" checkerboard, as in the heatmap. */
const CHECKER_PX = 4;

/**
 * The δ-failure bands, for 0 to 3 thresholds failed: green (δ < 1.25), yellow,
 * orange, red (fails even 1.25³). Each count k sits at the middle of its band
 * under DELTA_PARAMS (table index round((k + 0.5) / 4 · 255)).
 */
export const DELTA_BAND_COLOURS: readonly (readonly [number, number, number])[] = [
  [26, 152, 80],
  [254, 224, 74],
  [244, 109, 67],
  [165, 0, 38],
];

export function deltaFailureTable(): Uint8Array {
  const table = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) table.set(DELTA_BAND_COLOURS[Math.min(3, i >> 6)], i * 3);
  return table;
}

export const DELTA_PARAMS: ColorizeParams = { lo: -0.5, hi: 3.5, logScale: false, reverse: false, checkerPx: CHECKER_PX };

/** The table and scale of a comparison view; null while the map has no range yet. */
export function compareColours(
  view: Exclude<CompareView, 'off'>,
  main: Pick<DepthscopeState, 'colormap' | 'range' | 'analysis' | 'logScale' | 'reverse'>,
  compare: Pick<CompareState, 'signedRangeM' | 'absRelMax' | 'result'>,
): { table: Uint8Array; params: ColorizeParams } | null {
  const linear = { logScale: false, reverse: false, checkerPx: CHECKER_PX };
  switch (view) {
    case 'error-signed': {
      const r = signedErrorHalfRange(compare);
      return { table: divergingTable(), params: { ...linear, lo: -r, hi: r } };
    }
    case 'error-abs-rel':
      return { table: colormapTable('magma'), params: { ...linear, lo: 0, hi: compare.absRelMax ?? DEFAULT_ABS_REL_MAX } };
    case 'error-delta':
      return { table: deltaFailureTable(), params: DELTA_PARAMS };
    default: {
      const range = effectiveRange(main);
      if (!range) return null;
      return { table: colormapTable(main.colormap), params: { lo: range[0], hi: range[1], logScale: main.logScale, reverse: main.reverse, checkerPx: CHECKER_PX } };
    }
  }
}
