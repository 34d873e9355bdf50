/**
 * The recording worker's state: the one open Recording and its frame cache.
 * Apart from the worker file so that it runs in Node tests as it does in the
 * browser. Requests are handled one at a time, in order.
 */
import { describeError } from '../core/depth-image';
import type { OpenRecordingOptions, Recording } from '../core/recording';
import { FrameCache } from './frame-cache';
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

export class RecordingHost {
  private recording: Recording | null = null;
  private readonly cache = new FrameCache<RecordingFrameData>(FRAME_CACHE_BYTES, frameBytes);

  constructor(
    private readonly open: RecordingOpener,
    private readonly post: (msg: RecordingResponse) => void,
  ) {}

  async handle(req: RecordingRequest): Promise<void> {
    try {
      if (req.kind === 'open') {
        const onProgress = (stage: string, fraction: number | null) => this.post({ id: req.id, kind: 'progress', stage, fraction });
        const recording = await this.open(req.input, { ...req.choice, onProgress });
        // The old recording stays until the new one has opened: a bad file loses nothing.
        this.recording = recording;
        this.cache.clear();
        this.post({ id: req.id, kind: 'opened', summary: recording.summary });
      } else {
        this.post({ id: req.id, kind: 'frame', frame: await this.frame(req.index, req.colour, req.reference) });
      }
    } catch (e) {
      this.post({ id: req.id, kind: 'error', message: describeError(e) });
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
