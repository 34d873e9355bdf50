import { describe, expect, it } from 'vitest';
import { backproject } from './backproject';
import { backprojectPixelThroughLens, projectPointThroughLens } from './intrinsics';
import type { LensDistortion } from './distortion';

const INTR = { fx: 80, fy: 75, cx: 18, cy: 11.5 };
const LENS: LensDistortion = { distortion: 'inverse-brown-conrady', coeffs: [0.1, -0.05, 0.002, -0.001, 0.01] };

describe('backproject through a lens', () => {
  const width = 37;
  const height = 23;
  const depth = Float32Array.from({ length: width * height }, (_, i) => 0.5 + (i % 7) * 0.25);

  it('puts each pixel where backprojectPixelThroughLens does, and it projects back onto the pixel', () => {
    const points = backproject(depth, width, height, INTR, { stride: 1, rayLength: false, lens: LENS });
    for (let v = 0; v < height; v++) {
      for (let u = 0; u < width; u++) {
        const k = 4 * (v * width + u);
        const p = backprojectPixelThroughLens(u, v, depth[v * width + u], { ...INTR, ...LENS });
        expect(points[k]).toBe(Math.fround(p.x));
        expect(points[k + 1]).toBe(Math.fround(p.y));
        const back = projectPointThroughLens(p, { ...INTR, ...LENS });
        expect(Math.hypot(back.u - u, back.v - v)).toBeLessThan(1e-9);
      }
    }
  });

  it("'none' and no lens give the pinhole cloud; a lens moves the corner points", () => {
    const pinhole = backproject(depth, width, height, INTR, { stride: 1, rayLength: false });
    expect(backproject(depth, width, height, INTR, { stride: 1, rayLength: false, lens: { distortion: 'none', coeffs: [1, 1, 1, 1, 1] } })).toEqual(pinhole);
    const distorted = backproject(depth, width, height, INTR, { stride: 1, rayLength: false, lens: LENS });
    expect(distorted[0]).not.toBe(pinhole[0]);
    // z is the stored depth either way.
    expect(distorted[2]).toBe(pinhole[2]);
  });

  it('ray length: z = r / |(a, b, 1)| with the undistorted (a, b)', () => {
    const points = backproject(depth, width, height, INTR, { stride: 3, rayLength: true, lens: LENS });
    const u = 36;
    const v = 21;
    const k = 4 * ((v / 3) * 13 + u / 3);
    const r = depth[v * width + u];
    const unit = backprojectPixelThroughLens(u, v, 1, { ...INTR, ...LENS });
    const z = r / Math.hypot(unit.x, unit.y, 1);
    expect(points[k + 2]).toBe(Math.fround(z));
    expect(points[k]).toBe(Math.fround(unit.x * z));
  });
});
