/**
 * The depth model's input made on the GPU (shaders/model-input.wgsl): a camera
 * frame resized, rescaled and normalised into a planar float32 buffer the model
 * reads as `pixel_values`, and the resized pixels as RGBA8 (the point cloud's
 * colours). The frame is copied into a texture on the GPU (copyExternalImageToTexture
 * of the camera's ImageBitmap: on SwiftShader this was faster than a VideoFrame copy
 * or an external texture, whose every read converts YUV, see docs/live.md), or RGBA
 * bytes written to it. Texture, buffers, uniform, pipeline and bind group are kept
 * while the sizes stay.
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
  private output: { pixelValues: GPUBuffer; colour: GPUBuffer } | null = null;
  /** Bound to the current texture and outputs; made again when either is. */
  private group: GPUBindGroup | null = null;

  constructor(private readonly device: GPUDevice) {
    this.pipeline = computePipeline(device, 'model-input', modelInputWgsl);
    this.uniform = device.createBuffer({ label: 'model-input-params', size: PARAM_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  }

  /** The frame texture at this size (made again when the size changes). */
  private frameTexture(width: number, height: number): GPUTexture {
    if (!this.texture || this.texture.width !== width || this.texture.height !== height) {
      this.texture?.destroy();
      this.group = null;
      this.texture = this.device.createTexture({
        label: 'model-input-frame',
        size: [width, height],
        format: 'rgba8unorm',
        // RENDER_ATTACHMENT: copyExternalImageToTexture requires it of its destination.
        usage: GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_DST | GPUTextureUsage.RENDER_ATTACHMENT,
      });
    }
    return this.texture;
  }

  /** A camera frame or picture, copied into the frame texture on the GPU (converted to RGB by the browser). */
  setFrame(source: ImageBitmap | VideoFrame): void {
    const [width, height] = source instanceof VideoFrame ? [source.displayWidth, source.displayHeight] : [source.width, source.height];
    this.device.queue.copyExternalImageToTexture({ source }, { texture: this.frameTexture(width, height) }, [width, height]);
  }

  /** Writes RGBA bytes into the frame texture (tests, and pictures already in memory). */
  setPixels(rgba: Uint8Array<ArrayBuffer> | Uint8ClampedArray<ArrayBuffer>, width: number, height: number): void {
    this.device.queue.writeTexture({ texture: this.frameTexture(width, height) }, rgba, { bytesPerRow: width * 4, rowsPerImage: height }, [width, height]);
  }

  /**
   * Runs the kernel on the current frame. `pixelValues` (3 · width · height f32) and
   * `colour` (width · height RGBA8 words) are reused by the next run.
   */
  run(p: ModelInputParams): { pixelValues: GPUBuffer; colour: GPUBuffer } {
    const texture = this.texture;
    if (!texture) throw new Error('ModelInputPass.run before a frame was set');
    const pixels = p.width * p.height;
    if (!this.output || this.output.colour.size !== pixels * 4) {
      this.group = null;
      this.output?.pixelValues.destroy();
      this.output?.colour.destroy();
      const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC;
      this.output = {
        pixelValues: this.device.createBuffer({ label: 'model-input-pixel-values', size: 3 * pixels * 4, usage }),
        colour: this.device.createBuffer({ label: 'model-input-colour', size: pixels * 4, usage }),
      };
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
        { binding: 2, resource: { buffer: this.output.pixelValues } },
        { binding: 3, resource: { buffer: this.output.colour } },
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
    this.output?.pixelValues.destroy();
    this.output?.colour.destroy();
    this.uniform.destroy();
    this.texture = null;
    this.output = null;
    this.group = null;
  }
}
