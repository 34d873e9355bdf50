/**
 * The comparison views of the heatmap, drawn by HeatmapDraw instead of its
 * display mode while one is on: the reference alone, a swipe (reference left
 * of the divider, the filtered map right of it: compose-view's split with the
 * reference as its left input), and the error maps (shaders/error-map.wgsl on
 * the filtered grid, then spread over the image grid as compose-view spreads a
 * decimated map). The reference is uploaded once per size it is needed at;
 * each draw is a few dispatches, nothing is read back.
 */
import type { ColorizeParams } from '../core/colorize';
import type { Alignment } from '../core/depth-alignment';
import type { ErrorMapMode } from '../core/depth-metrics-maps';
import type { EvalSettings } from '../core/eval-crops';
import { ComposePass } from './compose-pass';
import { ErrorMapPass } from './error-map-pass';
import type { Size } from './gpu-stage';
import { uploadF32 } from './readback';
import { storageBuffer } from './stages/kernel';

/** What HeatmapDraw asks of a comparison view. */
export interface ComparisonDraw {
  /** Records the values to colour (image grid, `size`) into `shown`, from the raw and the filtered map. */
  encode(encoder: GPUCommandEncoder, raw: GPUBuffer, filtered: { buffer: GPUBuffer; size: Size; factor: number }, shown: GPUBuffer, size: Size): void;
  /** The colours of those values. */
  readonly table: Uint8Array;
  readonly params: ColorizeParams;
}

export type CompareDrawMode = 'reference' | 'swipe' | ErrorMapMode;

export interface CompareDrawSettings {
  mode: CompareDrawMode;
  /** The reference's depths on a width x height grid (nearest-neighbour resampled when needed). */
  referenceAt: (width: number, height: number) => Float32Array;
  /** Image column of the swipe divider: the reference left of it, the map from it on. */
  splitX: number;
  /** Which pixels the error maps evaluate, on a grid of that size, decimated by `factor` from the image. */
  evalAt: (width: number, height: number, factor: number) => EvalSettings;
  alignment: Alignment;
  table: Uint8Array;
  params: ColorizeParams;
}

/** One reference upload: the array it came from (identity says when to upload again) and its buffer. */
interface Upload {
  data: Float32Array;
  buffer: GPUBuffer;
}

export class CompareViewPass implements ComparisonDraw {
  private readonly compose: ComposePass;
  private readonly errors: ErrorMapPass;
  private settings: CompareDrawSettings | null = null;
  private onImageGrid: Upload | null = null;
  private onFilteredGrid: Upload | null = null;
  private errorBuffer: { buffer: GPUBuffer; pixels: number } | null = null;

  constructor(private readonly device: GPUDevice) {
    this.compose = new ComposePass(device);
    this.errors = new ErrorMapPass(device);
  }

  set(settings: CompareDrawSettings): void {
    this.settings = settings;
  }

  get table(): Uint8Array {
    return this.settings!.table;
  }

  get params(): ColorizeParams {
    return this.settings!.params;
  }

  private upload(slot: Upload | null, data: Float32Array): Upload {
    if (slot?.data === data) return slot;
    slot?.buffer.destroy();
    return { data, buffer: uploadF32(this.device, data, 'compare-reference-view') };
  }

  private errorTarget(pixels: number): GPUBuffer {
    if (!this.errorBuffer || this.errorBuffer.pixels < pixels) {
      this.errorBuffer?.buffer.destroy();
      this.errorBuffer = { buffer: storageBuffer(this.device, 'compare-error-map', Math.max(1, pixels)), pixels };
    }
    return this.errorBuffer.buffer;
  }

  encode(encoder: GPUCommandEncoder, raw: GPUBuffer, filtered: { buffer: GPUBuffer; size: Size; factor: number }, shown: GPUBuffer, size: Size): void {
    const s = this.settings;
    if (!s) return;
    const spread = { filteredSize: filtered.size, factor: filtered.factor, splitX: s.splitX };
    if (s.mode === 'reference' || s.mode === 'swipe') {
      this.onImageGrid = this.upload(this.onImageGrid, s.referenceAt(size.width, size.height));
      this.compose.encode(encoder, this.onImageGrid.buffer, filtered.buffer, shown, size, { ...spread, mode: s.mode === 'swipe' ? 'split' : 'raw' });
      return;
    }
    const { width, height } = filtered.size;
    this.onFilteredGrid = this.upload(this.onFilteredGrid, s.referenceAt(width, height));
    const error = this.errorTarget(width * height);
    const input = { pred: filtered.buffer, ref: this.onFilteredGrid.buffer, width, height, settings: s.evalAt(width, height, filtered.factor), alignment: s.alignment };
    this.errors.encode(encoder, input, s.mode, error);
    this.compose.encode(encoder, raw, error, shown, size, { ...spread, mode: 'filtered' });
  }

  destroy(): void {
    this.compose.destroy();
    this.errors.destroy();
    this.onImageGrid?.buffer.destroy();
    this.onFilteredGrid?.buffer.destroy();
    this.errorBuffer?.buffer.destroy();
  }
}
