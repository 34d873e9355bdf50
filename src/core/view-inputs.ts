/**
 * What a 2-D view renderer is told, the same for the GPU (src/gpu/heatmap-draw.ts, the chain being the engine's)
 * and the CPU fallback (src/render/heatmap-source): the chain, the display
 * mode, the surface views' settings and the colours. Each setter marks what it
 * invalidates: a chain change means re-filtering, the rest only re-drawing.
 */
import type { ColorizeParams } from './colorize';
import { FLOAT_SOURCE, type ChainSource, type Stage } from './filter-chain';
import type { PinholeIntrinsics } from './filters/depth-field';
import { DEFAULT_EDGE_JUMP, type DisplayMode } from './surface-views';

/** One chain stage with the id that keeps its GPU objects (and temporal history) while stages move. */
export interface ChainItem {
  id: number;
  stage: Stage;
}

export class ViewInputs {
  items: readonly ChainItem[] = [];
  /** What the chain knows of the source (integer depth units or float). */
  chainSource: ChainSource = FLOAT_SOURCE;
  mode: DisplayMode = 'filtered';
  splitX = 0;
  intrinsics: PinholeIntrinsics = { fx: 1, fy: 1, cx: 0, cy: 0 };
  edgeJump = DEFAULT_EDGE_JUMP;
  table: Uint8Array | null = null;
  params: ColorizeParams | null = null;
  chainDirty = true;
  viewDirty = true;

  setChain(items: readonly ChainItem[], source: ChainSource = FLOAT_SOURCE): void {
    this.items = items;
    this.chainSource = source;
    this.chainDirty = true;
  }

  setView(mode: DisplayMode, splitX: number): void {
    this.redraw({ mode, splitX });
  }

  /** What the normals and edges views need: the raw image's intrinsics and the edge threshold. */
  setSurface(intrinsics: PinholeIntrinsics, edgeJump: number): void {
    this.redraw({ intrinsics, edgeJump });
  }

  setColors(table: Uint8Array, params: ColorizeParams): void {
    this.redraw({ table, params });
  }

  /** A change that the filtered data does not depend on: only the drawing is redone. */
  private redraw(patch: Partial<Pick<ViewInputs, 'mode' | 'splitX' | 'intrinsics' | 'edgeJump' | 'table' | 'params'>>): void {
    Object.assign(this, patch);
    this.viewDirty = true;
  }
}
