import { describe, expect, it } from 'vitest';
import { alignCorner, alignDepthToColour, alignDepthToColourBounds, MAX_FOOTPRINT, type SizedLensCamera } from './align-depth';
import { backprojectPixelThroughLens, projectPointThroughLens } from './intrinsics';

const IDENTITY = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
const pinhole = (width: number, height: number, fx: number, cx: number, cy: number): SizedLensCamera => ({
  width,
  height,
  fx,
  fy: fx,
  cx,
  cy,
  distortion: 'none',
  coeffs: [0, 0, 0, 0, 0],
});

describe('alignDepthToColour', () => {
  it("fills librealsense's 2 x 2 rectangle per pixel, nearest wins, the last column and row dropped (hand-checked)", () => {
    // Colour = depth camera moved a quarter pixel: corners u - 0.5 and u + 0.5 land at u - 0.25 and
    // u + 0.75, so pixel u fills columns trunc(u + 0.25) = u and trunc(u + 1.25) = u + 1; the last
    // column's rectangle reaches column W and is dropped whole, as librealsense drops it.
    const depthCam = pinhole(4, 3, 50, 1.5, 1);
    const colourCam = { ...depthCam, cx: 1.75, cy: 1.25 };
    const depth = Float32Array.from([
      4, 3, 2, 9,
      5, 1, 6, 9,
      9, 9, 9, 9,
    ]);
    const out = alignDepthToColour(depth, depthCam, colourCam, IDENTITY);
    // Pixel (x, y) = min of depth (u, v) over u in {x - 1, x} and v in {y - 1, y}, u <= 2, v <= 1.
    expect(Array.from(out)).toEqual([
      4, 3, 2, 2,
      4, 1, 1, 2,
      5, 1, 1, 6,
    ]);
  });

  it('moves the depth by f t / z for a sideways baseline, and keeps the depth pixel own z', () => {
    // 0.1 m to the right at 1 m with f = 100: a point at u shows at u - 10 in the colour camera.
    const cam = pinhole(40, 4, 100, 19.5 + 0.25, 1.75);
    const depthCam = { ...cam, cx: 19.5, cy: 1.5 };
    const depth = new Float32Array(40 * 4).fill(1);
    depth[1 * 40 + 25] = 0.5; // nearer: moves by 20 px
    const t = [1, 0, 0, -0.1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    const out = alignDepthToColour(depth, depthCam, cam, t);
    // u = 25 at z = 0.5: corners 24.5 - 20 + 0.25, 25.5 - 20 + 0.25 -> columns 5 and 6.
    expect(out[1 * 40 + 5]).toBe(0.5);
    expect(out[1 * 40 + 6]).toBe(0.5);
    // The far pixels: column 30 at z = 1 fills columns 20 and 21.
    expect(out[2 * 40 + 20]).toBe(1);
    // Nothing lands right of column 29 (the last depth column, 39, reaches 30 and is dropped).
    expect(Number.isNaN(out[2 * 40 + 31])).toBe(true);
  });

  it('no depth (NaN, 0, negative) writes nothing', () => {
    const cam = pinhole(3, 3, 10, 1.25, 1.25);
    const depthCam = { ...cam, cx: 1, cy: 1 };
    const out = alignDepthToColour(Float32Array.from([Number.NaN, 0, -1, Number.NaN, 0, -1, 1, 1, 1]), depthCam, cam, IDENTITY);
    expect(out.every((v) => Number.isNaN(v))).toBe(true);
  });

  it("corners go through both lenses: alignCorner = project(colour lens, T backproject(depth lens, corner))", () => {
    const depthCam: SizedLensCamera = { ...pinhole(64, 48, 40, 31.5, 23.5), distortion: 'brown-conrady', coeffs: [0.1, -0.02, 0.001, 0.002, 0] };
    const colourCam: SizedLensCamera = { ...pinhole(80, 60, 52, 40.2, 29.1), distortion: 'inverse-brown-conrady', coeffs: [-0.05, 0.06, -0.0004, 0.0008, -0.02] };
    const c = Math.cos(0.01);
    const s = Math.sin(0.01);
    const t = [c, 0, s, 0.015, 0, 1, 0, 0.001, -s, 0, c, 0.0003, 0, 0, 0, 1];
    const p = backprojectPixelThroughLens(10.5, 7.5, 1.3, depthCam);
    const q = { x: t[0] * p.x + t[1] * p.y + t[2] * p.z + t[3], y: t[4] * p.x + t[5] * p.y + t[6] * p.z + t[7], z: t[8] * p.x + t[9] * p.y + t[10] * p.z + t[11] };
    const expected = projectPointThroughLens(q, colourCam);
    const got = alignCorner(10.5, 7.5, 1.3, depthCam, colourCam, t);
    expect(got.u).toBeCloseTo(expected.u, 12);
    expect(got.v).toBeCloseTo(expected.v, 12);
  });

  it('drops a rectangle wider than MAX_FOOTPRINT', () => {
    // Colour focal length 40 times the depth one: each depth pixel spans 40 colour pixels.
    const depthCam = pinhole(3, 3, 1, 1, 1);
    const colourCam = pinhole(400, 400, 40, 199.75, 199.75);
    expect(40).toBeGreaterThan(MAX_FOOTPRINT);
    const out = alignDepthToColour(new Float32Array(9).fill(2), depthCam, colourCam, IDENTITY);
    expect(out.every((v) => Number.isNaN(v))).toBe(true);
    const finer = pinhole(400, 400, 20, 199.75, 199.75);
    expect(alignDepthToColour(new Float32Array(9).fill(2), depthCam, finer, IDENTITY).some((v) => v === 2)).toBe(true);
  });

  it('says what is wrong with the inputs', () => {
    const cam = pinhole(4, 3, 50, 1.5, 1);
    expect(() => alignDepthToColour(new Float32Array(11), cam, cam, IDENTITY)).toThrow(/11 values/);
    expect(() => alignDepthToColour(new Float32Array(12), cam, cam, [1, 0, 0])).toThrow(/16/);
    expect(() => alignDepthToColour(new Float32Array(12), cam, { ...cam, width: 0 }, IDENTITY)).toThrow(/colour camera's size/);
  });
});

describe('alignDepthToColourBounds', () => {
  const depthCam = pinhole(32, 24, 30, 15.5, 11.5);
  const colourCam: SizedLensCamera = { ...pinhole(40, 30, 36, 19.7, 14.6), distortion: 'inverse-brown-conrady', coeffs: [-0.05, 0.06, -0.0004, 0.0008, -0.02] };
  const t = [1, 0, 0, 0.05, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  const depth = Float32Array.from({ length: 32 * 24 }, (_, i) => 1 + ((i * 7) % 13) * 0.1);

  it('with no margin, both bounds are the registration', () => {
    const exact = alignDepthToColour(depth, depthCam, colourCam, t);
    const { low, high } = alignDepthToColourBounds(depth, depthCam, colourCam, t, 0);
    expect(low).toEqual(exact);
    expect(high).toEqual(exact);
  });

  it('with a margin, low <= registration <= high (NaN as +Infinity), and some pixels become uncertain', () => {
    const exact = alignDepthToColour(depth, depthCam, colourCam, t);
    const { low, high } = alignDepthToColourBounds(depth, depthCam, colourCam, t, 0.2);
    const inf = (v: number) => (Number.isNaN(v) ? Number.POSITIVE_INFINITY : v);
    let uncertain = 0;
    for (let k = 0; k < exact.length; k++) {
      expect(inf(low[k])).toBeLessThanOrEqual(inf(exact[k]));
      expect(inf(exact[k])).toBeLessThanOrEqual(inf(high[k]));
      if (inf(low[k]) !== inf(high[k])) uncertain++;
    }
    expect(uncertain).toBeGreaterThan(0);
  });
});
