/**
 * The live view's rates: camera frames per second, depth frames per second,
 * the latency of each depth frame (camera frame to depth on hand) and frames
 * dropped because the model was still busy. Rates are counted over the last
 * second, so they follow changes quickly and read steadily.
 */

export interface LiveStatsSnapshot {
  cameraFps: number;
  depthFps: number;
  /** Of the last depth frame, ms; null before the first. */
  latencyMs: number | null;
  /** Camera frames, depth frames and dropped frames since the start. */
  cameraFrames: number;
  depthFrames: number;
  dropped: number;
}

const WINDOW_MS = 1000;

/** Events per second over the last WINDOW_MS, from their times (ms, increasing). */
function rate(times: number[], now: number): number {
  while (times.length > 0 && times[0] <= now - WINDOW_MS) times.shift();
  if (times.length < 2) return times.length;
  // n events span n - 1 intervals; before a full window has passed, the span is shorter than it.
  return ((times.length - 1) * 1000) / Math.max(times[times.length - 1] - times[0], 1);
}

export class LiveStats {
  private readonly cameraTimes: number[] = [];
  private readonly depthTimes: number[] = [];
  private cameraFrames = 0;
  private depthFrames = 0;
  private dropped = 0;
  private latencyMs: number | null = null;

  camera(now: number): void {
    this.cameraFrames++;
    this.cameraTimes.push(now);
  }

  /** A camera frame that found the model busy and was let go. */
  drop(): void {
    this.dropped++;
  }

  /** A depth frame arrived at `now` for the camera frame taken at `capturedAt`. */
  depth(now: number, capturedAt: number): void {
    this.depthFrames++;
    this.depthTimes.push(now);
    this.latencyMs = now - capturedAt;
  }

  snapshot(now: number): LiveStatsSnapshot {
    return {
      cameraFps: rate(this.cameraTimes, now),
      depthFps: rate(this.depthTimes, now),
      latencyMs: this.latencyMs,
      cameraFrames: this.cameraFrames,
      depthFrames: this.depthFrames,
      dropped: this.dropped,
    };
  }
}
