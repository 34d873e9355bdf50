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
import type { ColourRegistration } from '../core/align-depth';
import { AlignDepthToColourPass } from './align-depth-pass';

export type { FrameKind };

export interface ChainResult {
  size: Size;
  factor: number;
  buffer: GPUBuffer;
}

/**
 * One run of the chain as views see it: the raw frame and the filtered field,
 * both on the device. With a registration, "raw" is the depth registered to the
 * colour camera (the chain's input), on the colour camera's grid.
 */
export interface ChainOutput {
  raw: GPUBuffer;
  rawSize: Size;
  result: ChainResult;
}

/** One value of the registered frame when the chain ran on it (the stored frame is read on the CPU). */
function registeredReader(device: GPUDevice, input: { buffer: GPUBuffer; size: Size } | null, aligned: { buffer: GPUBuffer } | null) {
  if (!input || input.buffer !== aligned?.buffer) return undefined;
  const { buffer, size } = input;
  return (x: number, y: number) => readOneF32(device, buffer, y * size.width + x);
}

export class DepthProcessor {
  private readonly chain: GpuChain;
  private raw: GPUBuffer | null = null;
  private size: Size = { width: 0, height: 0 };
  private items: readonly ChainItem[] = [];
  private source: ChainSource = FLOAT_SOURCE;
  private result: ChainResult | null = null;
  private dirty = true;
  private registration: ColourRegistration | null = null;
  private align: AlignDepthToColourPass | null = null;
  private aligned: { buffer: GPUBuffer; size: Size } | null = null;
  /** What the chain ran on last: the raw frame, or the registered one. */
  private input: { buffer: GPUBuffer; size: Size } | null = null;
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

  /**
   * Registers every frame to the colour camera before the chain (null: the
   * depth as recorded). A new grid: temporal stages start over.
   */
  setRegistration(registration: ColourRegistration | null): void {
    if (registration === this.registration) return;
    this.registration = registration;
    this.chain.reset();
    this.dirty = true;
  }

  /** The chain's input: the raw frame, or the frame registered to the colour camera (on the GPU, into a buffer kept per size). */
  private chainInput(raw: GPUBuffer): { buffer: GPUBuffer; size: Size } {
    const r = this.registration;
    if (!r || r.depthCamera.width !== this.size.width || r.depthCamera.height !== this.size.height) return { buffer: raw, size: this.size };
    const size = { width: r.colourCamera.width, height: r.colourCamera.height };
    if (!this.aligned || this.aligned.size.width !== size.width || this.aligned.size.height !== size.height) {
      this.aligned?.buffer.destroy();
      const buffer = this.device.createBuffer({ label: 'depth-aligned', size: size.width * size.height * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
      this.aligned = { buffer, size };
    }
    this.align ??= new AlignDepthToColourPass(this.device);
    const encoder = this.device.createCommandEncoder({ label: 'align-depth-to-colour' });
    this.align.encode(encoder, raw, r.depthCamera, r.colourCamera, r.depthToColour, this.aligned.buffer);
    this.device.queue.submit([encoder.finish()]);
    return this.aligned;
  }

  /** Runs the chain if the frame or the chain changed since the last run; returns the new output, or null when nothing ran. */
  run(): ChainOutput | null {
    if (!this.raw || !this.dirty) return null;
    const input = (this.input = this.chainInput(this.raw));
    // The chain submits its own work, stage by stage; the views' passes follow it on the queue.
    const out = this.chain.run(input.buffer, input.size, this.items, this.source);
    this.result = { ...out, factor: chainDecimation(this.items.map((i) => i.stage)) };
    this.dirty = false;
    return this.current;
  }

  /** The last output (null before the first run). */
  get current(): ChainOutput | null {
    return this.input && this.result ? { raw: this.input.buffer, rawSize: this.input.size, result: this.result } : null;
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
      readInput: registeredReader(this.device, this.input, this.aligned),
    };
  }

  destroy(): void {
    this.chain.destroy();
    this.raw?.destroy();
    this.raw = null;
    this.align?.destroy();
    this.aligned?.buffer.destroy();
    this.aligned = null;
    this.input = null;
    this.result = null;
  }
}
