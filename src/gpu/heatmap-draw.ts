/**
 * What the 2-D view draws from the chain's output on the GPU: the view
 * composition (raw, filtered, split, difference), the surface views and the
 * colormap, or a comparison view instead, recorded into one command encoder
 * per change. The chain itself runs elsewhere (DepthProcessor, held by the
 * engine): a colormap change re-draws without re-filtering.
 */
import type { ColorizeParams } from '../core/colorize';
import { scaledIntrinsics } from '../core/intrinsics';
import { ViewInputs } from '../core/view-inputs';
import { ComposePass } from './compose-pass';
import type { ComparisonDraw } from './compare-view-pass';
import type { ChainOutput } from './depth-processor';
import { HeatmapPass } from './heatmap-pass';
import { SurfaceViewPass } from './surface-view-pass';

export class HeatmapDraw extends ViewInputs {
  readonly heatmap: HeatmapPass;
  private readonly compose: ComposePass;
  private readonly surface: SurfaceViewPass;
  private input: ChainOutput | null = null;
  /** A comparison view (src/gpu/compare-view-pass.ts) drawn instead of the display mode; null = none. */
  private comparison: ComparisonDraw | null = null;
  private comparisonColours = false;

  constructor(private readonly device: GPUDevice) {
    super();
    this.heatmap = new HeatmapPass(device);
    this.compose = new ComposePass(device);
    this.surface = new SurfaceViewPass(device);
  }

  /** The chain's new output (its buffers stay the chain's: valid until the next output). */
  setInput(input: ChainOutput | null): void {
    this.input = input;
    this.viewDirty = true;
  }

  override setColors(table: Uint8Array, params: ColorizeParams): void {
    super.setColors(table, params);
    this.heatmap.setTable(table);
    this.heatmap.setParams(params);
  }

  /** Shows a comparison view instead of the display mode (null: back to the display mode). */
  setComparison(comparison: ComparisonDraw | null): void {
    this.comparison = comparison;
    this.viewDirty = true;
  }

  get needsRender(): boolean {
    return this.viewDirty && this.input !== null;
  }

  /** Records and submits the view of the current input. */
  render(): void {
    if (!this.input) return;
    const { raw, rawSize: size, result } = this.input;
    const encoder = this.device.createCommandEncoder({ label: 'depth-view' });
    const shown = this.heatmap.resize(size.width, size.height);
    if (!this.comparison && this.comparisonColours && this.table && this.params) {
      // Back from a comparison view: the heatmap still holds its colours.
      this.heatmap.setTable(this.table);
      this.heatmap.setParams(this.params);
      this.comparisonColours = false;
    }
    const surface = { depth: result.buffer, size: result.size, factor: result.factor };
    const target = this.heatmap.texture!;
    if (this.comparison) {
      this.comparison.encode(encoder, raw, result, shown, size);
      this.heatmap.setTable(this.comparison.table);
      this.heatmap.setParams(this.comparison.params);
      this.comparisonColours = true;
      this.heatmap.encode(encoder);
    } else if (this.mode === 'normals') {
      this.surface.encodeNormals(encoder, surface, scaledIntrinsics(this.intrinsics, result.factor), target, this.params?.checkerPx ?? 4);
    } else {
      this.compose.encode(encoder, raw, result.buffer, shown, size, {
        mode: this.mode === 'edges' ? 'filtered' : this.mode,
        splitX: this.splitX,
        filteredSize: result.size,
        factor: result.factor,
      });
      this.heatmap.encode(encoder);
      if (this.mode === 'edges') this.surface.encodeEdges(encoder, surface, this.edgeJump, target);
    }
    this.device.queue.submit([encoder.finish()]);
    this.viewDirty = false;
  }

  destroy(): void {
    this.compose.destroy();
    this.surface.destroy();
    this.heatmap.destroy();
    this.input = null;
  }
}
