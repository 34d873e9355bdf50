/**
 * The filter chain on the GPU: the stages of the store's chain recorded into
 * one command encoder, ping-ponging between two buffers allocated once per
 * image size, so data never leaves the device between stages. Stage objects
 * (pipelines, uniforms, temporal history) are kept per chain entry id, so
 * editing a parameter or moving a stage re-creates nothing, and a temporal
 * stage keeps its history while other stages change around it.
 * The rules (domains, threshold bounds, neighbour pick) are src/core/filter-chain's,
 * the same ones src/core/run-chain-cpu.ts follows.
 */
import { FLOAT_SOURCE, type ChainSource, type StageFault } from '../core/filter-chain';
import { planChain, type ChainCall, type ChainCallKind } from '../core/chain-plan';
import type { ChainItem } from '../core/view-inputs';
import { decimatedSize } from '../core/filters/decimate';
import type { GpuStage, GpuStatefulStage, Size } from './gpu-stage';
import { forgetPipelines } from './pipeline-cache';
import {
  bilateralStage,
  decimateStage,
  disparityStage,
  edgeRejectStage,
  fillFromLeftStage,
  fillFromNeighboursStage,
  medianStage,
  pushPullStage,
  spatialStage,
  temporalStage,
  thresholdStage,
} from './stages';

export type { ChainItem };

export type { StageFault };

const ERROR_FILTERS = ['validation', 'out-of-memory', 'internal'] as const;

/** A call ready to record: which kernel object runs it, with what parameters, and the size of its output. */
interface Planned {
  key: string;
  make: (device: GPUDevice) => GpuStage<unknown>;
  params: unknown;
  /**
   * The output's size for an input of `size`, computed without the stage's GPU
   * objects: the chain sizes its buffers before any stage exists, so that
   * creating a stage happens under the error scopes that name it.
   */
  outputSize: (size: Size) => Size;
}

/** The kernel object that runs each kind of call, typed by that call's parameters. */
const KERNELS: { [K in ChainCallKind]: (device: GPUDevice) => GpuStage<Extract<ChainCall, { kind: K }>['params']> } = {
  threshold: thresholdStage,
  decimate: decimateStage,
  switch: disparityStage,
  median: medianStage,
  bilateral: bilateralStage,
  spatial: spatialStage,
  temporal: temporalStage,
  'fill-left': fillFromLeftStage,
  'fill-neighbours': fillFromNeighboursStage,
  'push-pull': pushPullStage,
  'edge-reject': edgeRejectStage,
};

function plan(key: string, call: ChainCall): Planned {
  const make = KERNELS[call.kind] as (device: GPUDevice) => GpuStage<unknown>;
  if (call.kind !== 'decimate') return { key, make, params: call.params, outputSize: (size) => size };
  const outputSize = (size: Size): Size => {
    const { width, height } = decimatedSize(size.width, size.height, call.params.factor);
    return { width, height };
  };
  return { key, make, params: call.params, outputSize };
}

const isStateful = (s: GpuStage<unknown>): s is GpuStatefulStage<unknown> => 'advance' in s;

type Owned = Planned & { owner: Pick<StageFault, 'id' | 'kind'> };

export class GpuChain {
  private readonly stages = new Map<string, GpuStage<unknown>>();
  private buffers: [GPUBuffer, GPUBuffer] | null = null;
  private capacity = 0;
  /** Keys of stages that failed: reported once, until the chain forgets them. */
  private readonly faulted = new Set<string>();
  /** Called for a stage whose GPU work failed (see StageFault). */
  onFault: (fault: StageFault) => void = () => {};

  constructor(private readonly device: GPUDevice) {}

