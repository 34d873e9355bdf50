/**
 * The worker side of the harness: runs one input at a time and reports how it
 * ended, how long the target took and the memory its result holds. The main
 * thread enforces the budgets: it terminates this worker when an input overruns
 * the time budget, V8 kills it when the JS heap passes the worker's
 * resourceLimits, and the main thread counts a report whose memory is over the
 * heap budget.
 */
import { parentPort } from 'node:worker_threads';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TARGETS } from './targets';
import { messageProblem, type FuzzInput, type Verdict } from './target';

export interface WorkRequest {
  target: string;
  input: FuzzInput;
  /** Memory above which the worker collects garbage and measures again before reporting. */
  memoryBudgetMb: number;
}

export interface WorkReport {
  outcome: 'accepted' | 'refused' | 'escape' | 'bad-message';
  ms: number;
  /** JS heap used plus ArrayBuffer memory (MiB) just after the run, the result still alive. */
  memoryMb: number;
  /** What escaped, or which message is unreadable and why. */
  detail?: string;
}

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function memoryMb(): number {
  const heap = getHeapStatistics();
  return (heap.used_heap_size + heap.external_memory) / 2 ** 20;
}

function describeError(e: unknown): string {
  if (!(e instanceof Error)) return `non-Error thrown: ${String(e).slice(0, 200)}`;
  const at = e.stack?.split('\n').find((l) => l.trim().startsWith('at ')) ?? '';
  return `${e.name}: ${e.message.slice(0, 300)} ${at.trim()}`;
}

function judge(verdict: Verdict): Pick<WorkReport, 'outcome' | 'detail'> {
  for (const m of verdict.messages) {
    const problem = messageProblem(m);
    if (problem !== null) return { outcome: 'bad-message', detail: `${problem}: ${JSON.stringify(m.slice(0, 400))}` };
  }
  return { outcome: verdict.refused === null ? 'accepted' : 'refused' };
}

/** The last result, kept reachable until the next input so the memory measure includes it (read by nothing else). */
const held: { result?: unknown } = {};

const port = parentPort;
if (port === null) throw new Error('worker.ts runs as a worker thread (see harness.ts)');

port.on('message', ({ target, input, memoryBudgetMb }: WorkRequest) => {
  held.result = undefined;
  const fuzzTarget = TARGETS.get(target);
  const t0 = performance.now();
  let result: Pick<WorkReport, 'outcome' | 'detail'>;
  try {
    if (fuzzTarget === undefined) throw new Error(`no fuzz target "${target}"`);
    const verdict = fuzzTarget.run(input);
    held.result = verdict.value;
    result = judge(verdict);
  } catch (e) {
    result = { outcome: 'escape', detail: describeError(e) };
  }
  const ms = performance.now() - t0;
  let memory = memoryMb();
  // Garbage from earlier inputs counts until a collection: collect only when it matters (a full GC per input would halve the rate).
  if (memory > memoryBudgetMb) {
    collectGarbage();
    memory = memoryMb();
  }
  const report: WorkReport = { ...result, ms, memoryMb: memory };
  port.postMessage(report);
});
port.postMessage('ready');
