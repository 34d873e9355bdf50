import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkRigidTransform, invertRigid as invert, transformPoint } from './camera-path';
import { MAX_PITCH, orbitLabel, orbitPose, startOrbit, turnOrbit, zoomOrbit, type Orbit } from './orbit-camera';
import type { RigidTransform } from './recording';

/** A camera 1 m up and 2 m back, turned 30 degrees about world y. */
const c30 = Math.cos(Math.PI / 6);
const s30 = Math.sin(Math.PI / 6);
const FOLLOWED: RigidTransform = [c30, 0, s30, 0, 0, 1, 0, 1, -s30, 0, c30, -2, 0, 0, 0, 1];

const centre = (p: RigidTransform) => [p[3], p[7], p[11]];
const forward = (p: RigidTransform) => [p[2], p[6], p[10]];
const pivotOf = (o: Orbit) => transformPoint(FOLLOWED, { x: 0, y: 0, z: o.pivotM });

describe('orbit camera', () => {
  it('a fresh orbit leaves the camera where it is', () => {
    orbitPose(FOLLOWED, startOrbit(1.7)).forEach((v, k) => expect(v).toBeCloseTo(FOLLOWED[k], 12));
  });

  it('turned 90 degrees to the left, the camera stands to the left of the pivot, looking right at it', () => {
    const o = turnOrbit(startOrbit(2), Math.PI / 2, 0);
    const pose = orbitPose(FOLLOWED, o);
    // In the followed camera's frame: centre at (-2, 0, 2), looking along +x.
    const inFollowed = transformPoint(invert(FOLLOWED), { x: pose[3], y: pose[7], z: pose[11] });
    expect([inFollowed.x, inFollowed.y, inFollowed.z].map((v) => +v.toFixed(12))).toEqual([-2, 0, 2]);
    const dir = rotateInto(invert(FOLLOWED), forward(pose));
    expect(dir.map((v) => +v.toFixed(12))).toEqual([1, 0, 0]);
  });

  it('pitched up, the camera rises (-y in camera axes) and looks down at the pivot', () => {
    const pose = orbitPose(FOLLOWED, turnOrbit(startOrbit(1), 0, Math.PI / 6));
    const c = transformPoint(invert(FOLLOWED), { x: pose[3], y: pose[7], z: pose[11] });
    expect(c.y).toBeCloseTo(-Math.sin(Math.PI / 6), 12);
    expect(rotateInto(invert(FOLLOWED), forward(pose))[1]).toBeGreaterThan(0);
  });

  it('for any turn and zoom: a rigid pose, the pivot straight ahead at the orbit distance, the pitch bounded', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.2, max: 10, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -4, max: 4, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }), (pivot, dy, dp, zoom) => {
        const o = zoomOrbit(turnOrbit(startOrbit(pivot), dy, dp), zoom);
        expect(Math.abs(o.pitch)).toBeLessThanOrEqual(MAX_PITCH);
        expect(o.distanceM).toBeGreaterThanOrEqual(0.05 * pivot - 1e-12);
        expect(o.distanceM).toBeLessThanOrEqual(20 * pivot + 1e-12);
        const pose = orbitPose(FOLLOWED, o);
        expect(checkRigidTransform(pose, 1e-9)).toBeNull();
        const p = pivotOf(o);
        const c = centre(pose);
        const f = forward(pose);
        [p.x, p.y, p.z].forEach((v, k) => expect(c[k] + o.distanceM * f[k]).toBeCloseTo(v, 9));
      }),
      { numRuns: 300 },
    );
  });

  it('states itself in degrees and metres, or "follow"', () => {
    expect(orbitLabel(null)).toBe('follow');
    expect(orbitLabel(zoomOrbit(turnOrbit(startOrbit(2), Math.PI / 4, -Math.PI / 18), 0.5))).toBe('45.0,-10.0,1.000');
  });
});

function rotateInto(t: RigidTransform, v: number[]): number[] {
  return [0, 1, 2].map((i) => t[4 * i] * v[0] + t[4 * i + 1] * v[1] + t[4 * i + 2] * v[2]);
}
