import { describe, expect, it } from 'vitest';
import { LiveStats } from './live-stats';

describe('LiveStats', () => {
  it('counts rates over the last second, drops and the last latency', () => {
    const s = new LiveStats();
    // Camera at 30 fps for 2 s; every third frame goes to the model (10 fps), the others are dropped.
    for (let i = 0; i < 60; i++) {
      const t = 1000 + (i * 1000) / 30;
      s.camera(t);
      if (i % 3 === 0) s.depth(t + 50, t);
      else s.drop();
    }
    const now = 1000 + (59 * 1000) / 30 + 50;
    const snap = s.snapshot(now);
    // 30 frames of the last second span 29 intervals of 1/30 s: 30 fps.
    expect(snap.cameraFps).toBeCloseTo(30, 6);
    expect(snap.depthFps).toBeCloseTo(10, 6);
    expect([snap.cameraFrames, snap.depthFrames, snap.dropped, snap.latencyMs]).toEqual([60, 20, 40, 50]);
  });

  it('reads 0 fps once frames stop, and no latency before the first depth frame', () => {
    const s = new LiveStats();
    expect(s.snapshot(0)).toEqual({ cameraFps: 0, depthFps: 0, latencyMs: null, cameraFrames: 0, depthFrames: 0, dropped: 0 });
    s.camera(0);
    s.camera(100);
    expect(s.snapshot(150).cameraFps).toBeCloseTo(10, 6);
    expect(s.snapshot(5000).cameraFps).toBe(0);
  });
});
