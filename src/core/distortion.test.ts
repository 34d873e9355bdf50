import { describe, expect, it } from 'vitest';
import {
  checkDistortion,
  distortNormalised,
  hasDistortion,
  projectThroughLens,
  undistortNormalised,
  undistortPlumbBob,
  type LensDistortion,
} from './distortion';
import { backprojectPixel, backprojectPixelThroughLens, projectPointThroughLens } from './intrinsics';

const bc = (coeffs: number[]): LensDistortion => ({ distortion: 'brown-conrady', coeffs });
const ibc = (coeffs: number[]): LensDistortion => ({ distortion: 'inverse-brown-conrady', coeffs });

/** A D435 colour stream's calibration at 640 x 480 (rs-enumerate-devices -c of one unit, rounded). */
const D435_COLOUR = { fx: 615.4, fy: 615.6, cx: 321.7, cy: 238.9, ...ibc([-0.0557, 0.0656, -0.0004, 0.0008, -0.0211]) };
/** TUM freiburg1's RGB camera (the dataset's "File Formats" page): strong barrel-pincushion, plumb_bob. */
const TUM_FR1 = { fx: 517.3, fy: 516.5, cx: 318.6, cy: 255.3, ...bc([0.2624, -0.9531, -0.0054, 0.0026, 1.1633]) };

/** Pixel centres of a 640 x 480 image every 8 px, corners' edges included. */
function* grid(): Generator<[number, number]> {
  for (let v = -0.5; v <= 479.5; v += 8) for (let u = -0.5; u <= 639.5; u += 8) yield [u, v];
}

describe('distortNormalised (the projection side)', () => {
  it('Brown-Conrady, radial only: x (1 + k1 r^2) by hand', () => {
    // r^2 = 0.25, 1 + 0.1 * 0.25 = 1.025.
    const d = distortNormalised(0.5, 0, bc([0.1, 0, 0, 0, 0]));
    expect(d.x).toBeCloseTo(0.5125, 15);
    expect(d.y).toBe(0);
  });

  it('Brown-Conrady, tangential terms on the undistorted x, y (hand-checked)', () => {
    // x 0.2, y 0.1, p1 0.01, p2 0.02: r^2 = 0.05;
    // x_d = 0.2 + 2 p1 x y + p2 (r^2 + 2 x^2) = 0.2 + 0.0004 + 0.0026 = 0.203
    // y_d = 0.1 + 2 p2 x y + p1 (r^2 + 2 y^2) = 0.1 + 0.0008 + 0.0007 = 0.1015
    const d = distortNormalised(0.2, 0.1, bc([0, 0, 0.01, 0.02, 0]));
    expect(d.x).toBeCloseTo(0.203, 15);
    expect(d.y).toBeCloseTo(0.1015, 15);
  });

  it("inverse Brown-Conrady: librealsense's modified form, tangential terms on the radially scaled x, y (hand-checked)", () => {
    // k1 0.1: f = 1.005, x' = 0.201, y' = 0.1005 (r^2 = 0.05 of the unscaled point);
    // x_d = 0.201 + 2 (0.01) (0.201) (0.1005) + 0.02 (0.05 + 2 (0.201)^2) = 0.201 + 0.00040401 + 0.00261604
    // y_d = 0.1005 + 2 (0.02) (0.201) (0.1005) + 0.01 (0.05 + 2 (0.1005)^2) = 0.1005 + 0.00080802 + 0.000702005
    const coeffs = [0.1, 0, 0.01, 0.02, 0];
    const d = distortNormalised(0.2, 0.1, ibc(coeffs));
    expect(d.x).toBeCloseTo(0.20402005, 14);
    expect(d.y).toBeCloseTo(0.102010025, 14);
    // Brown-Conrady with the same coefficients differs (0.201 + 0.0004 + 0.0026).
    expect(distortNormalised(0.2, 0.1, bc(coeffs)).x).toBeCloseTo(0.204, 14);
  });

  it('k2 and k3 in the radial factor: 1 + k1 r^2 + k2 r^4 + k3 r^6', () => {
    // x = 1, y = 0: r^2 = 1, factor 1 + 0.1 + 0.01 + 0.001.
    expect(distortNormalised(1, 0, bc([0.1, 0.01, 0, 0, 0.001])).x).toBeCloseTo(1.111, 15);
    expect(distortNormalised(1, 0, ibc([0.1, 0.01, 0, 0, 0.001])).x).toBeCloseTo(1.111, 15);
  });

  it("'none' and zero coefficients leave the point where it is", () => {
    expect(distortNormalised(0.3, -0.2, { distortion: 'none', coeffs: [0.5, 0.5, 0.5, 0.5, 0.5] })).toEqual({ x: 0.3, y: -0.2 });
    expect(distortNormalised(0.3, -0.2, ibc([0, 0, 0, 0, 0]))).toEqual({ x: 0.3, y: -0.2 });
    expect(hasDistortion(ibc([0, 0, 0, 0, 0]))).toBe(false);
    expect(hasDistortion({ distortion: 'none', coeffs: [1, 0, 0, 0, 0] })).toBe(false);
    expect(hasDistortion(bc([0, 0, 0, 1e-9, 0]))).toBe(true);
  });
});

