/**
 * The depth model's input made on the GPU (shaders/model-input.wgsl): a camera
 * frame copied into a texture (copyExternalImageToTexture: a GPU copy of a
 * VideoFrame, ImageBitmap or <video>, no CPU pixels), then resized, rescaled
 * and normalised into a planar float32 buffer the model reads as `pixel_values`.
 * The texture, buffer, uniform and bind group are kept while the sizes stay.
 * Reference: src/core/model-input.ts.
 */
import modelInputWgsl from '../../shaders/model-input.wgsl?raw';
import type { ModelInputParams } from '../core/model-input';
import { computePipeline } from './pipeline-cache';
import { TILE } from './stages/kernel';

const PARAM_BYTES = 64;

export class ModelInputPass {
  private readonly pipeline: GPUComputePipeline;
  private readonly uniform: GPUBuffer;
  private texture: GPUTexture | null = null;
  private output: GPUBuffer | null = null;
  private group: GPUBindGroup | null = null;

  constructor(private readonly device: GPUDevice) {
    this.pipeline = computePipeline(device, 'model-input', modelInputWgsl);
    this.uniform = device.createBuffer({ label: 'model-input-params', size: PARAM_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  }

  /** The frame's texture at its size (made again when the size changes). */
  private frameTexture(width: number, height: number): GPUTexture {
    if (this.texture && this.texture.width === width && this.texture.height === height) return this.texture;
    this.texture?.destroy();
    this.group = null;
    this.texture = this.device.createTexture({
      label: 'model-input-frame',
      size: [width, height],
      format: 'rgba8unorm',
      // RENDER_ATTACHMENT: copyExternalImageToTexture requires it of its destination.
      usage: GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_DST | GPUTextureUsage.RENDER_ATTACHMENT,
    });
    return this.texture;
  }

  /** Copies a camera frame or picture into the frame texture (on the GPU). */
  setFrame(source: GPUCopyExternalImageSource, width: number, height: number): void {
    const texture = this.frameTexture(width, height);
    this.device.queue.copyExternalImageToTexture({ source }, { texture }, [width, height]);
  }

  /** Writes RGBA bytes into the frame texture (tests, and frames that are already in memory). */
  setPixels(rgba: Uint8Array<ArrayBuffer> | Uint8ClampedArray<ArrayBuffer>, width: number, height: number): void {
    const texture = this.frameTexture(width, height);
    this.device.queue.writeTexture({ texture }, rgba, { bytesPerRow: width * 4, rowsPerImage: height }, [width, height]);
  }

  /** Runs the kernel on the current frame; the returned buffer (3 · width · height f32) is reused by the next run. */
  run(p: ModelInputParams): GPUBuffer {
    const texture = this.texture;
    if (!texture) throw new Error('ModelInputPass.run before a frame was set');
    const bytes = 3 * p.width * p.height * 4;
    if (!this.output || this.output.size !== bytes) {
      this.output?.destroy();
      this.group = null;
      this.output = this.device.createBuffer({
        label: 'model-input-pixel-values',
        size: bytes,
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
      });
    }
    const words = new ArrayBuffer(PARAM_BYTES);
    new Uint32Array(words, 0, 4).set([texture.width, texture.height, p.width, p.height]);
    new Float32Array(words, 16, 9).set([...p.mean, 0, ...p.std, 0, p.rescale]);
    this.device.queue.writeBuffer(this.uniform, 0, words);
    this.group ??= this.device.createBindGroup({
      label: 'model-input-bindings',
      layout: this.pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: this.uniform } },
        { binding: 1, resource: texture.createView() },
        { binding: 2, resource: { buffer: this.output } },
      ],
    });
    const encoder = this.device.createCommandEncoder({ label: 'model-input' });
    const pass = encoder.beginComputePass();
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.group);
    pass.dispatchWorkgroups(Math.ceil(p.width / TILE), Math.ceil(p.height / TILE));
    pass.end();
    this.device.queue.submit([encoder.finish()]);
    return this.output;
  }

  destroy(): void {
    this.texture?.destroy();
    this.output?.destroy();
    this.uniform.destroy();
    this.texture = this.output = this.group = null;
  }
}
