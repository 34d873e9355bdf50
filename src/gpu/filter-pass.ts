/**
 * One image-to-image kernel on the shared device: depth buffer in (f32 per
 * pixel, NaN = no depth), depth buffer out, a small uniform of parameters. The
 * pipeline comes from the cache, the uniform buffer is made once, and bind
 * groups are kept per (input, output) pair, so running a chain every frame
 * allocates nothing.
 */
import { computePipeline } from './pipeline-cache';

const WORKGROUP = 8;

export class FilterPass {
  private readonly device: GPUDevice;
  private readonly pipeline: GPUComputePipeline;
  private readonly params: GPUBuffer;
  private readonly bindGroups = new Map<string, GPUBindGroup>();
  private readonly ids = new WeakMap<GPUBuffer, number>();
  private nextId = 1;

  /** `paramsBytes`: size of the WGSL Params struct (a multiple of 16). */
  constructor(device: GPUDevice, label: string, code: string, paramsBytes: number, constants: Record<string, number> = {}) {
    this.device = device;
    this.pipeline = computePipeline(device, label, code, { WORKGROUP_SIZE: WORKGROUP, ...constants });
    this.params = device.createBuffer({ label: `${label}-params`, size: paramsBytes, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  }

  /** Writes the Params struct; its first two u32 are always width and height. */
  setParams(data: ArrayBuffer): void {
    this.device.queue.writeBuffer(this.params, 0, data);
  }

  encode(encoder: GPUCommandEncoder, input: GPUBuffer, output: GPUBuffer, width: number, height: number): void {
    const pass = encoder.beginComputePass({ label: this.pipeline.label });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup(input, output));
    pass.dispatchWorkgroups(Math.ceil(width / WORKGROUP), Math.ceil(height / WORKGROUP));
    pass.end();
  }

  destroy(): void {
    this.params.destroy();
    this.bindGroups.clear();
  }

  private id(buffer: GPUBuffer): number {
    let id = this.ids.get(buffer);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(buffer, id);
    }
    return id;
  }

  private bindGroup(input: GPUBuffer, output: GPUBuffer): GPUBindGroup {
    const key = `${this.id(input)}:${this.id(output)}`;
    let group = this.bindGroups.get(key);
    if (!group) {
      group = this.device.createBindGroup({
        label: `${this.pipeline.label}-bindings`,
        layout: this.pipeline.getBindGroupLayout(0),
        entries: [
          { binding: 0, resource: { buffer: this.params } },
          { binding: 1, resource: { buffer: input } },
          { binding: 2, resource: { buffer: output } },
        ],
      });
      this.bindGroups.set(key, group);
    }
    return group;
  }
}

/** One 32-bit field of a kernel's Params struct. */
export type ParamWord = { f32: number } | { u32: number };

/** The Params struct of a kernel: width, height, then its own fields in declaration order. */
export function packParams(width: number, height: number, fields: ParamWord[] = []): ArrayBuffer {
  const data = new ArrayBuffer(Math.ceil((2 + fields.length) / 4) * 16);
  const u = new Uint32Array(data);
  const f = new Float32Array(data);
  u[0] = width;
  u[1] = height;
  fields.forEach((field, k) => {
    if ('f32' in field) f[2 + k] = field.f32;
    else u[2 + k] = field.u32;
  });
  return data;
}
