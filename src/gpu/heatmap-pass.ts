/**
 * Runs shaders/colormap.wgsl: depth field in, RGBA8 texture out, on the shared
 * device. Buffers and the texture are created once per image size and reused;
 * changing the colormap or range only rewrites a 32-byte uniform and re-runs
 * the kernel, with no read-back to the CPU.
 */
import colormapWgsl from '../../shaders/colormap.wgsl?raw';
import type { ColorizeParams } from '../core/colorize';
import { computePipeline } from './pipeline-cache';

const WORKGROUP = 8;

/** Packs a 256x3 RGB table into 256 u32 words 0xAABBGGRR, the layout the shader reads. */
export function packTable(rgb: Uint8Array): Uint32Array<ArrayBuffer> {
  const words = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    words[i] = (0xff << 24) | (rgb[i * 3 + 2] << 16) | (rgb[i * 3 + 1] << 8) | rgb[i * 3];
  }
  return words;
}

export class HeatmapPass {
  readonly device: GPUDevice;
  private readonly pipeline: GPUComputePipeline;
  private readonly paramsBuffer: GPUBuffer;
  private readonly tableBuffer: GPUBuffer;
  private depthBuffer: GPUBuffer | null = null;
  private outTexture: GPUTexture | null = null;
  private bindGroup: GPUBindGroup | null = null;
  private width = 0;
  private height = 0;
  private params: ColorizeParams | null = null;

  constructor(device: GPUDevice) {
    this.device = device;
    this.pipeline = computePipeline(device, 'colormap', colormapWgsl, { WORKGROUP_SIZE: WORKGROUP });
    this.paramsBuffer = device.createBuffer({
      label: 'colormap-params',
      size: 32,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    this.tableBuffer = device.createBuffer({
      label: 'colormap-table',
      size: 256 * 4,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
    });
  }

  /** The texture the heatmap is drawn from; replaced when the image size changes. */
  get texture(): GPUTexture | null {
    return this.outTexture;
  }

  get size(): { width: number; height: number } {
    return { width: this.width, height: this.height };
  }

  /** Uploads a depth field (NaN = no depth). Reallocates only when the size changes. */
  setDepth(depth: Float32Array, width: number, height: number): void {
    if (depth.length !== width * height) throw new RangeError('depth length does not match width x height');
    this.device.queue.writeBuffer(this.resize(width, height), 0, depth.buffer, depth.byteOffset, depth.byteLength);
  }

  /**
   * Makes the input buffer and texture fit an image size (reallocating only on a
   * change) and returns the input buffer, for kernels that write the values to
   * colour straight into it instead of uploading them.
   */
  resize(width: number, height: number): GPUBuffer {
    if (width !== this.width || height !== this.height || !this.depthBuffer) this.allocate(width, height);
    return this.depthBuffer!;
  }

  setTable(rgb: Uint8Array): void {
    this.device.queue.writeBuffer(this.tableBuffer, 0, packTable(rgb));
  }

  setParams(p: ColorizeParams): void {
    // Kept, because the uniform holds the image size too: a resize rewrites it.
    this.params = p;
    const data = new ArrayBuffer(32);
    const u = new Uint32Array(data);
    const f = new Float32Array(data);
    u[0] = this.width;
    u[1] = this.height;
    f[2] = p.lo;
    f[3] = p.hi;
    u[4] = p.logScale ? 1 : 0;
    u[5] = p.reverse ? 1 : 0;
    u[6] = Math.max(1, Math.round(p.checkerPx));
    this.device.queue.writeBuffer(this.paramsBuffer, 0, data);
  }

  /** Records the colormap dispatch into `encoder`. */
  encode(encoder: GPUCommandEncoder): void {
    if (!this.bindGroup) return;
    const pass = encoder.beginComputePass({ label: 'colormap-pass' });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup);
    pass.dispatchWorkgroups(Math.ceil(this.width / WORKGROUP), Math.ceil(this.height / WORKGROUP));
    pass.end();
  }

  run(): void {
    const encoder = this.device.createCommandEncoder({ label: 'colormap' });
    this.encode(encoder);
    this.device.queue.submit([encoder.finish()]);
  }

  destroy(): void {
    this.depthBuffer?.destroy();
    this.outTexture?.destroy();
    this.paramsBuffer.destroy();
    this.tableBuffer.destroy();
    this.depthBuffer = null;
    this.outTexture = null;
    this.bindGroup = null;
  }

  private allocate(width: number, height: number): void {
    this.depthBuffer?.destroy();
    this.outTexture?.destroy();
    this.width = width;
    this.height = height;
    this.depthBuffer = this.device.createBuffer({
      label: 'depth-metres',
      size: Math.max(4, width * height * 4),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC,
    });
    this.outTexture = this.device.createTexture({
      label: 'heatmap-rgba8',
      size: { width, height },
      format: 'rgba8unorm',
      usage:
        GPUTextureUsage.STORAGE_BINDING | GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_SRC,
    });
    this.bindGroup = this.device.createBindGroup({
      label: 'colormap-bindings',
      layout: this.pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: this.paramsBuffer } },
        { binding: 1, resource: { buffer: this.depthBuffer } },
        { binding: 2, resource: { buffer: this.tableBuffer } },
        { binding: 3, resource: this.outTexture.createView() },
      ],
    });
    if (this.params) this.setParams(this.params);
  }
}
