/**
 * Everything the 2-D view asks of the GPU for one image: the raw depth uploaded
 * once per frame, the filter chain, the view composition (raw, filtered, split,
 * difference) and the colormap, recorded into one command encoder per change.
 * Only what changed is re-run: a colormap change skips the chain, a parameter
 * change re-runs the chain on the same frame (temporal stages included, from
 * the state before this frame). Nothing is read back except single pixels.
 */
import type { ColorizeParams } from '../core/colorize';
import { chainDecimation } from '../core/filter-chain';
import { scaledIntrinsics } from '../core/intrinsics';
import { ViewInputs } from '../core/view-inputs';
import { ComposePass } from './compose-pass';
import type { ComparisonDraw } from './compare-view-pass';
import { GpuChain, type StageFault } from './gpu-chain';
import type { Size } from './gpu-stage';
import { HeatmapPass } from './heatmap-pass';
import { readBufferF32, readOneF32 } from './readback';
import { SurfaceViewPass } from './surface-view-pass';

/** How a frame relates to the one before it: the next of a sequence keeps temporal history. */
export type FrameKind = 'new-image' | 'next-frame';

export interface ChainResult {
  size: Size;
  factor: number;
  buffer: GPUBuffer;
}

export class DepthProcessor extends ViewInputs {
  readonly heatmap: HeatmapPass;
  private readonly chain: GpuChain;
  private readonly compose: ComposePass;
  private raw: GPUBuffer | null = null;
  private size: Size = { width: 0, height: 0 };
  private readonly surface: SurfaceViewPass;
  private result: ChainResult | null = null;
  /** A comparison view (src/gpu/compare-view-pass.ts) drawn instead of the display mode; null = none. */
  private comparison: ComparisonDraw | null = null;
  private comparisonColours = false;
  /** Called when a stage of the chain fails on the GPU (see GpuChain.onFault). */
  onStageFault: (fault: StageFault) => void = () => {};

  constructor(private readonly device: GPUDevice) {
    super();
    this.heatmap = new HeatmapPass(device);
    this.chain = new GpuChain(device);
    this.chain.onFault = (fault) => this.onStageFault(fault);
    this.compose = new ComposePass(device);
    this.surface = new SurfaceViewPass(device);
  }

  setFrame(depth: Float32Array, width: number, height: number, kind: FrameKind): void {
    if (!this.raw || width !== this.size.width || height !== this.size.height) {
      this.raw?.destroy();
      this.raw = this.device.createBuffer({
        label: 'depth-raw',
        size: Math.max(4, width * height * 4),
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC,
      });
      this.size = { width, height };
    }
    this.device.queue.writeBuffer(this.raw, 0, depth.buffer, depth.byteOffset, depth.byteLength);
    if (kind === 'next-frame') this.chain.advance();
    else this.chain.reset();
    this.chainDirty = true;
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

  /** Records and submits what changed. Returns the chain's result when the chain ran. */
  render(): ChainResult | null {
    if (!this.raw) return null;
    const ran = this.chainDirty;
    if (this.chainDirty || !this.result) {
      // The chain submits its own work, stage by stage; the view's passes follow it on the queue.
      const out = this.chain.run(this.raw, this.size, this.items, this.chainSource);
      this.result = { ...out, factor: chainDecimation(this.items.map((i) => i.stage)) };
      this.chainDirty = false;
    }
    const encoder = this.device.createCommandEncoder({ label: 'depth-view' });
    const shown = this.heatmap.resize(this.size.width, this.size.height);
    if (!this.comparison && this.comparisonColours && this.table && this.params) {
      // Back from a comparison view: the heatmap still holds its colours.
      this.heatmap.setTable(this.table);
      this.heatmap.setParams(this.params);
      this.comparisonColours = false;
    }
    const surface = { depth: this.result.buffer, size: this.result.size, factor: this.result.factor };
    const target = this.heatmap.texture!;
    if (this.comparison) {
      this.comparison.encode(encoder, this.raw, this.result, shown, this.size);
      this.heatmap.setTable(this.comparison.table);
      this.heatmap.setParams(this.comparison.params);
      this.comparisonColours = true;
      this.heatmap.encode(encoder);
    } else if (this.mode === 'normals') {
      this.surface.encodeNormals(encoder, surface, scaledIntrinsics(this.intrinsics, this.result.factor), target, this.params?.checkerPx ?? 4);
    } else {
      this.compose.encode(encoder, this.raw, this.result.buffer, shown, this.size, {
        mode: this.mode === 'edges' ? 'filtered' : this.mode,
        splitX: this.splitX,
        filteredSize: this.result.size,
        factor: this.result.factor,
      });
      this.heatmap.encode(encoder);
      if (this.mode === 'edges') this.surface.encodeEdges(encoder, surface, this.edgeJump, target);
    }
    this.device.queue.submit([encoder.finish()]);
    this.viewDirty = false;
    return ran ? this.result : null;
  }

  /** The chain's last output (null before the first render). */
  get current(): ChainResult | null {
    return this.result;
  }

  get needsRender(): boolean {
    return this.chainDirty || this.viewDirty;
  }

  /** The filtered value at filtered-image pixel (x, y), read back alone. */
  readFiltered(result: ChainResult, x: number, y: number): Promise<number> {
    return readOneF32(this.device, result.buffer, y * result.size.width + x);
  }

  /** A chain result as the app publishes it: its size, decimation, and readers of one value or of all. */
  output(result: ChainResult) {
    return {
      width: result.size.width,
      height: result.size.height,
      factor: result.factor,
      read: (x: number, y: number) => this.readFiltered(result, x, y),
      readAll: () => this.readAllFiltered(result),
      gpu: { device: this.device, buffer: result.buffer },
    };
  }

  /** The whole filtered field, read back once (exports). */
  readAllFiltered(result: ChainResult): Promise<Float32Array> {
    return readBufferF32(this.device, result.buffer, result.size.width * result.size.height);
  }

  destroy(): void {
    this.chain.destroy();
    this.compose.destroy();
    this.surface.destroy();
    this.heatmap.destroy();
    this.raw?.destroy();
    this.raw = null;
  }
}
