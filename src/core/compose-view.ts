/**
 * What the heatmap shows, per screen image pixel, before colouring: the raw
 * depth, the filtered depth, both split by a vertical divider, or their signed
 * difference. Reference of shaders/compose-view.wgsl.
 *
 * The filtered field may be smaller than the raw one (decimation by `factor`):
 * raw pixel (x, y) shows filtered pixel (floor(x / factor), floor(y / factor)),
 * so a decimated image covers the same extent in blocks; the columns and rows
 * decimation dropped (w % factor, h % factor) show no depth.
 *
 * - 'filtered': the filtered value. 'raw': the raw value.
 * - 'split': raw in columns x < splitX (a whole column index), filtered from splitX on.
 * - 'difference': filtered - raw where both are valid, else no depth (NaN).
 *   Computed in float32, as the kernel does.
 */
export type ComposeMode = 'filtered' | 'raw' | 'split' | 'difference';
export const COMPOSE_MODES: readonly ComposeMode[] = ['filtered', 'raw', 'split', 'difference'];

export interface ComposeInput {
  raw: Float32Array;
  width: number;
  height: number;
  filtered: Float32Array;
  filteredWidth: number;
  filteredHeight: number;
  factor: number;
}

export function filteredAt(c: ComposeInput, x: number, y: number): number {
  const fx = Math.floor(x / c.factor);
  const fy = Math.floor(y / c.factor);
  if (fx >= c.filteredWidth || fy >= c.filteredHeight) return Number.NaN;
  return c.filtered[fy * c.filteredWidth + fx];
}

export function composeView(c: ComposeInput, mode: ComposeMode, splitX: number, out = new Float32Array(c.width * c.height)): Float32Array {
  for (let y = 0; y < c.height; y++) {
    for (let x = 0; x < c.width; x++) {
      const i = y * c.width + x;
      const raw = c.raw[i];
      let v: number;
      if (mode === 'raw' || (mode === 'split' && x < splitX)) v = raw;
      else {
        const f = filteredAt(c, x, y);
        v = mode === 'difference' ? (Number.isFinite(f) && Number.isFinite(raw) ? Math.fround(f - raw) : Number.NaN) : f;
      }
      out[i] = Number.isFinite(v) ? v : Number.NaN;
    }
  }
  return out;
}
