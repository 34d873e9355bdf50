/**
 * The fuzz campaign: draws inputs for each target on the main thread and runs
 * them in worker threads under real limits.
 * - Time: each input has `timeBudgetMs`; a worker still busy then is
 *   terminated (a hang cannot be interrupted any other way) and replaced.
 * - Heap: the worker's V8 heap is capped by resourceLimits, so an input that
 *   materialises too much dies as ERR_WORKER_OUT_OF_MEMORY instead of taking
 *   the process (the tab) with it; ArrayBuffer memory, outside that cap, is
 *   measured after each input with the result alive and held to the same budget.
 * Every finding is saved (input bytes + a JSON line) for replay, and the run
 * goes on with a fresh worker.
 */
import { Worker } from 'node:worker_threads';
import { mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { inputSeed, Rng } from './rng';
import { TARGETS } from './targets';
import type { FuzzInput, FuzzTarget } from './target';
import type { WorkReport } from './worker';

export interface CampaignOptions {
  targets: readonly string[];
  inputsPerTarget: number;
  seed: number;
  /** Per-input wall-clock limit, ms. */
  timeBudgetMs: number;
  /** Per-input memory limit, MiB: the worker's old generation, and the ArrayBuffer memory a result may hold. */
  heapBudgetMb: number;
  workers: number;
  /** Where findings are written (input files and findings.jsonl). */
  saveDir: string;
  /** Called with each target's line as it finishes. */
  onTarget?: (stats: TargetStats) => void;
}

export type FindingKind = 'escape' | 'over_time' | 'over_heap' | 'bad_message';

export interface Finding {
  target: string;
  kind: FindingKind;
  seed: number;
  index: number;
  detail: string;
  /** The saved input, for FUZZ_REPLAY. */
  file: string;
}

export interface TargetStats {
  target: string;
  inputs: number;
  accepted: number;
  refused: number;
  escapes: number;
  over_time: number;
  over_heap: number;
  bad_messages: number;
  max_ms: number;
  p99_ms: number;
  max_mb: number;
  seconds: number;
  seed: number;
  /** True when the target was stopped after STOP_AFTER_FINDINGS findings. */
  stopped: boolean;
  findings: Finding[];
}

/** Findings saved per target and kind; the counts go on beyond it. */
const SAVED_PER_KIND = 10;
/** A target with this many failures is stopped: each hang costs the budget plus a worker restart, and one is enough to act on. */
const STOP_AFTER_FINDINGS = 50;

type Outcome = WorkReport | { outcome: 'over_time' | 'over_heap' | 'crash'; ms: number; memoryMb: number; detail: string };

/** One worker thread, replaced whenever an input kills it or is killed. */
class WorkerSlot {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private settle: ((o: Outcome) => void) | null = null;

  constructor(private readonly heapBudgetMb: number) {}

  private start(): Promise<void> {
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./worker.ts', import.meta.url).href },
      resourceLimits: { maxOldGenerationSizeMb: this.heapBudgetMb, maxYoungGenerationSizeMb: Math.min(32, this.heapBudgetMb / 4), stackSizeMb: 4 },
      stdout: true, // a target's console output would drown the JSON lines: read and dropped below
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    this.worker = worker;
    return new Promise((resolve, reject) => {
      worker.on('message', (m: WorkReport | 'ready') => {
        if (m === 'ready') resolve();
        else this.finish(m);
      });
      worker.on('error', (e: Error & { code?: string }) => {
        const memory = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
        reject(e);
        this.finish({ outcome: memory ? 'over_heap' : 'crash', ms: 0, memoryMb: memory ? this.heapBudgetMb : 0, detail: `${e.code ?? e.name}: ${e.message}` });
        this.drop(worker);
      });
      worker.on('exit', (code) => {
        reject(new Error(`the fuzz worker exited with code ${code} before it was ready`));
        this.finish({ outcome: 'crash', ms: 0, memoryMb: 0, detail: `worker exited with code ${code}` });
        this.drop(worker);
      });
    });
  }

  private drop(worker: Worker): void {
    if (this.worker === worker) {
      this.worker = null;
      this.ready = null;
    }
  }

  private finish(o: Outcome): void {
    const settle = this.settle;
    this.settle = null;
    settle?.(o);
  }

  async run(target: string, input: FuzzInput, timeBudgetMs: number): Promise<Outcome> {
    this.ready ??= this.start();
    await this.ready;
    const worker = this.worker as Worker;
    return new Promise<Outcome>((resolve) => {
      const t0 = performance.now();
      let done = false;
      const timer = setTimeout(() => {
        // Node runs due timers before it delivers worker messages: after the main thread was busy
        // (drawing a large input), a report that came in time would lose to this timer. setImmediate
        // runs after the pending messages are delivered, so only a worker still busy is killed.
        setImmediate(() => {
          if (done) return;
          this.finish({ outcome: 'over_time', ms: performance.now() - t0, memoryMb: 0, detail: `still running after ${timeBudgetMs} ms; worker terminated` });
          this.drop(worker);
          void worker.terminate();
        });
      }, timeBudgetMs);
      this.settle = (o) => {
        done = true;
        clearTimeout(timer);
        resolve(o);
      };
      worker.postMessage({ target, input, memoryBudgetMb: this.heapBudgetMb });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    if (worker) {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

const round = (x: number) => Math.round(x * 10) / 10;

export function saveInput(dir: string, name: string, input: FuzzInput): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.${typeof input === 'string' ? 'txt' : 'bin'}`);
  writeFileSync(file, input);
  return file;
}

async function runTarget(name: string, options: CampaignOptions, slots: WorkerSlot[], registry: ReadonlyMap<string, FuzzTarget>): Promise<TargetStats> {
  const target = registry.get(name);
  if (target === undefined) throw new Error(`no fuzz target "${name}"; known: ${[...TARGETS.keys()].join(', ')}`);
  const corpus = target.corpus();
  const stats: TargetStats = {
    target: name, inputs: 0, accepted: 0, refused: 0, escapes: 0, over_time: 0, over_heap: 0, bad_messages: 0,
    max_ms: 0, p99_ms: 0, max_mb: 0, seconds: 0, seed: options.seed, stopped: false, findings: [],
  };
  const times: number[] = [];
  const t0 = performance.now();
  let next = 0;

  const record = (index: number, input: FuzzInput, kind: FindingKind, detail: string) => {
    const counts = { escape: 'escapes', over_time: 'over_time', over_heap: 'over_heap', bad_message: 'bad_messages' } as const;
    stats[counts[kind]]++;
    if (stats.findings.filter((f) => f.kind === kind).length >= SAVED_PER_KIND) return;
    const file = saveInput(options.saveDir, `${name}-${kind}-seed${options.seed}-${index}`, input);
    const finding: Finding = { target: name, kind, seed: options.seed, index, detail, file };
    stats.findings.push(finding);
    appendFileSync(path.join(options.saveDir, 'findings.jsonl'), `${JSON.stringify(finding)}\n`);
  };

  const lane = async (slot: WorkerSlot) => {
    while (next < options.inputsPerTarget) {
      if (failures(stats) >= STOP_AFTER_FINDINGS) {
        stats.stopped = true;
        return;
      }
      const index = next++;
      const input = target.generate(new Rng(inputSeed(options.seed, name, index)), corpus);
      const o = await slot.run(name, input, options.timeBudgetMs);
      stats.inputs++;
      times.push(o.ms);
      stats.max_mb = Math.max(stats.max_mb, round(o.memoryMb));
      if (o.outcome === 'accepted') stats.accepted++;
      else if (o.outcome === 'refused') stats.refused++;
      else if (o.outcome === 'bad-message') record(index, input, 'bad_message', o.detail ?? '');
      else if (o.outcome === 'over_time') record(index, input, 'over_time', o.detail);
      else if (o.outcome === 'over_heap') record(index, input, 'over_heap', o.detail);
      else record(index, input, 'escape', o.detail ?? '');
      if (o.ms > options.timeBudgetMs && o.outcome !== 'over_time') record(index, input, 'over_time', `took ${round(o.ms)} ms`);
      if (o.memoryMb > options.heapBudgetMb && o.outcome !== 'over_heap') record(index, input, 'over_heap', `holds ${round(o.memoryMb)} MiB after the run`);
    }
  };
  await Promise.all(slots.map(lane));
  times.sort((a, b) => a - b);
  stats.max_ms = round(times[times.length - 1] ?? 0);
  stats.p99_ms = round(percentile(times, 0.99));
  stats.seconds = round((performance.now() - t0) / 1000);
  return stats;
}

/**
 * Runs every target in turn; the workers are shared between targets and replaced
 * as inputs kill them. `registry` draws the inputs (the workers always run TARGETS).
 */
export async function runCampaign(options: CampaignOptions, registry: ReadonlyMap<string, FuzzTarget> = TARGETS): Promise<TargetStats[]> {
  const slots = Array.from({ length: options.workers }, () => new WorkerSlot(options.heapBudgetMb));
  const all: TargetStats[] = [];
  try {
    for (const name of options.targets) {
      const stats = await runTarget(name, options, slots, registry);
      options.onTarget?.(stats);
      all.push(stats);
    }
  } finally {
    await Promise.all(slots.map((s) => s.close()));
  }
  return all;
}

/**
 * The findings that fail a run: escapes, inputs over a budget, and messages that
 * are no readable sentence (a person reads them; every quote of file or link
 * text goes through core/quoted-text.ts).
 */
export function failures(stats: TargetStats): number {
  return stats.escapes + stats.over_time + stats.over_heap + stats.bad_messages;
}
