/**
 * Where the heatmap texture comes from: the GPU (view composition and colormap
 * as WGSL kernels on the shared device, drawn from the engine's one filter
 * chain), or the CPU fallback (the same steps by their TypeScript references,
 * the chain in a worker that this source feeds from the store and whose output
 * it publishes, filtered-readers.ts, so probes can read filtered values). Both
 * keep their texture for as long as the image size stays the same.
 */
import * as THREE from 'three';
import { colorize, type ColorizeParams } from '../core/colorize';
import { composeView } from '../core/compose-view';
import { chainDecimation, type FrameKind } from '../core/filter-chain';
import type { PinholeIntrinsics } from '../core/filters/depth-field';
import { discontinuityMask, normalsFromDepth } from '../core/filters/normals';
import { scaledIntrinsics } from '../core/intrinsics';
import { normalsToRgba, overlayEdges, type DisplayMode } from '../core/surface-views';
import type { ComparisonDraw } from '../gpu/compare-view-pass';
import { HeatmapDraw } from '../gpu/heatmap-draw';
import { ViewInputs } from '../core/view-inputs';
import { chainOutput, subscribeChainOutput } from '../engine/source-chain';
import { chainSourceOf } from '../state/chain-source';
import { clearFiltered, publishFiltered } from '../state/filtered-readers';
import { frameKind } from '../state/frame-kind';
import { store, type DepthscopeState } from '../state/store';
import type { CpuChainReply, CpuChainRequest } from './cpu-chain-protocol';

export interface HeatmapSource {
  setView(mode: DisplayMode, splitX: number): void;
  setSurface(intrinsics: PinholeIntrinsics, edgeJump: number): void;
  setColors(table: Uint8Array, params: ColorizeParams): void;
  /** Draws what changed, now (GPU) or when the worker answers (CPU); then calls onDrawn. */
  render(): void;
  readonly texture: THREE.Texture | null;
  /** Called after the texture's content changed (and with true when the texture object was replaced). */
  onDrawn: (replaced: boolean) => void;
  /** Called when the chain fails (CPU worker errors); GPU stage faults reach the user through the engine. */
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

/** On the GPU: draws the output of the engine's chain (engine/source-chain.ts); it runs no chain itself. */
export class GpuHeatmapSource implements HeatmapSource {
  private readonly draw: HeatmapDraw;
  texture: THREE.Texture | null = null;
  private gpuTexture: GPUTexture | null = null;
  onDrawn: (replaced: boolean) => void = () => {};
  onError: (message: string) => void = () => {};
  private readonly detach: () => void;

  constructor(readonly device: GPUDevice) {
    this.draw = new HeatmapDraw(device);
    this.draw.setInput(chainOutput());
    this.detach = subscribeChainOutput((output) => {
      this.draw.setInput(output);
      this.render();
    });
  }

  setView(mode: DisplayMode, splitX: number): void {
    this.draw.setView(mode, splitX);
  }

  setSurface(intrinsics: PinholeIntrinsics, edgeJump: number): void {
    this.draw.setSurface(intrinsics, edgeJump);
  }

  setColors(table: Uint8Array, params: ColorizeParams): void {
    this.draw.setColors(table, params);
  }

  /** A comparison view (src/render/compare-view.ts) drawn instead of the display mode; null = none. */
  setComparison(comparison: ComparisonDraw | null): void {
    this.draw.setComparison(comparison);
  }

  render(): void {
    if (!this.draw.needsRender) return;
    this.draw.render();
    const replaced = this.draw.heatmap.texture !== this.gpuTexture;
    if (replaced) {
      this.texture?.dispose();
      this.gpuTexture = this.draw.heatmap.texture;
      this.texture = this.gpuTexture ? configure(new THREE.ExternalTexture(this.gpuTexture)) : null;
    }
    this.onDrawn(replaced);
  }

  dispose(): void {
    this.detach();
    this.texture?.dispose();
    this.draw.destroy();
  }
}

/** Without WebGPU: the chain in a worker, fed from the store, and the view drawn by the CPU references. */
export class CpuHeatmapSource extends ViewInputs implements HeatmapSource {
  texture: THREE.DataTexture | null = null;
  onDrawn: (replaced: boolean) => void = () => {};
  onError: (message: string) => void = () => {};
  private readonly worker = new Worker(new URL('./cpu-chain.worker.ts', import.meta.url), { type: 'module' });
  private raw: { depth: Float32Array; width: number; height: number } | null = null;
  private pendingFrame: CpuChainRequest['frame'];
  private filtered: { depth: Float32Array; width: number; height: number; factor: number } | null = null;
  private seq = 0;
  private replaced = false;
  private readonly unsubscribe: () => void;

  constructor() {
    super();
    this.worker.onmessage = (e: MessageEvent<CpuChainReply>) => this.onReply(e.data);
    const follow = (s: DepthscopeState, prev: DepthscopeState | null) => {
      if ((s.analysis !== prev?.analysis || s.source !== prev?.source) && s.analysis && s.source) {
        this.setFrame(s.analysis.depth, s.source.raw.width, s.source.raw.height, frameKind(s.source, prev?.source ?? null));
      }
      if (s.chain !== prev?.chain || s.units !== prev?.units || s.source !== prev?.source) this.setChain(s.chain, chainSourceOf(s));
    };
    follow(store.getState(), null);
    this.unsubscribe = store.subscribe(follow);
  }

  private setFrame(depth: Float32Array, width: number, height: number, kind: FrameKind): void {
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
    publishFiltered({
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
    this.unsubscribe();
    this.worker.terminate();
    clearFiltered();
    this.texture?.dispose();
  }
}
