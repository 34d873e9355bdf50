import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  INTRINSICS_PRESETS,
  backprojectPixel,
  checkIntrinsics,
  defaultIntrinsics,
  fieldOfView,
  findPreset,
  intrinsicsFromFov,
  presetScaleProblem,
  projectPoint,
  rayLengthFieldToZ,
  rayLengthToZ,
  scalePreset,
  scaledIntrinsics,
  zToRayLength,
  type IntrinsicsPreset,
} from './intrinsics';
import type { PinholeIntrinsics } from './filters/depth-field';

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const pinhole = (p: PinholeIntrinsics): PinholeIntrinsics => ({ fx: p.fx, fy: p.fy, cx: p.cx, cy: p.cy });
const preset = (id: string): IntrinsicsPreset => {
  const p = findPreset(id);
  if (p === undefined) throw new Error(`no preset ${id}`);
  return p;
};

describe('presets', () => {
  it('have unique ids, calibrated sizes and usable values', () => {
    expect(new Set(INTRINSICS_PRESETS.map((p) => p.id)).size).toBe(INTRINSICS_PRESETS.length);
    for (const p of INTRINSICS_PRESETS) {
      expect(checkIntrinsics(p), p.id).toBeNull();
      expect(Number.isInteger(p.width) && Number.isInteger(p.height), p.id).toBe(true);
      // the principal point lies inside the frame, near its centre
      expect(Math.abs(p.cx - (p.width - 1) / 2), p.id).toBeLessThan(p.width * 0.05);
      expect(Math.abs(p.cy - (p.height - 1) / 2), p.id).toBeLessThan(p.height * 0.05);
    }
  });

  it('hold the published numbers', () => {
    expect(pinhole(preset('tum-fr1'))).toEqual({ fx: 517.3, fy: 516.5, cx: 318.6, cy: 255.3 });
    expect(pinhole(preset('tum-fr2'))).toEqual({ fx: 520.9, fy: 521.0, cx: 325.1, cy: 249.7 });
    expect(pinhole(preset('tum-fr3'))).toEqual({ fx: 535.4, fy: 539.2, cx: 320.1, cy: 247.6 });
    expect(pinhole(preset('primesense'))).toEqual({ fx: 525, fy: 525, cx: 319.5, cy: 239.5 });
    expect(pinhole(preset('nyu'))).toEqual({
      fx: 5.8262448167737955e2,
      fy: 5.8269103270988637e2,
      cx: 3.1304475870804731e2,
      cy: 2.3844389626620386e2,
    });
    expect([preset('d435-1280x720').width, preset('d435-1280x720').height]).toEqual([1280, 720]);
    expect([preset('iphone-lidar').width, preset('iphone-lidar').height]).toEqual([256, 192]);
    expect(findPreset('no-such-camera')).toBeUndefined();
  });

  it('agree with defaultIntrinsics for PrimeSense at 640 x 480', () => {
    expect(defaultIntrinsics(640, 480)).toEqual(pinhole(preset('primesense')));
  });
});

describe('scalePreset', () => {
  it('keeps the centre the centre (pixel-centre convention) and scales f', () => {
    const half = scalePreset(preset('primesense'), 320, 240);
    expect(half).toEqual({ fx: 262.5, fy: 262.5, cx: 159.5, cy: 119.5 });
    // same as decimating by 2, which the filter chain does
    expect(half).toEqual(scaledIntrinsics(preset('primesense'), 2));
    expect(scalePreset(preset('tum-fr1'), 320, 240).cx).toBeCloseTo(159.05, 12); // (318.6 + 0.5) / 2 - 0.5
  });

  it('scales the ARKit preset back to the 1920 x 1440 camera image', () => {
    const full = scalePreset(preset('iphone-lidar'), 1920, 1440);
    expect(full.fx).toBeCloseTo(1590, 9);
    expect(full.cx).toBeCloseTo(959.5, 9);
    expect(full.cy).toBeCloseTo(719.5, 9);
  });

  it('is the identity at the calibrated size', () => {
    for (const p of INTRINSICS_PRESETS) expect(scalePreset(p, p.width, p.height)).toEqual(pinhole(p));
  });

  it("fits a sidecar file's intrinsics (no id or label) the same way", () => {
    const file = { width: 1280, height: 720, fx: 640, fy: 640, cx: 639.5, cy: 359.5 };
    expect(scalePreset(file, 640, 360)).toEqual({ fx: 320, fy: 320, cx: 319.5, cy: 179.5 });
    expect(presetScaleProblem(file, 640, 480)).toMatch(/^The given intrinsics are for 1280 x 720; 640 x 480 has another aspect ratio/);
  });

  it('allows one pixel of rounding but refuses another aspect ratio', () => {
    expect(presetScaleProblem(preset('primesense'), 427, 320)).toBeNull(); // 640 x 480 / 1.5, rounded
    expect(() => scalePreset(preset('d435-640x480'), 1280, 720)).toThrow(/aspect ratio/);
    expect(() => scalePreset(preset('primesense'), 640.5, 480)).toThrow(RangeError);
    expect(() => scalePreset(preset('primesense'), 0, 0)).toThrow(/whole numbers/);
  });

  it('keeps every pixel on the same ray (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...INTRINSICS_PRESETS),
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (p, k, fu, fv) => {
          const s = k / 4; // 0.25x to 2x
          const w = p.width * s;
          const h = p.height * s;
          if (!Number.isInteger(w) || !Number.isInteger(h)) return;
          const q = scalePreset(p, w, h);
          const u = fu * (p.width - 1);
          const v = fv * (p.height - 1);
          // the same spot of the scene in the resampled image: (u + 0.5) s - 0.5
          const a = backprojectPixel(u, v, 1, p);
          const b = backprojectPixel((u + 0.5) * s - 0.5, (v + 0.5) * s - 0.5, 1, q);
          expect(b.x).toBeCloseTo(a.x, 9);
          expect(b.y).toBeCloseTo(a.y, 9);
        },
      ),
      { seed, numRuns: 300 },
    );
  });
});

