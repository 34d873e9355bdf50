import { describe, expect, it } from 'vitest';
import { fittedNormal, surfaceAt, symmetricEigen3, type Vec3 } from './surface-placement';
import { zToRayLength } from './intrinsics';
import { pixelRay, type LensDistortion } from './distortion';

const intr = { fx: 500, fy: 510, cx: 319.5, cy: 241.25 };

/** Depth of the plane n . X = d seen through the pinhole: z where the ray of (u, v) meets it. */
function planeDepth(width: number, height: number, n: Vec3, d: number): Float32Array {
  const depth = new Float32Array(width * height);
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const ray: Vec3 = [(u - intr.cx) / intr.fx, (v - intr.cy) / intr.fy, 1];
      depth[v * width + u] = d / (n[0] * ray[0] + n[1] * ray[1] + n[2] * ray[2]);
    }
  }
  return depth;
}

const unit = (v: Vec3): Vec3 => {
  const l = Math.hypot(...v);
  return [v[0] / l, v[1] / l, v[2] / l];
};

describe('surfaceAt', () => {
  it('finds the clicked point and the normal of a tilted plane, facing the camera', () => {
    // A floor-like plane tilted 30 degrees; its normal points up (-y) and towards the camera (-z).
    const n = unit([0.1, -Math.cos(Math.PI / 6), -Math.sin(Math.PI / 6)]);
    const depth = planeDepth(64, 48, n, -1.2);
    const s = surfaceAt({ depth, width: 64, height: 48, intr, rayLength: false }, 40, 30);
    expect(s).not.toBeNull();
    const z = depth[30 * 64 + 40];
    expect(s!.position[0]).toBeCloseTo(((40 - intr.cx) * z) / intr.fx, 9);
    expect(s!.position[1]).toBeCloseTo(((30 - intr.cy) * z) / intr.fy, 9);
    expect(s!.position[2]).toBeCloseTo(z, 9);
    // float32 depths: the fitted normal is within ~1e-5 of the true one.
    for (let i = 0; i < 3; i++) expect(Math.abs(s!.normal[i] - n[i])).toBeLessThan(2e-5);
    expect(s!.support).toBe(49);
  });

  it('reads ray-length maps as distances to the camera centre', () => {
    const n = unit([0, 0, -1]);
    const z = planeDepth(32, 32, n, -2);
    const ray = z.map((d, i) => zToRayLength(i % 32, Math.floor(i / 32), d, intr));
    const s = surfaceAt({ depth: ray, width: 32, height: 32, intr, rayLength: true }, 5, 7);
    expect(s!.position[2]).toBeCloseTo(2, 5);
    expect(s!.normal[2]).toBeCloseTo(-1, 5);
  });

  it("through a lens: the plane seen by a distorted camera is found where it is, with its normal", () => {
    const lens: LensDistortion = { distortion: 'inverse-brown-conrady', coeffs: [-0.3, 0.1, 0.002, -0.003, 0] };
    const n = unit([0.3, -0.5, -1]);
    const width = 64;
    const height = 48;
    const depth = new Float32Array(width * height);
    for (let v = 0; v < height; v++) {
      for (let u = 0; u < width; u++) {
        const r = pixelRay(u, v, { ...intr, ...lens });
        depth[v * width + u] = -1.5 / (n[0] * r.x + n[1] * r.y + n[2]);
      }
    }
    // A pixel far from the centre, where the lens moves rays most (intr's centre is off this small image).
    const s = surfaceAt({ depth, width, height, intr, rayLength: false, lens }, 2, 3)!;
    const r = pixelRay(2, 3, { ...intr, ...lens });
    const z = depth[3 * width + 2];
    expect(s.position[0]).toBeCloseTo(r.x * z, 9);
    expect(s.position[1]).toBeCloseTo(r.y * z, 9);
    for (let i = 0; i < 3; i++) expect(Math.abs(s.normal[i] - n[i])).toBeLessThan(1e-4);
    // Read as a pinhole, the same depths give another normal.
    const pinhole = surfaceAt({ depth, width, height, intr, rayLength: false }, 2, 3)!;
    expect(Math.max(...pinhole.normal.map((c, i) => Math.abs(c - n[i])))).toBeGreaterThan(1e-3);
  });

  it('ignores neighbours on another surface, so an object on an edge stands on the clicked side', () => {
    const width = 32;
    const depth = planeDepth(width, 32, [0, 0, -1], -1);
    // Right of column 16: a wall tilted about y, 2 m away: another surface.
    const far = planeDepth(width, 32, unit([0.7, 0, -1]), -2);
    for (let i = 0; i < depth.length; i++) if (i % width > 16) depth[i] = far[i];
    const s = surfaceAt({ depth, width, height: 32, intr, rayLength: false }, 16, 16);
    expect(s!.normal[2]).toBeCloseTo(-1, 6);
    expect(s!.support).toBe(28); // 4 columns of 7 on the near plane
  });

  it('returns null where there is nothing to stand on', () => {
    const depth = new Float32Array(16 * 16);
    expect(surfaceAt({ depth, width: 16, height: 16, intr, rayLength: false }, 8, 8)).toBeNull();
    expect(surfaceAt({ depth, width: 16, height: 16, intr, rayLength: false }, -1, 8)).toBeNull();
    // A single valid pixel: no plane to fit.
    depth[8 * 16 + 8] = 1;
    expect(surfaceAt({ depth, width: 16, height: 16, intr, rayLength: false }, 8, 8)).toBeNull();
  });
});

describe('fittedNormal', () => {
  it('is null for collinear points', () => {
    expect(fittedNormal([[0, 0, 1], [1, 1, 2], [2, 2, 3], [3, 3, 4]])).toBeNull();
  });
});

describe('symmetricEigen3', () => {
  it('diagonalises a symmetric matrix: A v = lambda v for each pair', () => {
    const m = [4, 1, -2, 1, 3, 0.5, -2, 0.5, 1];
    const { values, vectors } = symmetricEigen3(m);
    for (let k = 0; k < 3; k++) {
      const v = [vectors[k], vectors[3 + k], vectors[6 + k]];
      for (let i = 0; i < 3; i++) {
        const av = m[3 * i] * v[0] + m[3 * i + 1] * v[1] + m[3 * i + 2] * v[2];
        expect(av).toBeCloseTo(values[k] * v[i], 10);
      }
    }
    expect(values[0] + values[1] + values[2]).toBeCloseTo(8, 10);
  });
});
