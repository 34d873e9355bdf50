/**
 * The recording worker's state: the one open Recording and its frame cache.
 * Apart from the worker file so that it runs in Node tests as it does in the
 * browser. Requests are handled one at a time, in order.
 *
 * A frame goes to the main thread as fresh copies of its buffers, transferred
 * (the cache keeps its own), and with its analysis (metres, sorted valid
 * depths, statistics) when the request names units: the main thread then
 * neither deserializes a copy nor sends the depth to the load worker. While a
 * recording plays, the frame after is decoded and analysed as soon as one is
 * answered, so it is ready when asked for.
 */
import { describeError } from '../core/depth-image';
import type { OpenRecordingOptions, Recording } from '../core/recording';
import type { UnitSettings } from '../core/units';
import { analyzeDepth } from './analyze-depth';
import { FrameCache } from './frame-cache';
import type { AnalysisMessage } from './load-protocol';
import type { RecordingFrameData, RecordingInput, RecordingRequest, RecordingResponse } from './recording-protocol';

/**
 * Decoded frames kept for stepping back and looping. 256 MB holds ~40 frames of
 * 1280x720 depth and colour; with the index itself (a few bytes per message)
 * this bounds what a recording costs the tab, whatever the file's size.
 */
export const FRAME_CACHE_BYTES = 256 * 1024 * 1024;

export type RecordingOpener = (input: RecordingInput, options: OpenRecordingOptions) => Promise<Recording>;

function frameBytes(f: RecordingFrameData): number {
  return f.depth.data.byteLength + (f.colour?.rgba.byteLength ?? 0) + (f.reference?.data.byteLength ?? 0);
}

/** A copy of the frame whose buffers can be transferred, and those buffers. */
function transferableCopy(f: RecordingFrameData): { copy: RecordingFrameData; buffers: ArrayBuffer[] } {
  const depth = { ...f.depth, data: f.depth.data.slice() };
  const colour = f.colour && { ...f.colour, rgba: f.colour.rgba.slice() };
  const reference = f.reference && { ...f.reference, data: f.reference.data.slice() };
  const buffers = [depth.data.buffer, colour?.rgba.buffer, reference?.data.buffer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
  return { copy: { index: f.index, depth, colour, reference }, buffers };
}

export class RecordingHost {
  private recording: Recording | null = null;
  private readonly cache = new FrameCache<RecordingFrameData>(FRAME_CACHE_BYTES, frameBytes);
  /** The analysis of the frame read ahead (one frame's worth), used once. */
  private ahead: { index: number; units: string; analysis: AnalysisMessage } | null = null;

  constructor(
    private readonly open: RecordingOpener,
    private readonly post: (msg: RecordingResponse, transfer?: Transferable[]) => void,
  ) {}

  async handle(req: RecordingRequest): Promise<void> {
    try {
      if (req.kind === 'open') {
        const onProgress = (stage: string, fraction: number | null) => this.post({ id: req.id, kind: 'progress', stage, fraction });
        const recording = await this.open(req.input, { ...req.choice, onProgress });
        // The old recording stays until the new one has opened: a bad file loses nothing.
        this.recording = recording;
        this.cache.clear();
        this.ahead = null;
        this.post({ id: req.id, kind: 'opened', summary: recording.summary });
      } else {
        const frame = await this.frame(req.index, req.colour, req.reference);
        const analysis = req.units ? this.analysisOf(frame, req.units) : null;
        const { copy, buffers } = transferableCopy(frame);
        const analysed = analysis ? [analysis.depth.buffer, analysis.sortedValid.buffer] : [];
        this.post({ id: req.id, kind: 'frame', frame: copy, analysis }, [...buffers, ...analysed]);
        if (req.next !== undefined) await this.readAhead(req.next, req.colour, req.reference, req.units);
      }
    } catch (e) {
      this.post({ id: req.id, kind: 'error', message: describeError(e) });
    }
  }

  private analysisOf(frame: RecordingFrameData, units: UnitSettings): AnalysisMessage {
    const key = JSON.stringify(units);
    const ahead = this.ahead;
    this.ahead = null;
    return ahead && ahead.index === frame.index && ahead.units === key ? ahead.analysis : analyzeDepth(frame.depth, units);
  }

  /** Decodes (and analyses) frame `index` into the cache; a failure waits for the request that asks for it. */
  private async readAhead(index: number, colour: boolean, reference: boolean, units: UnitSettings | undefined): Promise<void> {
    const r = this.recording;
    if (!r || !Number.isInteger(index) || index < 0 || index >= r.summary.frames.length) return;
    try {
      const frame = await this.frame(index, colour, reference);
      if (units) this.ahead = { index, units: JSON.stringify(units), analysis: analyzeDepth(frame.depth, units) };
    } catch {
      // Asked for, it is read again and its error answered then.
    }
  }

  private async frame(index: number, colour: boolean, reference: boolean): Promise<RecordingFrameData> {
    const r = this.recording;
    if (!r) throw new Error('No recording is open.');
    if (!Number.isInteger(index) || index < 0 || index >= r.summary.frames.length) {
      throw new Error(`There is no frame ${index + 1}: the recording has ${r.summary.frames.length}.`);
    }
    const cached = this.cache.get(index);
    if (cached && (!colour || cached.colour || !r.summary.frames[index].hasColour) && (!reference || cached.reference || !r.summary.hasReference)) {
      return cached;
    }
    const frame: RecordingFrameData = {
      index,
      depth: await r.readDepth(index),
      colour: colour && r.summary.frames[index].hasColour ? await r.readColour(index) : null,
      reference: reference && r.summary.hasReference ? await r.readReference(index) : null,
    };
    this.cache.set(index, frame);
    return frame;
  }
}
