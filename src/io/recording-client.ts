/**
 * Main-thread side of the recording worker. Opening may take a while (a bag
 * without an index is scanned) and reports progress, which keeps the watchdog
 * fed; a frame request supersedes the one before it, so scrubbing asks only
 * for the frame the slider rests on.
 */
import type { RecordingSummary } from '../core/recording';
import type { UnitSettings } from '../core/units';
import type { AnalysisMessage } from './load-protocol';
import type { RecordingChoice, RecordingFrameData, RecordingInput, RecordingRequest, RecordingResponse } from './recording-protocol';
import { WatchedWorker } from './watched-worker';
import { WORKER_TIME_LIMIT_MS } from './worker-watchdog';

// Written out here, whole, so that Vite finds and bundles the worker.
const startRecordingWorker = () => new Worker(new URL('./recording-worker.ts', import.meta.url), { type: 'module', name: 'recording-reader' });

export class RecordingClient {
  private readonly worker: WatchedWorker<RecordingRequest, RecordingResponse>;

  constructor(limitMs = WORKER_TIME_LIMIT_MS) {
    this.worker = new WatchedWorker(startRecordingWorker, 'recording reader', limitMs);
  }

  async open(input: RecordingInput, choice: RecordingChoice, onProgress?: (stage: string, fraction: number | null) => void): Promise<RecordingSummary> {
    const progress = (msg: RecordingResponse) => msg.kind === 'progress' && onProgress?.(msg.stage, msg.fraction);
    // The worker would resolve a relative address against its own script's URL, not the page's.
    const sent = input.kind === 'url' ? { ...input, url: new URL(input.url, self.location.href).href } : input;
    const msg = await this.worker.request({ id: this.worker.id(), kind: 'open', input: sent, choice }, [], progress);
    if (msg.kind !== 'opened') throw new Error('recording worker: unexpected answer');
    return msg.summary;
  }

  /**
   * Frame `index`, with its analysis in `units` when given; `next`: the frame
   * the worker reads ahead once this one is answered (playback).
   */
  async frame(index: number, colour: boolean, reference: boolean, units?: UnitSettings, next?: number): Promise<{ frame: RecordingFrameData; analysis: AnalysisMessage | null }> {
    const msg = await this.worker.request({ id: this.worker.id(), kind: 'frame', index, colour, reference, units, next });
    if (msg.kind !== 'frame') throw new Error('recording worker: unexpected answer');
    return { frame: msg.frame, analysis: msg.analysis };
  }

  /** Closes the recording: the worker and its cache go. */
  close(): void {
    this.worker.stop();
  }
}
