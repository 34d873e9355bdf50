import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { IntrinsicCamera } from './intrinsic-camera';
import { projectPoint } from '../core/intrinsics';

describe('IntrinsicCamera', () => {
  it('projects a camera-frame point onto the pixel the pinhole model gives, off-centre principal point included', () => {
    const intr = { fx: 517.3, fy: 516.5, cx: 318.6, cy: 255.3 };
    const cam = new IntrinsicCamera();
    cam.near = 0.05;
    cam.far = 50;
    cam.setIntrinsics(intr, 640, 480);
    cam.updateMatrixWorld();
    for (const p of [
      { x: 0.3, y: -0.2, z: 2 },
      { x: -1.1, y: 0.7, z: 4.5 },
      { x: 0, y: 0, z: 1 },
    ]) {
      const expected = projectPoint(p, intr);
      // Camera frame -> three.js: flip y and z; NDC -> pixel with centres at integers.
      const ndc = new THREE.Vector3(p.x, -p.y, -p.z).project(cam);
      const u = ((ndc.x + 1) / 2) * 640 - 0.5;
      const v = ((1 - ndc.y) / 2) * 480 - 0.5;
      expect(u).toBeCloseTo(expected.u, 6);
      expect(v).toBeCloseTo(expected.v, 6);
    }
  });

  it('keeps its frustum when the canvas resize handler sets an aspect', () => {
    const cam = new IntrinsicCamera();
    cam.setIntrinsics({ fx: 500, fy: 500, cx: 100, cy: 80 }, 320, 240);
    const before = cam.projectionMatrix.clone();
    cam.aspect = 3;
    cam.updateProjectionMatrix();
    expect(cam.projectionMatrix.equals(before)).toBe(true);
  });
});
