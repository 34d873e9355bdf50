/**
 * Where the heatmap texture comes from: the GPU (filter chain, view composition
 * and colormap as WGSL kernels on the shared device), or the CPU fallback (the
 * same steps by their TypeScript references, the chain in a worker). Both keep
 * their texture for as long as the image size stays the same, and both publish
 * the chain's output (filtered-readers.ts) so probes can read filtered values.
 */
import * as THREE from 'three';
import { colorize, type ColorizeParams } from '../core/colorize';
import { composeView } from '../core/compose-view';
import { chainDecimation, type ChainSource } from '../core/filter-chain';
import type { PinholeIntrinsics } from '../core/filters/depth-field';
import { discontinuityMask, normalsFromDepth } from '../core/filters/normals';
import { scaledIntrinsics } from '../core/intrinsics';
import { normalsToRgba, overlayEdges, type DisplayMode } from '../core/surface-views';
import { DepthProcessor, type FrameKind } from '../gpu/depth-processor';
import type { ComparisonDraw } from '../gpu/compare-view-pass';
import type { StageFault } from '../gpu/gpu-chain';
import { ViewInputs, type ChainItem } from '../core/view-inputs';
import type { PublishedOutput } from '../state/filtered-readers';
import type { CpuChainReply, CpuChainRequest } from './cpu-chain-protocol';

export interface HeatmapSource {
  setFrame(depth: Float32Array, width: number, height: number, kind: FrameKind): void;
  setChain(items: readonly ChainItem[], source?: ChainSource): void;
  setView(mode: DisplayMode, splitX: number): void;
  setSurface(intrinsics: PinholeIntrinsics, edgeJump: number): void;
  setColors(table: Uint8Array, params: ColorizeParams): void;
  /** Draws what changed, now (GPU) or when the worker answers (CPU); then calls onDrawn. */
  render(): void;
  readonly texture: THREE.Texture | null;
  /** Called after the texture's content changed (and with true when the texture object was replaced). */
  onDrawn: (replaced: boolean) => void;
  /** Called with each new chain output. */
  onFiltered: (out: PublishedOutput) => void;
  /** Called when the chain fails (CPU worker errors); the GPU reports through device errors. */
  onError: (message: string) => void;
  dispose(): void;
}

function configure(t: THREE.Texture): THREE.Texture {
  // Nearest: zoomed-in pixels stay square and show their exact colour.
  t.magFilter = THREE.NearestFilter;
  t.minFilter = THREE.NearestFilter;
  t.generateMipmaps = false;
  t.colorSpace = THREE.NoColorSpace;
  return t;
}

export class GpuHeatmapSource implements HeatmapSource {
  private readonly processor: DepthProcessor;
  texture: THREE.Texture | null = null;
  private gpuTexture: GPUTexture | null = null;
  onDrawn: (replaced: boolean) => void = () => {};
  onFiltered: (out: PublishedOutput) => void = () => {};
  onError: (message: string) => void = () => {};

  constructor(readonly device: GPUDevice) {
    this.processor = new DepthProcessor(device);
    this.processor.onStageFault = (fault) => this.onStageFault(fault);
  }

  /** Called when a stage of the chain fails on the GPU; the CPU source reports through onError. */
  onStageFault: (fault: StageFault) => void = () => {};

  setFrame(depth: Float32Array, width: number, height: number, kind: FrameKind): void {
    this.processor.setFrame(depth, width, height, kind);
  }

  setChain(items: readonly ChainItem[], source?: ChainSource): void {
    this.processor.setChain(items, source);
  }

  setView(mode: DisplayMode, splitX: number): void {
    this.processor.setView(mode, splitX);
  }

  setSurface(intrinsics: PinholeIntrinsics, edgeJump: number): void {
    this.processor.setSurface(intrinsics, edgeJump);
  }

  setColors(table: Uint8Array, params: ColorizeParams): void {
    this.processor.setColors(table, params);
  }

  /** A comparison view (src/render/compare-view.ts) drawn instead of the display mode; null = none. */
  setComparison(comparison: ComparisonDraw | null): void {
    this.processor.setComparison(comparison);
  }

