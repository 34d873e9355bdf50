/**
 * Main-thread side of the load worker: one worker, requests numbered, and
 * answers to superseded requests ignored (the newest file or unit change wins).
 * Each request is watched (worker-watchdog.ts): one that neither answers nor
 * reports progress within the limit is stopped with WorkerTimedOut, the worker
 * terminated, and the next request gets a fresh one.
 */
import type { RawDepthImage } from '../core/depth-image';
import type { UnitSettings } from '../core/units';
import type { AnalysisMessage, DecodeOptions, LoadTimings, WorkerRequest, WorkerResponse } from './load-protocol';
import { startWatchdog, WORKER_TIME_LIMIT_MS, WorkerRestarted, WorkerTimedOut, type Watchdog } from './worker-watchdog';

export interface LoadResult {
  raw: RawDepthImage;
  units: UnitSettings;
  analysis: AnalysisMessage;
  timings: LoadTimings;
}

/** Thrown for a request that a newer request replaced; callers ignore it. */
export class Superseded extends Error {}

type Pending = {
  resolve: (r: WorkerResponse) => void;
  reject: (e: Error) => void;
  onStage?: (stage: string) => void;
  watchdog: Watchdog;
};

export class LoadClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private latest: Record<WorkerRequest['kind'], number> = { load: 0, analyze: 0 };

  /** `limitMs`: how long a request may go without an answer or progress (shorter in unit tests). */
  constructor(private readonly limitMs = WORKER_TIME_LIMIT_MS) {}

  private get w(): Worker {
    if (!this.worker) {
      this.worker = new Worker(new URL('./load-worker.ts', import.meta.url), { type: 'module', name: 'depth-loader' });
      this.worker.onmessage = (e: MessageEvent<WorkerResponse>) => this.receive(e.data);
      this.worker.onerror = (e) => this.stopWorker(() => new Error(`The file reader stopped: ${e.message}`));
    }
    return this.worker;
  }

  /** Ends the worker; every request it held is rejected with `why(id)`. The next request starts a new worker. */
  private stopWorker(why: (id: number) => Error): void {
    this.worker?.terminate();
    this.worker = null;
    const lost = [...this.pending];
    this.pending.clear();
    for (const [id, p] of lost) {
      p.watchdog.stop();
      p.reject(why(id));
    }
  }

  /**
   * The worker runs one request at a time, in order: the one that hung is the one
   * that timed out; the requests queued behind it were lost with the worker.
   */
  private stopHung(hungId: number): void {
    this.stopWorker((id) => (id === hungId ? new WorkerTimedOut(this.limitMs) : new WorkerRestarted(this.limitMs)));
  }

  private receive(msg: WorkerResponse): void {
    // Any message shows the worker is still going: the requests queued behind the
    // one it is on get their time counted from when it can start on them.
    for (const q of this.pending.values()) q.watchdog.feed();
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.kind === 'progress') {
      p.onStage?.(msg.stage);
      return;
    }
    p.watchdog.stop();
    this.pending.delete(msg.id);
    p.resolve(msg);
  }

  private request(req: WorkerRequest, transfer: Transferable[], onStage?: (stage: string) => void): Promise<WorkerResponse> {
    this.latest[req.kind] = req.id;
    const superseded = () => this.latest[req.kind] !== req.id;
    return new Promise<WorkerResponse>((resolve, reject) => {
      // The clock starts when the request is sent and restarts with every message from the worker.
      const watchdog = startWatchdog(() => this.stopHung(req.id), this.limitMs);
      this.pending.set(req.id, { resolve, reject, onStage, watchdog });
      this.w.postMessage(req, transfer);
    }).then(
      (msg) => {
        if (superseded()) throw new Superseded();
        if (msg.kind === 'error') throw new Error(msg.message);
        return msg;
      },
      (e: Error) => {
        throw superseded() ? new Superseded() : e;
      },
    );
  }

  async load(
    bytes: ArrayBuffer,
    mime: string,
    decode: DecodeOptions,
    units: UnitSettings,
    keepScale: boolean,
    onStage?: (stage: string) => void,
  ): Promise<LoadResult> {
    const id = this.nextId++;
    const msg = await this.request({ id, kind: 'load', bytes, mime, decode, units, keepScale }, [bytes], onStage);
    if (msg.kind !== 'loaded') throw new Error('load worker: unexpected answer');
    return { raw: msg.raw, units: msg.units, analysis: msg.analysis, timings: msg.timings };
  }

  async analyze(raw: RawDepthImage, units: UnitSettings): Promise<AnalysisMessage> {
    const id = this.nextId++;
    const msg = await this.request({ id, kind: 'analyze', raw, units }, []);
    if (msg.kind !== 'analyzed') throw new Error('load worker: unexpected answer');
    return msg.analysis;
  }
}