describe('intrinsicsFromFov and fieldOfView', () => {
  it('puts the field of view edge to edge, centred', () => {
    const square = intrinsicsFromFov(640, 480, 90);
    expect(square.fx).toBeCloseTo(320, 9);
    expect(square.fy).toBe(square.fx);
    expect([square.cx, square.cy]).toEqual([319.5, 239.5]);
    const i = intrinsicsFromFov(640, 480, 90, 60);
    expect(i.fy).toBeCloseTo(240 / Math.tan(Math.PI / 6), 9); // 415.69
    const fov = fieldOfView(i, 640, 480);
    expect(fov.hfovDeg).toBeCloseTo(90, 9);
    expect(fov.vfovDeg).toBeCloseTo(60, 9);
  });

  it('gives square pixels without a vertical angle', () => {
    const fov = fieldOfView(intrinsicsFromFov(640, 480, 90), 640, 480);
    expect(fov.vfovDeg).toBeCloseTo((2 * Math.atan(240 / 320) * 180) / Math.PI, 9); // 73.74
  });

  it('measures an off-centre camera: PrimeSense is 62.7 x 49.1 degrees', () => {
    const fov = fieldOfView(preset('primesense'), 640, 480);
    expect(fov.hfovDeg).toBeCloseTo((2 * Math.atan(320 / 525) * 180) / Math.PI, 9);
    expect(fov.vfovDeg).toBeCloseTo(49.1, 1);
  });

  it('refuses sizes and angles it cannot use', () => {
    for (const bad of [0, 180, -10, Number.NaN, Infinity]) expect(() => intrinsicsFromFov(640, 480, bad)).toThrow(/between 0 and 180/);
    expect(() => intrinsicsFromFov(640, 480, 60, 180)).toThrow(/vertical/);
    expect(() => intrinsicsFromFov(0, 480, 60)).toThrow(/whole numbers/);
    expect(() => intrinsicsFromFov(640.5, 480, 60)).toThrow(/whole numbers/);
  });
});

describe('checkIntrinsics', () => {
  it('accepts finite values with fx, fy > 0, the principal point anywhere', () => {
    expect(checkIntrinsics({ fx: 1, fy: 1, cx: -500, cy: 1e6 })).toBeNull();
  });

  it('says what is wrong', () => {
    expect(checkIntrinsics({ fx: Number.NaN, fy: 1, cx: 0, cy: 0 })).toMatch(/fx must be a finite number, not NaN/);
    expect(checkIntrinsics({ fx: 1, fy: 1, cx: Infinity, cy: 0 })).toMatch(/cx must be a finite number/);
    expect(checkIntrinsics({ fx: 0, fy: 1, cx: 0, cy: 0 })).toMatch(/must be > 0/);
    expect(checkIntrinsics({ fx: 1, fy: -1, cx: 0, cy: 0 })).toMatch(/must be > 0/);
    expect(checkIntrinsics({ fx: '525', fy: 1, cx: 0, cy: 0 } as unknown as PinholeIntrinsics)).toMatch(/fx must be a finite number/);
  });
});