  render(): void {
    if (!this.processor.needsRender) return;
    const result = this.processor.render();
    const replaced = this.processor.heatmap.texture !== this.gpuTexture;
    if (replaced) {
      this.texture?.dispose();
      this.gpuTexture = this.processor.heatmap.texture;
      this.texture = this.gpuTexture ? configure(new THREE.ExternalTexture(this.gpuTexture)) : null;
    }
    if (result) this.onFiltered(this.processor.output(result));
    this.onDrawn(replaced);
  }

  dispose(): void {
    this.texture?.dispose();
    this.processor.destroy();
  }
}

export class CpuHeatmapSource extends ViewInputs implements HeatmapSource {
  texture: THREE.DataTexture | null = null;
  onDrawn: (replaced: boolean) => void = () => {};
  onFiltered: (out: PublishedOutput) => void = () => {};
  onError: (message: string) => void = () => {};
  private readonly worker = new Worker(new URL('./cpu-chain.worker.ts', import.meta.url), { type: 'module' });
  private raw: { depth: Float32Array; width: number; height: number } | null = null;
  private pendingFrame: CpuChainRequest['frame'];
  private filtered: { depth: Float32Array; width: number; height: number; factor: number } | null = null;
  private seq = 0;
  private replaced = false;

  constructor() {
    super();
    this.worker.onmessage = (e: MessageEvent<CpuChainReply>) => this.onReply(e.data);
  }

  setFrame(depth: Float32Array, width: number, height: number, kind: FrameKind): void {
    this.raw = { depth, width, height };
    this.pendingFrame = { depth: depth.slice(), width, height, kind };
    if (!this.texture || this.texture.image.width !== width || this.texture.image.height !== height) {
      this.texture?.dispose();
      this.texture = configure(new THREE.DataTexture(new Uint8Array(width * height * 4), width, height)) as THREE.DataTexture;
      this.replaced = true;
    }
    this.filtered = null;
    this.chainDirty = true;
    this.viewDirty = true;
  }

  render(): void {
    if (this.chainDirty && this.raw) {
      this.chainDirty = false;
      const request: CpuChainRequest = { seq: ++this.seq, frame: this.pendingFrame, items: [...this.items], source: this.chainSource };
      this.pendingFrame = undefined;
      this.worker.postMessage(request, request.frame ? [request.frame.depth.buffer] : []);
    }
    if (this.viewDirty) this.draw();
  }

  private onReply(reply: CpuChainReply): void {
    if (reply.seq !== this.seq) return; // a newer request is on its way
    if (!reply.ok) return this.onError(`The filter chain failed: ${reply.message}`);
    const factor = chainDecimation(this.items.map((i) => i.stage));
    const out = { depth: reply.depth, width: reply.width, height: reply.height, factor };
    this.filtered = out;
    this.onFiltered({
      width: out.width,
      height: out.height,
      factor,
      read: (x, y) => Promise.resolve(out.depth[y * out.width + x]),
      readAll: () => Promise.resolve(out.depth),
    });
    this.draw();
  }

  private draw(): void {
    if (!this.texture || !this.raw || !this.table || !this.params) return;
    this.viewDirty = false;
    // Until the worker's first answer, the filtered view shows the raw depth.
    const f = this.filtered ?? { ...this.raw, factor: 1 };
    const rgba = this.texture.image.data as Uint8Array<ArrayBuffer>;
    const layout = { width: this.raw.width, height: this.raw.height, filteredWidth: f.width, filteredHeight: f.height, factor: f.factor };
    if (this.mode === 'normals') {
      const normals = normalsFromDepth(f.depth, f.width, f.height, scaledIntrinsics(this.intrinsics, f.factor));
      normalsToRgba(normals, layout, this.params.checkerPx, rgba);
    } else {
      const shown = composeView(
        { raw: this.raw.depth, filtered: f.depth, ...layout },
        this.mode === 'edges' ? 'filtered' : this.mode,
        this.splitX,
      );
      colorize(shown, this.raw.width, this.raw.height, this.table, this.params, rgba);
      if (this.mode === 'edges') overlayEdges(discontinuityMask(f.depth, f.width, f.height, this.edgeJump), layout, rgba);
    }
    this.texture.needsUpdate = true;
    const replaced = this.replaced;
    this.replaced = false;
    this.onDrawn(replaced);
  }

  dispose(): void {
    this.worker.terminate();
    this.texture?.dispose();
  }
}
