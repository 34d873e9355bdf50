/**
 * Running a batch evaluation: pairs the chosen files (batch-pairing.ts), hands
 * them to a worker (batch.worker.ts) with the Compare panel's settings and the
 * units of the map and the reference, collects the rows as they arrive, and
 * cancels by ending the worker. The state is its own small store.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { DEFAULT_UNITS } from '../core/units';
import { pairFiles, type Pairing } from './batch-pairing';
import type { BatchReply, BatchRequest, BatchRow, BatchSettings } from './batch-protocol';
import { compareStore } from './compare-store';
import { store } from './store';

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
  const request: BatchRequest = { pairs: pairing.pairs, settings };
  worker = new Worker(new URL('./batch.worker.ts', import.meta.url), { type: 'module', name: 'batch-evaluation' });
  const rows: BatchRow[] = [];
  batchStore.setState({ settings, rows: [], running: true, done: 0, total: pairing.pairs.length, cancelled: false });
  const mine = worker;
  worker.onmessage = (e: MessageEvent<BatchReply>) => {
    if (worker !== mine) return;
    if (e.data.kind === 'row') {
      rows[e.data.index] = e.data.row;
      batchStore.setState({ rows: rows.filter(Boolean), done: e.data.index + 1 });
    } else {
      batchStore.setState({ running: false });
      mine.terminate();
      worker = null;
    }
  };
  worker.onerror = (e) => {
    batchStore.setState({ running: false, rows: [...rows, { name: '(batch)', ok: false, error: `The batch worker stopped: ${e.message}` }] });
    mine.terminate();
    worker = null;
  };
  worker.postMessage(request);
}

export function cancelBatch(): void {
  if (!worker) return;
  worker.terminate();
  worker = null;
  batchStore.setState({ running: false, cancelled: true });
}
