/**
 * The normals and edges views on the GPU: normals (or the discontinuity mask)
 * of the chain's output, then drawn into the heatmap texture at the raw image's
 * size. Scratch buffers are kept for as long as the filtered size stays.
 */
import normalsViewWgsl from '../../shaders/normals-view.wgsl?raw';
import edgeOverlayWgsl from '../../shaders/edge-overlay.wgsl?raw';
import type { PinholeIntrinsics } from '../core/filters/depth-field';
import type { Size } from './gpu-stage';
import { computePipeline } from './pipeline-cache';
import { discontinuityMaskPass, normalsPass } from './stages';
import { storageBuffer, TILE, Uniform, u32s } from './stages/kernel';

export interface SurfaceInput {
  depth: GPUBuffer;
  size: Size;
  factor: number;
}

export class SurfaceViewPass {
  private readonly normals;
  private readonly mask;
  private readonly viewPipeline: GPUComputePipeline;
  private readonly overlayPipeline: GPUComputePipeline;
  private readonly uniform: Uniform;
  private scratch: GPUBuffer | null = null;
  private scratchCount = 0;

  constructor(private readonly device: GPUDevice) {
    this.normals = normalsPass(device);
    this.mask = discontinuityMaskPass(device);
    this.viewPipeline = computePipeline(device, 'normals-view', normalsViewWgsl);
    this.overlayPipeline = computePipeline(device, 'edge-overlay', edgeOverlayWgsl);
    this.uniform = new Uniform(device, 'surface-view-params', 8);
  }

  /** Normal-map colours of the filtered surface into `target` (raw image size). */
  encodeNormals(encoder: GPUCommandEncoder, input: SurfaceInput, intr: PinholeIntrinsics, target: GPUTexture, checkerPx: number): void {
    const buffer = this.scratchFor(3 * input.size.width * input.size.height);
    this.normals.encode(encoder, input.depth, buffer, input.size, intr);
    this.draw(encoder, this.viewPipeline, buffer, input, target, checkerPx);
  }

  /** White depth edges over what `target` already shows. */
  encodeEdges(encoder: GPUCommandEncoder, input: SurfaceInput, relativeJump: number, target: GPUTexture): void {
    const buffer = this.scratchFor(input.size.width * input.size.height);
    this.mask.encode(encoder, input.depth, buffer, input.size, relativeJump);
    this.draw(encoder, this.overlayPipeline, buffer, input, target, 1);
  }

  destroy(): void {
    this.normals.destroy();
    this.mask.destroy();
    this.uniform.destroy();
    this.scratch?.destroy();
  }

  private draw(encoder: GPUCommandEncoder, pipeline: GPUComputePipeline, data: GPUBuffer, input: SurfaceInput, target: GPUTexture, checkerPx: number) {
    this.uniform.write([
      ...u32s(target.width, target.height, input.size.width, input.size.height, input.factor, checkerPx),
    ]);
    // One bind group per draw: these views are drawn on a change, not every frame.
    const group = this.device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: this.uniform.buffer } },
        { binding: 1, resource: { buffer: data } },
        { binding: 2, resource: target.createView() },
      ],
    });
    const pass = encoder.beginComputePass({ label: pipeline.label });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(Math.ceil(target.width / TILE), Math.ceil(target.height / TILE));
    pass.end();
  }

  private scratchFor(count: number): GPUBuffer {
    if (!this.scratch || count > this.scratchCount) {
      this.scratch?.destroy();
      this.scratch = storageBuffer(this.device, 'surface-scratch', count);
      this.scratchCount = count;
    }
    return this.scratch;
  }
}