describe('undistortNormalised (the deprojection side)', () => {
  it('one step is x_d / radial(r^2(x_d)) when there is no tangential term (hand-checked)', () => {
    // r^2 = 0.5125^2 = 0.26265625, 1 + 0.1 r^2 = 1.026265625.
    expect(undistortNormalised(0.5125, 0, bc([0.1, 0, 0, 0, 0]), 1).x).toBeCloseTo(0.5125 / 1.026265625, 15);
    // Converged: back to the undistorted 0.5 of the projection test.
    expect(undistortNormalised(0.5125, 0, bc([0.1, 0, 0, 0, 0])).x).toBeCloseTo(0.5, 9);
  });

  // Round trips. The step is a contraction with factor L (about 2 r^2 |d radial / d r^2| / radial plus
  // the tangential slopes), so after N steps from x_d the error is at most L^N |x_d - x|.
  it('D435 colour (inverse Brown-Conrady, mild): project then deproject returns the pixel within 1e-11 px', () => {
    // L < 0.05 at the corners (r^2 < 0.42), displacement < 0.01: L^10 |x_d - x| < 1e-15, so float64
    // rounding (about 1e-16 per step, times fx = 615) is what is left: 1e-11 px leaves 100x.
    for (const [u, v] of grid()) {
      const ray = undistortNormalised((u - D435_COLOUR.cx) / D435_COLOUR.fx, (v - D435_COLOUR.cy) / D435_COLOUR.fy, D435_COLOUR);
      const back = projectThroughLens({ x: ray.x * 2, y: ray.y * 2, z: 2 }, D435_COLOUR);
      expect(Math.abs(back.u - u)).toBeLessThan(1e-11);
      expect(Math.abs(back.v - v)).toBeLessThan(1e-11);
    }
  });

  it('TUM fr1 (plumb_bob, strong): deproject(project(x)) within L^N of the displacement, L = 0.6, for both models', () => {
    // L: at the farthest corner (639.5, -0.5) r^2 = 0.63, radial = 1.078 and its slope
    // k1 + 2 k2 r^2 + 3 k3 r^4 = 0.447, so 2 r^2 0.447 / 1.078 = 0.52, plus tangential slopes of
    // 6 (|p1| + |p2|) |x| < 0.03: L < 0.6 everywhere in the image.
    for (const lens of [TUM_FR1, { ...TUM_FR1, distortion: 'inverse-brown-conrady' as const }]) {
      let worst10 = 0;
      for (const [u, v] of grid()) {
        const x = (u - lens.cx) / lens.fx;
        const y = (v - lens.cy) / lens.fy;
        const d = distortNormalised(x, y, lens);
        const displacement = Math.hypot(d.x - x, d.y - y);
        for (const n of [5, 10]) {
          const r = undistortNormalised(d.x, d.y, lens, n);
          const error = Math.hypot(r.x - x, r.y - y);
          expect(error).toBeLessThanOrEqual(0.6 ** n * displacement + 1e-15);
          if (n === 10) worst10 = Math.max(worst10, error * lens.fx);
        }
      }
      // The bound is not empty: 10 steps still leave a measurable hundredth of a pixel at the corners.
      expect(worst10).toBeGreaterThan(1e-3);
      expect(worst10).toBeLessThan(0.2);
    }
  });

  it('the two models are different lenses: undistorting with the wrong one misses by pixels', () => {
    const wrong = { ...D435_COLOUR, distortion: 'brown-conrady' as const, coeffs: [0.1, 0, 0.05, 0.05, 0] };
    const right = { ...wrong, distortion: 'inverse-brown-conrady' as const };
    const p = { x: 0.5, y: 0.4, z: 1 };
    const seen = projectThroughLens(p, right);
    const ray = backprojectPixelThroughLens(seen.u, seen.v, 1, wrong);
    expect(Math.hypot(ray.x - p.x, ray.y - p.y) * right.fx).toBeGreaterThan(1);
    const good = backprojectPixelThroughLens(seen.u, seen.v, 1, right);
    expect(Math.hypot(good.x - p.x, good.y - p.y) * right.fx).toBeLessThan(0.01);
  });
});

