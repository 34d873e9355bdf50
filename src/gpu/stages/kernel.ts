/**
 * What every GPU stage is built from: a compute pipeline whose bind groups are
 * cached per set of buffers (a chain binds the same few buffers every frame, so
 * steady-state frames create no GPU objects), and a uniform buffer written in
 * place. Bindings are numbered in the order the buffers are given.
 */
import { computePipeline } from '../pipeline-cache';

/** Workgroup side of the per-pixel kernels (8 x 8) and size of the per-line ones (64). */
export const TILE = 8;
export const LINE_GROUP = 64;

// Buffer identities for bind-group keys, shared by all kernels.
const ids = new WeakMap<GPUBuffer, number>();
let nextId = 1;
function idOf(buffer: GPUBuffer): number {
  let id = ids.get(buffer);
  if (id === undefined) {
    id = nextId++;
    ids.set(buffer, id);
  }
  return id;
}

// Old groups reference buffers a resize destroyed; past this many the cache starts over.
const MAX_GROUPS = 32;

export class Kernel {
  readonly pipeline: GPUComputePipeline;
  private readonly groups = new Map<string, GPUBindGroup>();

  constructor(
    private readonly device: GPUDevice,
    label: string,
    code: string,
    constants: Record<string, number> = {},
    entryPoint = 'main',
  ) {
    this.pipeline = computePipeline(device, label, code, constants, entryPoint);
  }

  /**
   * Records one dispatch of x * y workgroups with binding k = buffers[k] (nothing if
   * empty); a null leaves binding k out, for an entry point that does not use it.
   */
  dispatch(pass: GPUComputePassEncoder, buffers: readonly (GPUBuffer | null)[], x: number, y = 1): void {
    if (x === 0 || y === 0) return;
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup(buffers));
    pass.dispatchWorkgroups(x, y);
  }

  /** Records one dispatch whose workgroup counts the GPU wrote into `args` (3 u32 at `offset`): work sized on the GPU, never read back. */
  dispatchIndirect(pass: GPUComputePassEncoder, buffers: readonly GPUBuffer[], args: GPUBuffer, offset = 0): void {
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup(buffers));
    pass.dispatchWorkgroupsIndirect(args, offset);
  }

  /** One dispatch per pixel of a width x height image, in 8 x 8 tiles. */
  dispatchPixels(pass: GPUComputePassEncoder, buffers: readonly GPUBuffer[], width: number, height: number): void {
    this.dispatch(pass, buffers, Math.ceil(width / TILE), Math.ceil(height / TILE));
  }

  private bindGroup(buffers: readonly (GPUBuffer | null)[]): GPUBindGroup {
    const key = buffers.map((buffer) => (buffer ? idOf(buffer) : 0)).join(':');
    let group = this.groups.get(key);
    if (!group) {
      if (this.groups.size >= MAX_GROUPS) this.groups.clear();
      group = this.device.createBindGroup({
        label: `${this.pipeline.label}-bindings`,
        layout: this.pipeline.getBindGroupLayout(0),
        entries: buffers.flatMap((buffer, binding) => (buffer ? [{ binding, resource: { buffer } }] : [])),
      });
      this.groups.set(key, group);
    }
    return group;
  }

  destroy(): void {
    this.groups.clear();
  }
}

/** One 32-bit field of a kernel's Params struct. */
export type ParamWord = { f32: number } | { u32: number };

/** Uniform words from numbers: whole (u32) or float (f32). */
export const u32s = (...values: number[]): ParamWord[] => values.map((u32) => ({ u32 }));
export const f32s = (...values: number[]): ParamWord[] => values.map((f32) => ({ f32 }));

/** A uniform buffer of `words` 32-bit fields (rounded up to 16 bytes), rewritten in place. */
export class Uniform {
  readonly buffer: GPUBuffer;
  private readonly data: ArrayBuffer;
  private readonly u: Uint32Array;
  private readonly f: Float32Array;

  constructor(
    private readonly device: GPUDevice,
    label: string,
    words: number,
  ) {
    this.data = new ArrayBuffer(Math.ceil(words / 4) * 16);
    this.u = new Uint32Array(this.data);
    this.f = new Float32Array(this.data);
    this.buffer = device.createBuffer({ label, size: this.data.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  }

  /** Writes the fields in declaration order (the WGSL struct's). */
  write(fields: readonly ParamWord[]): void {
    if (fields.length > this.u.length) throw new RangeError(`${this.buffer.label}: ${fields.length} fields for ${this.u.length} words`);
    fields.forEach((field, k) => {
      if ('f32' in field) this.f[k] = field.f32;
      else this.u[k] = field.u32;
    });
    this.device.queue.writeBuffer(this.buffer, 0, this.data);
  }

  destroy(): void {
    this.buffer.destroy();
  }
}

/** A storage buffer of `count` 32-bit values (at least one: empty bindings are invalid). */
export function storageBuffer(device: GPUDevice, label: string, count: number): GPUBuffer {
  return device.createBuffer({
    label,
    size: Math.max(1, count) * 4,
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
  });
}

/**
 * A storage buffer kept between calls and replaced only when a call needs more
 * words than it holds (its contents are not kept then): per-call buffers would
 * be created and destroyed on every evaluation.
 */
export class GrowingStorage {
  private buffer: GPUBuffer | null = null;
  private words = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly label: string,
  ) {}

  /** A buffer of at least `words` 32-bit values. */
  holding(words: number): GPUBuffer {
    if (!this.buffer || this.words < words) {
      this.buffer?.destroy();
      this.words = words;
      this.buffer = storageBuffer(this.device, this.label, words);
    }
    return this.buffer;
  }

  destroy(): void {
    this.buffer?.destroy();
    this.buffer = null;
    this.words = 0;
  }
}

const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/**
 * The f32 that makes an f32 comparison agree with a float64 one: for every f32 v,
 * v < t (float64)  <=>  v < f32Above(t), and v >= t <=> v >= f32Above(t): the
 * smallest f32 >= t. Plain rounding to nearest may land below t and let the f32
 * just under t through. Clamped to the largest finite f32 (WGSL compilers may
 * assume uniforms are finite).
 */
export function f32Above(t: number): number {
  if (t >= 3.4028234663852886e38) return 3.4028234663852886e38;
  if (t <= -3.4028234663852886e38) return -3.4028234663852886e38;
  scratch[0] = t;
  if (scratch[0] >= t) return scratch[0];
  // Rounded down: step one ulp up (towards +Infinity), by the sign of the result.
  if (scratch[0] === 0) return 1.401298464324817e-45; // t in (0, smallest subnormal / 2)
  scratchBits[0] += scratch[0] > 0 ? 1 : -1;
  return scratch[0];
}

/** The largest f32 <= t: v <= t (float64) <=> v <= f32Below(t) for every f32 v. */
export function f32Below(t: number): number {
  return -f32Above(-t);
}

/** A pass of one kernel and its uniform (`label`-params), made once and reused for every frame. */
export abstract class KernelPass {
  protected readonly kernel: Kernel;
  protected readonly uniform: Uniform;

  constructor(device: GPUDevice, label: string, code: string, uniformWords: number) {
    this.kernel = new Kernel(device, label, code);
    this.uniform = new Uniform(device, `${label}-params`, uniformWords);
  }

  destroy(): void {
    this.kernel.destroy();
    this.uniform.destroy();
  }
}
