/**
 * Running a batch evaluation: pairs the chosen files (core/file-pairing.ts), hands
 * them to a worker (batch.worker.ts) with the Compare panel's settings and the
 * units of the map and the reference, collects the rows as they arrive, and
 * cancels by ending the worker; a pair that hangs is stopped by a watchdog and
 * the batch goes on in a new worker. The state is its own small store.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { DEFAULT_UNITS } from '../core/units';
import { pairFiles, type Pairing } from '../core/file-pairing';
import type { BatchReply, BatchRequest, BatchRow, BatchSettings } from './batch-protocol';
import { compareStore } from './compare-store';
import { store } from './store';
import { startWatchdog, WORKER_TIME_LIMIT_MS, WorkerTimedOut, type Watchdog } from '../io/worker-watchdog';

export interface BatchState {
  predictions: File[];
  references: File[];
  pairing: Pairing<File> | null;
  /** The settings the rows were computed with (shown and exported with them). */
  settings: BatchSettings | null;
  rows: BatchRow[];
  running: boolean;
  /** Pairs done and in all, while running or after. */
  done: number;
  total: number;
  cancelled: boolean;
}

export const batchStore = createStore<BatchState>()(() => ({
  predictions: [],
  references: [],
  pairing: null,
  settings: null,
  rows: [],
  running: false,
  done: 0,
  total: 0,
  cancelled: false,
}));

export const useBatchState = <T>(selector: (s: BatchState) => T): T => useStore(batchStore, selector);

let worker: Worker | null = null;
/** Times the pair the worker is on (src/io/worker-watchdog.ts). */
let watchdog: Watchdog | null = null;

export function chooseBatchFiles(side: 'predictions' | 'references', files: File[]): void {
  const s = { ...batchStore.getState(), [side]: files };
  batchStore.setState({ [side]: files, pairing: pairFiles(s.predictions, s.references) });
}

/** The Compare panel's settings, the map's units for the predictions, the reference's for the references. */
function currentSettings(): BatchSettings {
  const c = compareStore.getState();
  const main = store.getState();
  return {
    method: c.settings.method,
    prediction: c.settings.prediction,
    crop: c.settings.crop,
    cap: c.settings.cap,
    predictionUnits: { units: main.units, explicit: main.scaleExplicit },
    referenceUnits: c.reference ? { units: c.reference.units, explicit: true } : { units: DEFAULT_UNITS, explicit: false },
  };
}

export function startBatch(): void {
  const pairing = batchStore.getState().pairing;
  if (!pairing || pairing.pairs.length === 0) return;
  cancelBatch();
  const settings = currentSettings();
  batchStore.setState({ settings, rows: [], running: true, done: 0, total: pairing.pairs.length, cancelled: false });
  runFrom({ pairs: pairing.pairs, settings }, [], 0);
}

/**
 * Evaluates the pairs from `from` on in a new worker. A pair that neither ends nor
 * lets the next begin within the watchdog's limit (a file crafted to hang the
 * decoder) is marked with the reason, its worker ended, and a new one goes on
 * from the next pair: one bad file costs its row, not the batch.
 */
function runFrom(request: BatchRequest, rows: BatchRow[], from: number): void {
  const mine = new Worker(new URL('./batch.worker.ts', import.meta.url), { type: 'module', name: 'batch-evaluation' });
  worker = mine;
  let current = from;
  const dog = startWatchdog(() => {
    if (worker !== mine) return;
    endWorker();
    rows[current] = { name: request.pairs[current].name, ok: false, error: `Stopped: ${new WorkerTimedOut(WORKER_TIME_LIMIT_MS).message}.` };
    batchStore.setState({ rows: rows.filter(Boolean), done: current + 1 });
    if (current + 1 < request.pairs.length) runFrom(request, rows, current + 1);
    else batchStore.setState({ running: false });
  });
  watchdog = dog;
  mine.onmessage = (e: MessageEvent<BatchReply>) => {
    if (worker !== mine) return;
    dog.feed();
    if (e.data.kind === 'started') current = e.data.index;
    else if (e.data.kind === 'row') {
      rows[e.data.index] = e.data.row;
      batchStore.setState({ rows: rows.filter(Boolean), done: e.data.index + 1 });
    } else {
      endWorker();
      batchStore.setState({ running: false });
    }
  };
  mine.onerror = (e) => {
    if (worker !== mine) return;
    endWorker();
    batchStore.setState({ running: false, rows: [...rows.filter(Boolean), { name: '(batch)', ok: false, error: `The batch worker stopped: ${e.message}` }] });
  };
  mine.postMessage({ ...request, from } satisfies BatchRequest);
}

function endWorker(): void {
  watchdog?.stop();
  watchdog = null;
  worker?.terminate();
  worker = null;
}

export function cancelBatch(): void {
  if (!worker) return;
  endWorker();
  batchStore.setState({ running: false, cancelled: true });
}