describe("undistortPlumbBob (OpenCV's undistortPoints, ROS camera_info)", () => {
  it("equals librealsense's Brown-Conrady iteration step for step", () => {
    for (const [u, v] of grid()) {
      const xd = (u - TUM_FR1.cx) / TUM_FR1.fx;
      const yd = (v - TUM_FR1.cy) / TUM_FR1.fy;
      for (const n of [1, 5, 10]) expect(undistortPlumbBob(xd, yd, TUM_FR1.coeffs, n)).toEqual(undistortNormalised(xd, yd, TUM_FR1, n));
    }
  });

  it("OpenCV's 5 steps leave tenths of a pixel at TUM fr1's corners; 10 steps, hundredths", () => {
    const x = (-0.5 - TUM_FR1.cx) / TUM_FR1.fx;
    const y = (-0.5 - TUM_FR1.cy) / TUM_FR1.fy;
    const d = distortNormalised(x, y, TUM_FR1);
    const miss = (n: number) => {
      const r = undistortPlumbBob(d.x, d.y, TUM_FR1.coeffs, n);
      return Math.hypot(r.x - x, r.y - y) * TUM_FR1.fx;
    };
    expect(miss(5)).toBeGreaterThan(0.1);
    expect(miss(10)).toBeLessThan(0.1);
  });

  it("gives the distorted point back where the radial factor turns negative (OpenCV's guard)", () => {
    // k1 = -1 at r^2 = 4: 1 - 4 < 0.
    expect(undistortPlumbBob(2, 0, [-1, 0, 0, 0, 0])).toEqual({ x: 2, y: 0 });
  });
});

describe('through-lens pixel functions', () => {
  it("equal the pinhole ones for 'none'", () => {
    const cam = { fx: 500, fy: 490, cx: 320, cy: 240, distortion: 'none' as const, coeffs: [0, 0, 0, 0, 0] };
    expect(backprojectPixelThroughLens(100, 50, 2, cam)).toEqual(backprojectPixel(100, 50, 2, cam));
    expect(projectPointThroughLens({ x: 0.1, y: -0.2, z: 2 }, cam)).toEqual({ u: 320 + 25, v: 240 - 49 });
  });

  it('round-trip a point at depth z through a distorted pixel', () => {
    const p = backprojectPixelThroughLens(600, 50, 3, D435_COLOUR);
    expect(p.z).toBe(3);
    const back = projectPointThroughLens(p, D435_COLOUR);
    expect(back.u).toBeCloseTo(600, 9);
    expect(back.v).toBeCloseTo(50, 9);
  });
});

describe('checkDistortion', () => {
  it('accepts five finite coefficients of a known model and says what is wrong otherwise', () => {
    expect(checkDistortion(D435_COLOUR)).toBeNull();
    expect(checkDistortion(bc([0, 0, 0, 0]))).toMatch(/5 coefficients/);
    expect(checkDistortion(bc([0, 0, Number.NaN, 0, 0]))).toMatch(/finite/);
    expect(checkDistortion({ distortion: 'fisheye' as never, coeffs: [0, 0, 0, 0, 0] })).toMatch(/Unknown distortion model/);
  });
});
