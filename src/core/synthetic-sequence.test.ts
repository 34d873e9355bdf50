import { describe, expect, it } from 'vitest';
import { makeSyntheticSequence, sampleSurface, sceneSdf, transformPoint } from './synthetic-sequence';
import { rigidTransformProblem } from './tsdf/settings';

describe('synthetic posed RGB-D sequence', () => {
  const seq = makeSyntheticSequence({ width: 40, height: 30, frames: 6, quantiseMm: true });

  it('has rigid camera-to-world poses and sees the room in every pixel', () => {
    expect(seq.frames).toHaveLength(6);
    for (const f of seq.frames) {
      expect(rigidTransformProblem(f.pose)).toBeNull();
      expect(f.trueDepthM.every((z) => z > 0.1 && z < 6)).toBe(true);
    }
  });

  it('back-projects every true depth onto the analytic surface (sdf = 0 within float32 rounding)', () => {
    const pts = sampleSurface(seq, 1);
    expect(pts.length).toBe(3 * 40 * 30 * 6);
    let worst = 0;
    for (let i = 0; i < pts.length; i += 3) worst = Math.max(worst, Math.abs(sceneSdf({ x: pts[i], y: pts[i + 1], z: pts[i + 2] })));
    // Depth is stored as float32 (about 3e-7 relative at <= 6 m): 1e-5 m bounds it with room to spare.
    expect(worst).toBeLessThan(1e-5);
  });

  it('quantises to whole millimetres when asked, and keeps the camera centre at 1.4 m', () => {
    const f = seq.frames[0];
    for (let i = 0; i < f.depthM.length; i++) {
      expect(f.depthMm![i]).toBe(Math.round(f.trueDepthM[i] * 1000));
      expect(f.depthM[i]).toBe(Math.fround(f.depthMm![i] / 1000));
    }
    expect(transformPoint(f.pose, { x: 0, y: 0, z: 0 }).z).toBeCloseTo(1.4, 12);
  });

  it('colours the surfaces and refuses a bad size with a sentence', () => {
    expect(seq.frames[0].rgba.some((v, i) => i % 4 === 0 && v > 0)).toBe(true);
    expect(() => makeSyntheticSequence({ width: 0 })).toThrow(/width must be a whole number/);
  });
});
