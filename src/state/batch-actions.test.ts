import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { batchStore, cancelBatch, chooseBatchFiles, startBatch } from './batch-actions';
import type { BatchReply, BatchRequest } from './batch-protocol';
import { NO_ALIGNMENT } from '../core/depth-metrics';
import { WORKER_TIME_LIMIT_MS } from '../io/worker-watchdog';
import { FakeWorker, madeWorkers } from '../io/fake-worker-fixtures';

/** The batch workers made so far (stand-ins that record what they were sent and let the test answer, or hang). */
const workers = () => madeWorkers<BatchRequest, BatchReply>();

const file = (name: string) => ({ name }) as File;
const row = (name: string) => ({ name, ok: true as const, metrics: { absRel: 0.1 } as never, alignment: NO_ALIGNMENT, resampled: false });

describe('running a batch', () => {
  beforeEach(() => {
    FakeWorker.made.length = 0;
    vi.stubGlobal('Worker', FakeWorker);
    chooseBatchFiles('predictions', [file('a.pfm'), file('b.pfm')]);
    chooseBatchFiles('references', [file('a.png'), file('b.png')]);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends the pairs, shows rows and progress as they come, and ends with the worker', () => {
    startBatch();
    const w = workers()[0];
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
    const w = workers()[0];
    w.reply({ kind: 'row', index: 0, row: row('a') });
    cancelBatch();
    expect(w.terminated).toBe(true);
    w.reply({ kind: 'row', index: 1, row: row('b') });
    expect(batchStore.getState()).toMatchObject({ running: false, cancelled: true, done: 1 });
    expect(batchStore.getState().rows.map((r) => r.name)).toEqual(['a']);
  });
});

/** A batch pair that hangs (issue 13) is marked with the reason, its worker is ended, and a new worker goes on from the next pair. */
describe('a batch pair that hangs', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeWorker.made.length = 0;
    vi.stubGlobal('Worker', FakeWorker);
    chooseBatchFiles('predictions', [file('a.pfm'), file('b.pfm'), file('c.pfm')]);
    chooseBatchFiles('references', [file('a.png'), file('b.png'), file('c.png')]);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  /** Starts the batch; its first worker finishes the pairs named, then starts the next one and hangs. */
  const startAndHangAfter = (names: string[]) => {
    startBatch();
    const w = workers()[0];
    names.forEach((name, index) => {
      w.reply({ kind: 'started', index });
      w.reply({ kind: 'row', index, row: row(name) });
    });
    w.reply({ kind: 'started', index: names.length });
    return w;
  };

  it('is marked with the reason, and a new worker goes on from the next pair', () => {
    const first = startAndHangAfter(['a']);
    vi.advanceTimersByTime(WORKER_TIME_LIMIT_MS - 1);
    expect(first.terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(first.terminated).toBe(true);

    const rows = batchStore.getState().rows;
    expect(rows.map((r) => r.name)).toEqual(['a', 'b']);
    expect(rows[1]).toMatchObject({ ok: false, error: expect.stringMatching(/^Stopped: it did not finish within 10 s/) });
    expect(batchStore.getState()).toMatchObject({ running: true, done: 2 });

    const second = workers()[1];
    expect(second.sent[0].from).toBe(2);
    second.reply({ kind: 'started', index: 2 });
    second.reply({ kind: 'row', index: 2, row: row('c') });
    second.reply({ kind: 'done' });
    expect(batchStore.getState()).toMatchObject({ running: false, done: 3, cancelled: false });
    expect(batchStore.getState().rows.map((r) => r.name)).toEqual(['a', 'b', 'c']);
    expect(second.terminated).toBe(true);
  });

  it('ends the batch when the last pair hangs', () => {
    startAndHangAfter(['a', 'b']);
    vi.advanceTimersByTime(WORKER_TIME_LIMIT_MS);
    expect(workers()).toHaveLength(1);
    expect(batchStore.getState()).toMatchObject({ running: false, done: 3 });
    expect(batchStore.getState().rows[2]).toMatchObject({ name: 'c', ok: false });
  });
});
