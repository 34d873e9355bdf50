/**
 * Main-thread side of the load worker (a WatchedWorker): the newest file or
 * unit change wins, and a request that hangs is stopped and its worker replaced.
 */
import type { RawDepthImage } from '../core/depth-image';
import type { UnitSettings } from '../core/units';
import type { AnalysisMessage, DecodeOptions, LoadTimings, WorkerRequest, WorkerResponse } from './load-protocol';
import { WORKER_TIME_LIMIT_MS } from './worker-watchdog';
import { Superseded, WatchedWorker } from './watched-worker';

export interface LoadResult {
  raw: RawDepthImage;
  units: UnitSettings;
  analysis: AnalysisMessage;
  timings: LoadTimings;
}

export { Superseded };

// Written out here, whole, so that Vite finds and bundles the worker.
const startLoadWorker = () => new Worker(new URL('./load-worker.ts', import.meta.url), { type: 'module', name: 'depth-loader' });

export class LoadClient {
  private readonly worker: WatchedWorker<WorkerRequest, WorkerResponse>;

  /** `limitMs`: how long a request may go without an answer or progress (shorter in unit tests). */
  constructor(limitMs = WORKER_TIME_LIMIT_MS) {
    this.worker = new WatchedWorker(startLoadWorker, 'file reader', limitMs);
  }

  async load(
    bytes: ArrayBuffer,
    mime: string,
    decode: DecodeOptions,
    units: UnitSettings,
    keepScale: boolean,
    onStage?: (stage: string) => void,
  ): Promise<LoadResult> {
    const id = this.worker.id();
    const progress = (msg: WorkerResponse) => msg.kind === 'progress' && onStage?.(msg.stage);
    const msg = await this.worker.request({ id, kind: 'load', bytes, mime, decode, units, keepScale }, [bytes], progress);
    if (msg.kind !== 'loaded') throw new Error('load worker: unexpected answer');
    return { raw: msg.raw, units: msg.units, analysis: msg.analysis, timings: msg.timings };
  }

  async analyze(raw: RawDepthImage, units: UnitSettings): Promise<AnalysisMessage> {
    const msg = await this.worker.request({ id: this.worker.id(), kind: 'analyze', raw, units });
    if (msg.kind !== 'analyzed') throw new Error('load worker: unexpected answer');
    return msg.analysis;
  }
}
