/**
 * Main-thread side of the load worker: one worker, requests numbered, and
 * answers to superseded requests ignored (the newest file or unit change wins).
 */
import type { RawDepthImage } from '../core/depth-image';
import type { UnitSettings } from '../core/units';
import type { AnalysisMessage, DecodeOptions, LoadTimings, WorkerRequest, WorkerResponse } from './load-protocol';

export interface LoadResult {
  raw: RawDepthImage;
  units: UnitSettings;
  analysis: AnalysisMessage;
  timings: LoadTimings;
}

/** Thrown for a request that a newer request replaced; callers ignore it. */
export class Superseded extends Error {}

type Pending = { resolve: (r: WorkerResponse) => void; reject: (e: Error) => void; onStage?: (stage: string) => void };

export class LoadClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private latest: Record<WorkerRequest['kind'], number> = { load: 0, analyze: 0 };

  private get w(): Worker {
    if (!this.worker) {
      this.worker = new Worker(new URL('./load-worker.ts', import.meta.url), { type: 'module', name: 'depth-loader' });
      this.worker.onmessage = (e: MessageEvent<WorkerResponse>) => this.receive(e.data);
      this.worker.onerror = (e) => {
        for (const p of this.pending.values()) p.reject(new Error(`The file reader stopped: ${e.message}`));
        this.pending.clear();
        this.worker?.terminate();
        this.worker = null;
      };
    }
    return this.worker;
  }

  private receive(msg: WorkerResponse): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.kind === 'progress') {
      p.onStage?.(msg.stage);
      return;
    }
    this.pending.delete(msg.id);
    p.resolve(msg);
  }

  private request(req: WorkerRequest, transfer: Transferable[], onStage?: (stage: string) => void): Promise<WorkerResponse> {
    this.latest[req.kind] = req.id;
    return new Promise<WorkerResponse>((resolve, reject) => {
      this.pending.set(req.id, { resolve, reject, onStage });
      this.w.postMessage(req, transfer);
    }).then((msg) => {
      if (this.latest[req.kind] !== req.id) throw new Superseded();
      if (msg.kind === 'error') throw new Error(msg.message);
      return msg;
    });
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
