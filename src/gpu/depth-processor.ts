/**
 * The filter chain over one source on the GPU: the raw depth uploaded once per
 * frame and the chain run on it when the frame or the chain changed (temporal
 * stages from the state before this frame, so re-running a frame after a
 * parameter change gives the same result). The engine holds the one instance
 * per source (src/engine/source-chain.ts); views draw from its output and never
 * run a chain themselves. Nothing is read back except on request.
 */
import { chainDecimation, FLOAT_SOURCE, type ChainSource, type FrameKind } from '../core/filter-chain';
import type { ChainItem } from '../core/view-inputs';
import { GpuChain, type StageFault } from './gpu-chain';
import type { Size } from './gpu-stage';
import { readBufferF32, readOneF32 } from './readback';

export type { FrameKind };

export interface ChainResult {
  size: Size;
  factor: number;
  buffer: GPUBuffer;
}

/** One run of the chain as views see it: the raw frame and the filtered field, both on the device. */
export interface ChainOutput {
  raw: GPUBuffer;
  rawSize: Size;
  result: ChainResult;
}

export class DepthProcessor {
  private readonly chain: GpuChain;
  private raw: GPUBuffer | null = null;
  private size: Size = { width: 0, height: 0 };
  private items: readonly ChainItem[] = [];
  private source: ChainSource = FLOAT_SOURCE;
  private result: ChainResult | null = null;
  private dirty = true;
  /** Called when a stage of the chain fails on the GPU (see GpuChain.onFault). */
  onStageFault: (fault: StageFault) => void = () => {};

  constructor(readonly device: GPUDevice) {
    this.chain = new GpuChain(device);
    this.chain.onFault = (fault) => this.onStageFault(fault);
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
    this.dirty = true;
  }

  setChain(items: readonly ChainItem[], source: ChainSource = FLOAT_SOURCE): void {
    this.items = items;
    this.source = source;
    this.dirty = true;
  }

  /** Runs the chain if the frame or the chain changed since the last run; returns the new output, or null when nothing ran. */
  run(): ChainOutput | null {
    if (!this.raw || !this.dirty) return null;
    // The chain submits its own work, stage by stage; the views' passes follow it on the queue.
    const out = this.chain.run(this.raw, this.size, this.items, this.source);
    this.result = { ...out, factor: chainDecimation(this.items.map((i) => i.stage)) };
    this.dirty = false;
    return this.current;
  }

  /** The last output (null before the first run). */
  get current(): ChainOutput | null {
    return this.raw && this.result ? { raw: this.raw, rawSize: this.size, result: this.result } : null;
  }

  /** A chain result as the app publishes it: its size, decimation, and readers of one value or of all. */
  output(result: ChainResult) {
    return {
      width: result.size.width,
      height: result.size.height,
      factor: result.factor,
      read: (x: number, y: number) => readOneF32(this.device, result.buffer, y * result.size.width + x),
      readAll: () => readBufferF32(this.device, result.buffer, result.size.width * result.size.height),
      gpu: { device: this.device, buffer: result.buffer },
    };
  }

  destroy(): void {
    this.chain.destroy();
    this.raw?.destroy();
    this.raw = null;
    this.result = null;
  }
}
