/**
 * The watchdog of the workers that read files (issue 13): a file may be crafted
 * to keep a decoder busy for hours, and a worker busy in a loop cannot be asked
 * to stop; only terminate() ends it. So the page, not the worker, keeps time:
 * a request that has not answered within WORKER_TIME_LIMIT_MS is stopped, its
 * worker terminated and replaced for the next request, and the user told which
 * file and why. Used by the load client (the map and the Compare reference) and
 * by the batch evaluation.
 *
 * feed() restarts the clock: a worker's progress message ("decoding", then
 * "computing depth and statistics"; the batch's "starting pair k") proves it is
 * still going. Each of those steps then has the whole limit to itself, so a
 * large but honest file is not cut off because two slow steps add up to more
 * than 10 s, while a step that hangs is still stopped 10 s after it began. The
 * total stays bounded: our own code posts the progress, at a few fixed points,
 * and a decoder stuck in a loop posts nothing, so a hostile file cannot keep
 * feeding the watchdog.
 */

/** How long a worker may go without answering or reporting progress. */
export const WORKER_TIME_LIMIT_MS = 10_000;

/** What the watchdog needs of the clock (the real one, or Vitest's fake timers). */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Watchdog {
  /** The worker showed progress: the clock starts again. */
  feed(): void;
  /** The request answered (or was given up): no more barking. */
  stop(): void;
}

/** Calls `onHang` once if `limitMs` pass without feed() or stop(). */
export function startWatchdog(onHang: () => void, limitMs = WORKER_TIME_LIMIT_MS, timers: Timers = realTimers): Watchdog {
  let handle: unknown = null;
  let stopped = false;
  const arm = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = timers.setTimeout(() => {
      handle = null;
      if (stopped) return;
      stopped = true;
      onHang();
    }, limitMs);
  };
  arm();
  return {
    feed: () => {
      if (!stopped) arm();
    },
    stop: () => {
      stopped = true;
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
  };
}

/** Why a request was stopped by the watchdog; `limitMs` is what it was given. */
export class WorkerTimedOut extends Error {
  constructor(readonly limitMs: number) {
    super(`it did not finish within ${formatSeconds(limitMs)} (the file may be crafted to hang the reader, or too large for this machine)`);
    this.name = 'WorkerTimedOut';
  }
}

/** A request lost because the worker was terminated for another request that hung. */
export class WorkerRestarted extends Error {
  constructor(readonly limitMs: number) {
    super(`the file reader was restarted because an earlier file did not finish within ${formatSeconds(limitMs)}; please open it again`);
    this.name = 'WorkerRestarted';
  }
}

export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toPrecision(3))} s`;
}

/**
 * The sentence for a stopped load, e.g. `Reading “x.tif” was stopped: it did not
 * finish within 10 s (…). The previous image is kept.` `what`: “x.tif”, or the reference “x.tif”.
 */
export function stoppedSentence(what: string, e: WorkerTimedOut, kept: string): string {
  return `Reading ${what} was stopped: ${e.message}. ${kept}`;
}