describe('backprojectPixel', () => {
  /**
   * Open3D's PointCloud.create_from_depth_image, worked by hand. Open3D
   * (geometry/PointCloudFactory.cpp) first turns the uint16 image into metres,
   * d = raw / depth_scale, zeroing d > depth_trunc; then for row i, column j
   * with d > 0 it emits ((j - cx) d / fx, (i - cy) d / fy, d), rows top to
   * bottom. Here: a 3 x 2 image in mm, depth_scale = 1000, depth_trunc = 3,
   * PinholeCameraIntrinsic(3, 2, fx = 2, fy = 4, cx = 1, cy = 0.5).
   */
  it('matches Open3D create_from_depth_image (worked by hand)', () => {
    const raw = [
      [1000, 0, 2500],
      [4000, 1500, 2000],
    ];
    const intr = { fx: 2, fy: 4, cx: 1, cy: 0.5 };
    const open3d = [
      [-0.5, -0.125, 1], // i 0, j 0: ((0 - 1) 1 / 2, (0 - 0.5) 1 / 4, 1)
      // i 0, j 1: raw 0, skipped
      [1.25, -0.3125, 2.5], // i 0, j 2: ((2 - 1) 2.5 / 2, (0 - 0.5) 2.5 / 4, 2.5)
      // i 1, j 0: 4 m > depth_trunc, skipped
      [0, 0.1875, 1.5], // i 1, j 1: (0, (1 - 0.5) 1.5 / 4, 1.5)
      [1, 0.25, 2], // i 1, j 2: ((2 - 1) 2 / 2, (1 - 0.5) 2 / 4, 2)
    ];
    const ours: number[][] = [];
    raw.forEach((row, v) =>
      row.forEach((r, u) => {
        const z = r / 1000;
        if (z > 0 && z <= 3) {
          const p = backprojectPixel(u, v, z, intr);
          ours.push([p.x, p.y, p.z]);
        }
      }),
    );
    expect(ours).toEqual(open3d);
  });

  it('matches Open3D with the PrimeSense default at the image corners', () => {
    const ps = preset('primesense');
    const tl = backprojectPixel(0, 0, 2, ps); // (-319.5 * 2 / 525, -239.5 * 2 / 525, 2)
    expect(tl.x).toBeCloseTo(-1.2171428571428571, 12);
    expect(tl.y).toBeCloseTo(-0.9123809523809524, 12);
    const br = backprojectPixel(639, 479, 1, ps); // (319.5 / 525, 239.5 / 525, 1)
    expect(br.x).toBeCloseTo(0.6085714285714285, 12);
    expect(br.y).toBeCloseTo(0.4561904761904762, 12);
    expect(backprojectPixel(319.5, 239.5, 3, ps)).toEqual({ x: 0, y: 0, z: 3 });
  });

  it('is undone by projectPoint (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...INTRINSICS_PRESETS),
        fc.double({ min: -100, max: 2000, noNaN: true }),
        fc.double({ min: -100, max: 2000, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (p, u, v, z) => {
          const q = projectPoint(backprojectPixel(u, v, z, p), p);
          expect(q.u).toBeCloseTo(u, 6);
          expect(q.v).toBeCloseTo(v, 6);
        },
      ),
      { seed, numRuns: 300 },
    );
  });

  it('passes a missing depth through as NaN', () => {
    const p = backprojectPixel(10, 10, Number.NaN, preset('primesense'));
    expect(Number.isNaN(p.x) && Number.isNaN(p.y) && Number.isNaN(p.z)).toBe(true);
  });
});

describe('ray length', () => {
  const intr = { fx: 100, fy: 100, cx: 0, cy: 0 };

  it('divides by sqrt(1 + a^2 + b^2)', () => {
    expect(rayLengthToZ(0, 0, 5, intr)).toBe(5); // on the optical axis r = z
    expect(rayLengthToZ(200, 200, 6, intr)).toBeCloseTo(2, 12); // a = b = 2: sqrt(9) = 3
    expect(rayLengthToZ(100, 0, 1, intr)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(rayLengthToZ(30, 40, Math.sqrt(1.25), intr)).toBeCloseTo(1, 12); // a = 0.3, b = 0.4
  });

  it('is the distance from the camera centre to the back-projected point (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...INTRINSICS_PRESETS),
        fc.double({ min: 0, max: 1279, noNaN: true }),
        fc.double({ min: 0, max: 719, noNaN: true }),
        fc.double({ min: 0.05, max: 50, noNaN: true }),
        (p, u, v, z) => {
          const q = backprojectPixel(u, v, z, p);
          const r = Math.hypot(q.x, q.y, q.z);
          expect(zToRayLength(u, v, z, p)).toBeCloseTo(r, 9);
          expect(rayLengthToZ(u, v, r, p)).toBeCloseTo(z, 9);
        },
      ),
      { seed, numRuns: 300 },
    );
  });

  it('flattens a rendered ray-length map of a wall back to a plane', () => {
    const ps = preset('primesense');
    const [w, h] = [64, 48];
    const small = scalePreset(ps, w, h);
    const r = new Float32Array(w * h);
    for (let v = 0; v < h; v++) for (let u = 0; u < w; u++) r[v * w + u] = zToRayLength(u, v, 2, small);
    r[5] = Number.NaN;
    r[6] = Infinity;
    const z = rayLengthFieldToZ(r, w, h, small);
    expect(Number.isNaN(z[5]) && Number.isNaN(z[6])).toBe(true);
    for (let i = 0; i < z.length; i++) if (i !== 5 && i !== 6) expect(z[i]).toBeCloseTo(2, 5); // float32 storage
    expect(r[0]).toBeGreaterThan(2.1); // the corners of a ray-length map read farther
    expect(() => rayLengthFieldToZ(r, w, h + 1, small)).toThrow(RangeError);
  });
});
