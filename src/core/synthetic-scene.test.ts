import { beforeAll, describe, expect, it } from 'vitest';
import {
  HOLE_CAUSE,
  makeSyntheticScene,
  measuredAsMillimetres,
  SCENE_GEOMETRY,
  sensorSigmaM,
  SURFACE,
  type SyntheticScene,
} from './synthetic-scene';

let scene: SyntheticScene;
beforeAll(() => {
  scene = makeSyntheticScene();
});

/** The unnormalised ray through pixel (u, v) of the default 640 x 480 camera: (dx, dy, 1). */
function ray(u: number, v: number): [number, number, number] {
  return [(u - 319.5) / 525, (v - 239.5) / 525, 1];
}

const at = (field: Float32Array | Uint8Array, u: number, v: number) => field[v * 640 + u];

describe('makeSyntheticScene', () => {
  it('uses PrimeSense intrinsics at 640 x 480 and keeps the field of view at other sizes', () => {
    expect(scene).toMatchObject({ width: 640, height: 480, intrinsics: { fx: 525, fy: 525, cx: 319.5, cy: 239.5 } });
    const small = makeSyntheticScene({ width: 64, height: 48 });
    expect(small.intrinsics).toEqual({ fx: 52.5, fy: 52.5, cx: 31.5, cy: 23.5 });
    expect(small.groundTruthM).toHaveLength(64 * 48);
    expect(() => makeSyntheticScene({ width: 0 })).toThrow(RangeError);
    expect(() => makeSyntheticScene({ height: 10.5 })).toThrow(RangeError);
  });

  it('is bit-identical for a seed; the seed changes the noise, not the geometry', () => {
    const again = makeSyntheticScene();
    expect(Buffer.from(again.measuredM.buffer).equals(Buffer.from(scene.measuredM.buffer))).toBe(true);
    expect(Buffer.from(again.groundTruthM.buffer).equals(Buffer.from(scene.groundTruthM.buffer))).toBe(true);
    const other = makeSyntheticScene({ seed: 2 });
    expect(Buffer.from(other.groundTruthM.buffer).equals(Buffer.from(scene.groundTruthM.buffer))).toBe(true);
    expect(Buffer.from(other.measuredM.buffer).equals(Buffer.from(scene.measuredM.buffer))).toBe(false);
  });

  it('has the analytic depth of the surface each ray hits', () => {
    const g = SCENE_GEOMETRY;
    // Wall z = z0 + slope * x with x = z * dx  =>  z = z0 / (1 - slope * dx).
    const [wx] = ray(20, 20);
    expect(at(scene.surface, 20, 20)).toBe(SURFACE.wall);
    expect(at(scene.groundTruthM, 20, 20)).toBeCloseTo(g.wall.z0 / (1 - g.wall.slopeX * wx), 5);
    // Floor y = floorY with y = z * dy.
    const [, fy] = ray(600, 470);
    expect(at(scene.surface, 600, 470)).toBe(SURFACE.floor);
    expect(at(scene.groundTruthM, 600, 470)).toBeCloseTo(g.floorY / fy, 5);
    // Box front face z = box.min[2].
    expect(at(scene.surface, 450, 380)).toBe(SURFACE.box);
    expect(at(scene.groundTruthM, 450, 380)).toBeCloseTo(g.box.min[2], 5);
    // Sphere near the centre's projection: the smaller root of |t d - c|^2 = r^2.
    const d = ray(201, 358);
    const c = g.sphere.centre;
    const A = d[0] ** 2 + d[1] ** 2 + d[2] ** 2;
    const B = -2 * (d[0] * c[0] + d[1] * c[1] + d[2] * c[2]);
    const C = c[0] ** 2 + c[1] ** 2 + c[2] ** 2 - g.sphere.radius ** 2;
    expect(at(scene.surface, 201, 358)).toBe(SURFACE.sphere);
    expect(at(scene.groundTruthM, 201, 358)).toBeCloseTo((-B - Math.sqrt(B * B - 4 * A * C)) / (2 * A), 5);
  });

  it('has ground truth everywhere and a sane share of holes', () => {
    expect(scene.groundTruthM.every((z) => z > 1 && z < 5)).toBe(true);
    const holes = scene.measuredM.filter((z) => Number.isNaN(z)).length / scene.measuredM.length;
    expect(holes).toBeGreaterThan(0.03);
    expect(holes).toBeLessThan(0.15);
  });

  it('drops data at occluding edges and on the dark poster', () => {
    const { groundTruthM: gt, measuredM: m } = scene;
    let jumps = 0;
    const missed: string[] = [];
    for (let v = 0; v < 480; v++) {
      for (let u = 0; u + 1 < 640; u++) {
        const i = v * 640 + u;
        if (Math.abs(gt[i] - gt[i + 1]) > 0.3) {
          jumps++;
          if (!Number.isNaN(m[i]) || !Number.isNaN(m[i + 1])) missed.push(`(${u}, ${v})`);
        }
      }
    }
    expect(jumps).toBeGreaterThan(100);
    expect(missed, 'edges with a reading').toEqual([]);
    // The poster's centre (x = 1.0, y = -0.75 on the wall, z ~ 4.1) projects near (448, 143).
    for (let v = 138; v < 148; v++) for (let u = 443; u < 453; u++) expect(at(m, u, v)).toBeNaN();
  });

  it('says why each hole is there, and only for holes', () => {
    const { measuredM: m, holeCause: cause } = scene;
    const count = [0, 0, 0, 0];
    let mismatched = 0;
    for (let i = 0; i < m.length; i++) {
      count[cause[i]]++;
      if (Number.isNaN(m[i]) !== (cause[i] !== HOLE_CAUSE.none)) mismatched++;
    }
    expect(mismatched).toBe(0);
    expect(count[HOLE_CAUSE.edge]).toBeGreaterThan(1000);
    expect(count[HOLE_CAUSE.dark]).toBeGreaterThan(1000);
    expect(count[HOLE_CAUSE.speckle]).toBeGreaterThan(1000);
    expect(at(cause, 448, 143)).toBe(HOLE_CAUSE.dark); // the poster's centre
    // Dark poster and occluding edges do not move between frames; speckles do.
    const other = makeSyntheticScene({ seed: 2 });
    let edgeMoved = 0;
    let speckleMoved = 0;
    for (let i = 0; i < m.length; i++) {
      if ((cause[i] === HOLE_CAUSE.edge) !== (other.holeCause[i] === HOLE_CAUSE.edge)) edgeMoved++;
      if ((cause[i] === HOLE_CAUSE.speckle) !== (other.holeCause[i] === HOLE_CAUSE.speckle)) speckleMoved++;
    }
    expect(edgeMoved).toBe(0);
    expect(speckleMoved).toBeGreaterThan(1000);
  });

  it('adds noise that follows the sigma model, quantised to millimetres', () => {
    for (const surface of [SURFACE.wall, SURFACE.sphere, SURFACE.floor]) {
      let n = 0;
      let sum = 0;
      let sumSq = 0;
      for (let i = 0; i < scene.measuredM.length; i++) {
        const z = scene.measuredM[i];
        if (scene.surface[i] !== surface || Number.isNaN(z)) continue;
        const r = (z - scene.groundTruthM[i]) / sensorSigmaM(scene.groundTruthM[i]);
        n++;
        sum += r;
        sumSq += r * r;
      }
      expect(n).toBeGreaterThan(10_000);
      const mean = sum / n;
      expect(Math.abs(mean)).toBeLessThan(0.03);
      expect(Math.sqrt(sumSq / n - mean * mean)).toBeGreaterThan(0.95);
      expect(Math.sqrt(sumSq / n - mean * mean)).toBeLessThan(1.05);
    }
    const offGrid = scene.measuredM.filter((z) => Math.abs(z * 1000 - Math.round(z * 1000)) >= 1e-3); // NaN compares false
    expect(offGrid).toHaveLength(0);
  });

  it('exports the measurement as 16-bit millimetres with 0 for holes', () => {
    const mm = measuredAsMillimetres(scene);
    for (let i = 0; i < mm.length; i += 97) {
      const z = scene.measuredM[i];
      expect(mm[i]).toBe(Number.isNaN(z) ? 0 : Math.round(z * 1000));
    }
  });
});
