import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { batchStore, cancelBatch, chooseBatchFiles, startBatch } from './batch-actions';
import type { BatchReply, BatchRequest } from './batch-protocol';
import { NO_ALIGNMENT } from '../core/depth-metrics';

/** A stand-in for the batch worker: records what it was sent and lets the test answer. */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((e: MessageEvent<BatchReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  sent: BatchRequest[] = [];
  terminated = false;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(m: BatchRequest) {
    this.sent.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  reply(r: BatchReply) {
    this.onmessage?.({ data: r } as MessageEvent<BatchReply>);
  }
}

const file = (name: string) => ({ name }) as File;
const row = (name: string) => ({ name, ok: true as const, metrics: { absRel: 0.1 } as never, alignment: NO_ALIGNMENT, resampled: false });

describe('running a batch', () => {
  beforeEach(() => {
    FakeWorker.made = [];
    vi.stubGlobal('Worker', FakeWorker);
    chooseBatchFiles('predictions', [file('a.pfm'), file('b.pfm')]);
    chooseBatchFiles('references', [file('a.png'), file('b.png')]);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends the pairs, shows rows and progress as they come, and ends with the worker', () => {
    startBatch();
    const w = FakeWorker.made[0];
    expect(w.sent[0].pairs.map((p) => p.name)).toEqual(['a', 'b']);
    w.reply({ kind: 'row', index: 0, row: row('a') });
    expect(batchStore.getState()).toMatchObject({ running: true, done: 1, total: 2 });
    w.reply({ kind: 'row', index: 1, row: row('b') });
    w.reply({ kind: 'done' });
    expect(batchStore.getState()).toMatchObject({ running: false, done: 2, cancelled: false });
    expect(batchStore.getState().rows.map((r) => r.name)).toEqual(['a', 'b']);
    expect(w.terminated).toBe(true);
  });

  it('cancel stops the worker, keeps the rows so far, and ignores anything it still sends', () => {
    startBatch();
    const w = FakeWorker.made[0];
    w.reply({ kind: 'row', index: 0, row: row('a') });
    cancelBatch();
    expect(w.terminated).toBe(true);
    w.reply({ kind: 'row', index: 1, row: row('b') });
    expect(batchStore.getState()).toMatchObject({ running: false, cancelled: true, done: 1 });
    expect(batchStore.getState().rows.map((r) => r.name)).toEqual(['a']);
  });
});
