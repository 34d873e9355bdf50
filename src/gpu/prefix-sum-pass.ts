/**
 * Exclusive prefix sum of n u32 on the GPU (shaders/prefix-sum.wgsl and
 * prefix-sum-add.wgsl): groups of 256 scanned, their totals scanned the same
 * way level by level down to one group, and added back. Stream compaction's
 * middle step (marching cubes: triangle counts in, write offsets out).
 */
import scanWgsl from '../../shaders/prefix-sum.wgsl?raw';
import addWgsl from '../../shaders/prefix-sum-add.wgsl?raw';
import { Kernel, Uniform, storageBuffer } from './stages/kernel';

const GROUP = 256;

/** Workgroups (x, y) for `groups` groups: at most 65535 per dimension. */
export function groupGrid(groups: number): [number, number] {
  return [Math.min(groups, 65535), Math.max(1, Math.ceil(groups / 65535))];
}

export class PrefixSumPass {
  private readonly scan: Kernel;
  private readonly add: Kernel;
  /** Per level k >= 1: the totals of level k - 1's groups, their scan, and the level's size. */
  private readonly levels: { totals: GPUBuffer; scanned: GPUBuffer; n: number; params: Uniform }[] = [];
  private readonly topSums: GPUBuffer;
  private readonly params0: Uniform;

  /** Scans of up to `capacity` values. */
  constructor(
    device: GPUDevice,
    readonly capacity: number,
  ) {
    this.scan = new Kernel(device, 'prefix-sum', scanWgsl);
    this.add = new Kernel(device, 'prefix-sum-add', addWgsl);
    this.params0 = new Uniform(device, 'prefix-sum-params', 1);
    let size = Math.ceil(capacity / GROUP);
    while (size > 1) {
      const params = new Uniform(device, 'prefix-sum-params', 1);
      this.levels.push({ totals: storageBuffer(device, 'prefix-sum-totals', size), scanned: storageBuffer(device, 'prefix-sum-scanned', size), n: size, params });
      size = Math.ceil(size / GROUP);
    }
    this.topSums = storageBuffer(device, 'prefix-sum-top', 1);
  }

  /**
   * Records output[i] = input[0] + ... + input[i - 1] for i < n (1 <= n <= capacity),
   * with only the levels n needs. Sizes are uniforms written now: one scan per submit.
   */
  encode(pass: GPUComputePassEncoder, input: GPUBuffer, output: GPUBuffer, n = this.capacity): void {
    if (!(Number.isInteger(n) && n >= 1 && n <= this.capacity)) throw new RangeError(`A prefix sum of ${n} values does not fit its capacity of ${this.capacity}.`);
    const sizes = [n];
    while (sizes[sizes.length - 1] > GROUP) sizes.push(Math.ceil(sizes[sizes.length - 1] / GROUP));
    const levels = sizes.length - 1; // levels of group totals in use
    const sumsOf = (k: number) => (k < levels ? this.levels[k].totals : this.topSums);
    const paramsOf = (k: number) => (k === 0 ? this.params0 : this.levels[k - 1].params);
    sizes.forEach((size, k) => paramsOf(k).write([{ u32: size }]));
    this.scan.dispatch(pass, [this.params0.buffer, input, output, sumsOf(0)], ...groupGrid(Math.ceil(n / GROUP)));
    for (let k = 0; k < levels; k++) {
      this.scan.dispatch(pass, [this.levels[k].params.buffer, this.levels[k].totals, this.levels[k].scanned, sumsOf(k + 1)], ...groupGrid(Math.ceil(sizes[k + 1] / GROUP)));
    }
    for (let k = levels - 1; k >= 0; k--) {
      const target = k === 0 ? output : this.levels[k - 1].scanned;
      this.add.dispatch(pass, [paramsOf(k).buffer, this.levels[k].scanned, target], ...groupGrid(Math.ceil(sizes[k] / GROUP)));
    }
  }

  destroy(): void {
    this.scan.destroy();
    this.add.destroy();
    this.params0.destroy();
    for (const l of this.levels) {
      l.totals.destroy();
      l.scanned.destroy();
      l.params.destroy();
    }
    this.topSums.destroy();
  }
}
