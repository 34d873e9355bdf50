/**
 * The watchdog (issue 13) with a fake clock and a fake worker: a request that
 * hangs is stopped at the limit, its worker terminated and replaced, progress
 * restarts the clock, and a request queued behind the hung one is not blamed.
 */
import { FakeWorker, madeWorkers } from './fake-worker-fixtures';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LoadClient, Superseded } from './load-client';
import type { WorkerRequest, WorkerResponse } from './load-protocol';
import { startWatchdog, stoppedSentence, WORKER_TIME_LIMIT_MS, WorkerRestarted, WorkerTimedOut } from './worker-watchdog';
import { DEFAULT_UNITS } from '../core/units';

describe('startWatchdog', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('barks once at the limit, not before', () => {
    const onHang = vi.fn();
    startWatchdog(onHang, 1000);
    vi.advanceTimersByTime(999);
    expect(onHang).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onHang).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(onHang).toHaveBeenCalledTimes(1);
  });

  it('restarts the clock when fed, and never barks once stopped', () => {
    const onHang = vi.fn();
    const dog = startWatchdog(onHang, 1000);
    vi.advanceTimersByTime(900);
    dog.feed();
    vi.advanceTimersByTime(900);
    expect(onHang).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(onHang).toHaveBeenCalledTimes(1);

    const quiet = vi.fn();
    const stopped = startWatchdog(quiet, 1000);
    stopped.stop();
    stopped.feed();
    vi.advanceTimersByTime(5000);
    expect(quiet).not.toHaveBeenCalled();
  });

  it('defaults to 10 s', () => {
    expect(WORKER_TIME_LIMIT_MS).toBe(10_000);
  });

  it('says which file, why, and what stays on screen', () => {
    expect(stoppedSentence('“x.tif”', new WorkerTimedOut(10_000), 'The previous image is kept.')).toBe(
      'Reading “x.tif” was stopped: it did not finish within 10 s (the file may be crafted to hang the reader, or too large for this machine). The previous image is kept.',
    );
  });
});

/** The load workers made so far (stand-ins: they record requests; the test answers, or does not). */
const workers = () => madeWorkers<WorkerRequest, WorkerResponse>();

const raw = { width: 1, height: 1, sampleType: 'uint16', format: 'png', data: new Uint16Array(1), notes: [] } as never;
const analysis = { depth: new Float32Array(1), sortedValid: new Float32Array(1), stats: {} } as never;
const DECODE = { page: 0, pgmByteOrder: 'big' as const };
const load = (client: LoadClient) => client.load(new ArrayBuffer(4), 'image/png', DECODE, DEFAULT_UNITS, false);

describe('LoadClient under the watchdog', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeWorker.made.length = 0;
    vi.stubGlobal('Worker', FakeWorker);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('stops a load that does not answer, terminates its worker, and gives the next load a fresh one', async () => {
    const client = new LoadClient(1000);
    const hung = load(client);
    const outcome = hung.catch((e: unknown) => e);
    vi.advanceTimersByTime(1000);
    expect(await outcome).toBeInstanceOf(WorkerTimedOut);
    expect(workers()[0].terminated).toBe(true);

    const next = load(client);
    expect(workers()).toHaveLength(2);
    const w = workers()[1];
    w.reply({ id: w.sent[0].id, kind: 'loaded', raw, units: DEFAULT_UNITS, analysis, timings: { decodeMs: 1, analyzeMs: 1 } });
    await expect(next).resolves.toMatchObject({ raw });
  });

  it('lets each progress stage have the whole limit', async () => {
    const client = new LoadClient(1000);
    const slow = load(client);
    const w = workers()[0];
    const id = w.sent[0].id;
    w.reply({ id, kind: 'progress', stage: 'decoding' });
    vi.advanceTimersByTime(900);
    w.reply({ id, kind: 'progress', stage: 'computing depth and statistics' });
    vi.advanceTimersByTime(900);
    w.reply({ id, kind: 'loaded', raw, units: DEFAULT_UNITS, analysis, timings: { decodeMs: 900, analyzeMs: 900 } });
    await expect(slow).resolves.toMatchObject({ raw });
    expect(w.terminated).toBe(false);
    vi.advanceTimersByTime(5000);
    expect(w.terminated).toBe(false);
  });

  it('blames the request the worker is on, not the one queued behind it', async () => {
    const client = new LoadClient(1000);
    const first = client.analyze(raw, DEFAULT_UNITS).catch((e: unknown) => e);
    vi.advanceTimersByTime(500);
    const second = load(client).catch((e: unknown) => e);
    vi.advanceTimersByTime(500);
    expect(await first).toBeInstanceOf(WorkerTimedOut);
    expect(await second).toBeInstanceOf(WorkerRestarted);
  });

  it('reports a superseded load that hung as superseded (the newer one speaks)', async () => {
    const client = new LoadClient(1000);
    const older = load(client).catch((e: unknown) => e);
    const newer = load(client).catch((e: unknown) => e);
    vi.advanceTimersByTime(1000);
    expect(await older).toBeInstanceOf(Superseded);
    expect(await newer).toBeInstanceOf(WorkerRestarted);
  });
});