  /**
   * Runs the enabled stages on the queue, reading `input` (never written), each
   * stage in its own command buffer under error scopes, so that a failure names
   * its stage. Returns the buffer holding the result and its size: `input` itself
   * when no stage is on. Work submitted later reads the result in queue order.
   */
  run(input: GPUBuffer, size: Size, items: readonly ChainItem[], source: ChainSource = FLOAT_SOURCE): { buffer: GPUBuffer; size: Size } {
    const planned: Owned[] = planChain(
      items.map((i) => i.stage),
      source,
    ).map(({ index, call }) => {
      const item = index === null ? null : items[index];
      const owner = item ? { id: item.id, kind: item.stage.kind } : { id: null, kind: 'disparity' as const };
      return { ...plan(item ? `${item.id}:${call.kind}` : 'back-to-depth', call), owner };
    });
    this.forgetExcept(new Set(planned.map((p) => p.key)));
    if (planned.length === 0) return { buffer: input, size };

    // Decimation pads its output to a multiple of 4 (librealsense), which on tiny
    // inputs can exceed the input: size the buffers for the largest stage output.
    // Sized from the plan alone: stages are created below, each under its error scopes.
    let largest = size.width * size.height;
    let probe = size;
    for (const p of planned) {
      probe = p.outputSize(probe);
      largest = Math.max(largest, probe.width * probe.height);
    }
    const [a, b] = this.pingPong(largest);
    let from = input;
    let current = size;
    for (const p of planned) {
      const to = from === a ? b : a;
      const next = this.guarded(p, () => {
        const stage = this.stage(p);
        const encoder = this.device.createCommandEncoder({ label: `chain-${p.key}` });
        stage.encode(encoder, from, to, current, p.params);
        this.device.queue.submit([encoder.finish()]);
        return stage.outputSize(current, p.params);
      });
      // A stage that threw is skipped: the next one reads what this one would have.
      if (next === null) continue;
      current = next;
      from = to;
    }
    return { buffer: from, size: current };
  }

  /**
   * Runs one stage's GPU calls inside error scopes (creation, uniforms, the
   * command buffer and its submission all report there) and reports the first
   * error. A thrown exception (a stage's own check) is reported the same way,
   * and then the stage is skipped (null).
   */
  private guarded(p: Owned, work: () => Size): Size | null {
    for (const filter of ERROR_FILTERS) this.device.pushErrorScope(filter);
    let result: Size | null = null;
    let thrown: unknown = null;
    try {
      result = work();
    } catch (e) {
      thrown = e;
    }
    const popped = ERROR_FILTERS.map(() => this.device.popErrorScope());
    void Promise.all(popped).then((errors) => {
      const found = errors.findIndex((e) => e !== null);
      if (found < 0 && thrown === null) return;
      const error = found >= 0 ? ERROR_FILTERS[ERROR_FILTERS.length - 1 - found] : 'internal';
      const message = found >= 0 ? errors[found]!.message : thrown instanceof Error ? thrown.message : String(thrown);
      this.report(p, error, message);
    });
    return result;
  }

  private report(p: Owned, error: StageFault['error'], message: string): void {
    if (this.faulted.has(p.key)) return;
    this.faulted.add(p.key);
    forgetPipelines(this.device);
    this.onFault({ ...p.owner, error, message });
  }

  /** A new frame of the same sequence follows: temporal stages start from the last frame's state. */
  advance(): void {
    for (const s of this.stages.values()) if (isStateful(s)) s.advance();
  }

  /** A different image: temporal stages forget their history. */
  reset(): void {
    for (const s of this.stages.values()) if (isStateful(s)) s.reset();
  }

  destroy(): void {
    for (const s of this.stages.values()) s.destroy();
    this.stages.clear();
    this.buffers?.forEach((b) => b.destroy());
    this.buffers = null;
    this.capacity = 0;
  }

  private stage(p: Planned): GpuStage<unknown> {
    let stage = this.stages.get(p.key);
    if (!stage) {
      stage = p.make(this.device);
      this.stages.set(p.key, stage);
    }
    return stage;
  }

  private forgetExcept(keep: Set<string>): void {
    for (const [key, stage] of this.stages) {
      if (keep.has(key)) continue;
      stage.destroy();
      this.stages.delete(key);
    }
    for (const key of this.faulted) if (!keep.has(key)) this.faulted.delete(key);
  }

  /** Two buffers of at least `count` values. */
  private pingPong(count: number): [GPUBuffer, GPUBuffer] {
    if (this.buffers && count <= this.capacity) return this.buffers;
    this.buffers?.forEach((b) => b.destroy());
    this.capacity = count;
    const make = (label: string) =>
      this.device.createBuffer({ label, size: Math.max(4, count * 4), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
    this.buffers = [make('chain-ping'), make('chain-pong')];
    return this.buffers;
  }
}
