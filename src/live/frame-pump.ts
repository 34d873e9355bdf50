/**
 * Takes frames from a playing <video> (the camera) as they are presented
 * (requestVideoFrameCallback) and runs the depth model on them one at a time.
 * Frames are never queued: a frame that arrives while the previous one is
 * still in the model, or still being shown, is dropped and counted.
 */
import type { DepthFrame, DepthRunner } from './depth-model-protocol';
import { LiveStats } from './live-stats';

export interface PumpedFrame {
  frame: DepthFrame;
  /** ms spent taking the frame from the video (createImageBitmap). */
  captureMs: number;
}

export class FramePump {
  readonly stats = new LiveStats();
  /** While set, camera frames are counted but not sent to the model. */
  paused = false;
  private stopped = false;
  private busy = false;
  private callback = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly model: DepthRunner,
    /** Shows one depth frame; the next frame is taken only once this settles. */
    private readonly show: (f: PumpedFrame) => Promise<void>,
    private readonly onError: (e: unknown) => void,
  ) {
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    if ('cancelVideoFrameCallback' in this.video) this.video.cancelVideoFrameCallback(this.callback);
  }

  private schedule(): void {
    if (this.stopped) return;
    if ('requestVideoFrameCallback' in this.video) this.callback = this.video.requestVideoFrameCallback(() => this.onFrame());
    // Browsers without it (older Firefox): poll at 30 Hz, the common camera rate.
    else this.timer = setTimeout(() => this.onFrame(), 1000 / 30);
  }

  private onFrame(): void {
    if (this.stopped) return;
    this.schedule();
    if (this.paused) return;
    const now = performance.now();
    this.stats.camera(now);
    if (this.busy) this.stats.drop();
    else void this.process(now);
  }

  private async process(capturedAt: number): Promise<void> {
    this.busy = true;
    try {
      const bitmap = await createImageBitmap(this.video);
      const captureMs = performance.now() - capturedAt;
      const frame = await this.model.run(bitmap); // the model closes the bitmap (the worker's, once transferred)
      if (this.stopped) return;
      await this.show({ frame, captureMs });
      this.stats.depth(performance.now(), capturedAt);
    } catch (e) {
      if (!this.stopped) this.onError(e);
    } finally {
      this.busy = false;
    }
  }
}
