/**
 * Order statistics of a field on the GPU, exactly, without sorting or reading the
 * field back: shaders/radix-select.wgsl finds the value at each asked rank among the
 * finite values (three rounds of digit counts), and only those values come back (4
 * bytes a rank). Percentiles interpolate between two ranks on the CPU with the same
 * percentileRanks / interpolateRanks as percentileOfSorted (src/core/stats.ts), so
 * they equal it exactly.
 */
import radixSelectWgsl from '../../shaders/radix-select.wgsl?raw';
import { interpolateRanks, percentileRanks } from '../core/stats';
import { readWords } from './reduction';
import { GrowingStorage, Kernel, Uniform, storageBuffer, u32s } from './stages/kernel';

/** The key's digits, high to low: [lowest bit, bits]. */
const ROUNDS: [number, number][] = [
  [21, 11],
  [10, 11],
  [0, 10],
];
const STATE_WORDS = 4; // rank, prefix, mask, padding

/** The f32 whose order key (radix-select.wgsl) is `key`. */
export function valueOfKey(key: number): number {
  const bits = key & 0x80000000 ? key ^ 0x80000000 : ~key;
  return new Float32Array(new Uint32Array([bits >>> 0]).buffer)[0];
}

export class SelectPass {
  private readonly count: Kernel;
  private readonly pick: Kernel;
  private readonly uniforms: Uniform[];
  private readonly counts: GPUBuffer;
  private readonly states: GPUBuffer[] = [];
  private readonly results: GrowingStorage;

  constructor(private readonly device: GPUDevice) {
    this.count = new Kernel(device, 'radix-select-count', radixSelectWgsl, {}, 'count_digits');
    this.pick = new Kernel(device, 'radix-select-pick', radixSelectWgsl, {}, 'pick_digit');
    this.uniforms = ROUNDS.map((_, r) => new Uniform(device, `radix-select-params-${r}`, 4));
    this.counts = storageBuffer(device, 'radix-select-counts', 1 << 11);
    this.results = new GrowingStorage(device, 'radix-select-results');
  }

  /** The values at `ranks` (0-based, each below the field's count of finite values) in ascending order of the finite values. */
  async select(field: GPUBuffer, width: number, height: number, ranks: readonly number[]): Promise<Float32Array> {
    if (ranks.length === 0) return new Float32Array(0);
    ROUNDS.forEach(([shift, bits], r) => this.uniforms[r].write(u32s(width, height, shift, 1 << bits)));
    while (this.states.length < ranks.length) this.states.push(storageBuffer(this.device, `radix-select-state-${this.states.length}`, STATE_WORDS));
    const results = this.results.holding(ranks.length);
    const encoder = this.device.createCommandEncoder({ label: 'radix-select' });
    ranks.forEach((rank, k) => {
      const state = this.states[k];
      this.device.queue.writeBuffer(state, 0, new Uint32Array([rank, 0, 0, 0]));
      ROUNDS.forEach((_, r) => {
        encoder.clearBuffer(this.counts);
        const pass = encoder.beginComputePass({ label: 'radix-select' });
        this.count.dispatchPixels(pass, [this.uniforms[r].buffer, field, state, this.counts], width, height);
        this.pick.dispatch(pass, [this.uniforms[r].buffer, null, state, this.counts], 1);
        pass.end();
      });
      encoder.copyBufferToBuffer(state, 4, results, k * 4, 4);
    });
    const keys = new Uint32Array(await readWords(this.device, results, ranks.length, encoder));
    return Float32Array.from(keys, valueOfKey);
  }

  /** percentileOfSorted(sortedValid(field), p) for each p; n is the field's count of finite values (DepthStatsPass). */
  async percentiles(field: GPUBuffer, width: number, height: number, n: number, ps: readonly number[]): Promise<number[]> {
    const asked = ps.map((p) => percentileRanks(n, p));
    const ranks = [...new Set(asked.flatMap((r) => (r ? [r.i, r.j] : [])))];
    const values = await this.select(field, width, height, ranks);
    const at = (rank: number) => values[ranks.indexOf(rank)];
    return asked.map((r) => (r ? interpolateRanks(r, at(r.i), at(r.j)) : Number.NaN));
  }

  destroy(): void {
    this.count.destroy();
    this.pick.destroy();
    this.uniforms.forEach((u) => u.destroy());
    this.counts.destroy();
    this.states.forEach((s) => s.destroy());
    this.results.destroy();
  }
}
