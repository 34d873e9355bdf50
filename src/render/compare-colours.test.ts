import { describe, expect, it } from 'vitest';
import { colormapIndex, colormapPosition } from '../core/colorize';
import { divergingTable } from '../core/colormap-tables';
import { DELTA_BAND_COLOURS, DELTA_PARAMS, compareColours, deltaFailureTable } from './compare-colours';

describe('comparison colours', () => {
  it('draws each δ-failure count (0 to 3) in its own band colour, as the colormap kernel indexes the table', () => {
    const table = deltaFailureTable();
    for (let k = 0; k <= 3; k++) {
      const i = colormapIndex(colormapPosition(k, DELTA_PARAMS)!) * 3;
      expect([...table.subarray(i, i + 3)]).toEqual([...DELTA_BAND_COLOURS[k]]);
    }
  });

  it('centres the signed error on 0 with the diverging table, and uses the map colours for the reference', () => {
    const main = { colormap: 'viridis' as const, range: { mode: 'manual' as const, min: 1, max: 3 }, analysis: null, logScale: false, reverse: false };
    const compare = { signedRangeM: 0.2, absRelMax: null, result: null };
    const signed = compareColours('error-signed', main, compare)!;
    expect(signed.table).toBe(divergingTable());
    expect([signed.params.lo, signed.params.hi]).toEqual([-0.2, 0.2]);
    expect(compareColours('error-abs-rel', main, compare)!.params.hi).toBe(0.25);
    const swipe = compareColours('swipe', main, compare)!;
    expect([swipe.params.lo, swipe.params.hi]).toEqual([1, 3]);
  });
});
