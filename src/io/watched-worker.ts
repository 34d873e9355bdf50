/**
 * Main-thread side of a worker that reads untrusted input: one worker,
 * requests numbered, answers to superseded requests ignored (the newest of a
 * kind wins). Each request is watched (worker-watchdog.ts): one that neither
 * answers nor reports progress within the limit is stopped with
 * WorkerTimedOut, the worker terminated, and the next request gets a fresh one.
 * Used by the load client and the recording client.
 */
import { startWatchdog, WorkerRestarted, WorkerTimedOut, type Watchdog } from './worker-watchdog';

/** Thrown for a request that a newer request of the same kind replaced; callers ignore it. */
export class Superseded extends Error {}

interface Message {
  id: number;
  kind: string;
}

type Pending<Res> = {
  resolve: (r: Res) => void;
  reject: (e: Error) => void;
  onProgress?: (msg: Res) => void;
  watchdog: Watchdog;
};

export class WatchedWorker<Req extends Message, Res extends Message> {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending<Res>>();
  private readonly latest = new Map<string, number>();

  /**
   * `create` makes the worker (Vite needs the `new Worker(new URL(...))` written
   * out where the worker's file is known); `what` names it in messages;
   * `limitMs` is how long a request may go without an answer or progress.
   */
  constructor(
    private readonly create: () => Worker,
    private readonly what: string,
    private readonly limitMs: number,
  ) {}

  private get w(): Worker {
    if (!this.worker) {
      this.worker = this.create();
      this.worker.onmessage = (e: MessageEvent<Res>) => this.receive(e.data);
      this.worker.onerror = (e) => this.stop(() => new Error(`The ${this.what} stopped: ${e.message}`));
    }
    return this.worker;
  }

  /** A fresh id for a request. */
  id(): number {
    return this.nextId++;
  }

  /** Ends the worker; every request it held is rejected with `why(id)`. The next request starts a new worker. */
  stop(why: (id: number) => Error = () => new Superseded()): void {
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
    this.stop((id) => (id === hungId ? new WorkerTimedOut(this.limitMs) : new WorkerRestarted(this.limitMs)));
  }

  private receive(msg: Res): void {
    // Any message shows the worker is still going: the requests queued behind the
    // one it is on get their time counted from when it can start on them.
    for (const q of this.pending.values()) q.watchdog.feed();
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.kind === 'progress') {
      p.onProgress?.(msg);
      return;
    }
    p.watchdog.stop();
    this.pending.delete(msg.id);
    p.resolve(msg);
  }

  /** Sends `req`; resolves with the answer (an 'error' answer rejects with its message). */
  request(req: Req, transfer: Transferable[] = [], onProgress?: (msg: Res) => void): Promise<Res> {
    this.latest.set(req.kind, req.id);
    const superseded = () => this.latest.get(req.kind) !== req.id;
    return new Promise<Res>((resolve, reject) => {
      // The clock starts when the request is sent and restarts with every message from the worker.
      const watchdog = startWatchdog(() => this.stopHung(req.id), this.limitMs);
      this.pending.set(req.id, { resolve, reject, onProgress, watchdog });
      this.w.postMessage(req, transfer);
    }).then(
      (msg) => {
        if (superseded()) throw new Superseded();
        if (msg.kind === 'error') throw new Error((msg as Message & { message?: string }).message ?? `the ${this.what} failed`);
        return msg;
      },
      (e: Error) => {
        throw superseded() ? new Superseded() : e;
      },
    );
  }
}
