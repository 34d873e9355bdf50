import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { pickPoint } from './cloud-picking';
import { backprojectPixelThroughLens } from '../core/intrinsics';
import type { LensDistortion } from '../core/distortion';

describe('pickPoint through a lens', () => {
  it('returns the point the lens-aware back-projection gives, under the pointer', () => {
    const intr = { fx: 40, fy: 40, cx: 15.5, cy: 11.5 };
    const lens: LensDistortion = { distortion: 'brown-conrady', coeffs: [-0.2, 0.05, 0.001, 0.002, 0] };
    const width = 32;
    const height = 24;
    const depth = new Float32Array(width * height).fill(2);
    // A camera at the origin looking down -z (display axes): the sensor's view.
    const camera = new THREE.PerspectiveCamera(60, 1, 0.01, 100);
    camera.updateMatrixWorld();
    const viewProjection = new THREE.Matrix4().multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
    const screen = { width: 400, height: 400 };
    const expected = backprojectPixelThroughLens(3, 4, 2, { ...intr, ...lens });
    // Where that point shows on screen: display coordinates (x, -y, -z).
    const clip = new THREE.Vector3(expected.x, -expected.y, -expected.z).applyMatrix4(viewProjection);
    const sx = (clip.x + 1) * 0.5 * screen.width;
    const sy = (1 - clip.y) * 0.5 * screen.height;
    const picked = pickPoint({ depth, width, height, intr, stride: 1, lens }, viewProjection, screen, sx, sy)!;
    expect([picked.u, picked.v]).toEqual([3, 4]);
    expect(picked.x).toBeCloseTo(expected.x, 12);
    expect(picked.y).toBeCloseTo(expected.y, 12);
    // Without the lens the same screen point is another sample's, or a pinhole position.
    const pinhole = pickPoint({ depth, width, height, intr, stride: 1 }, viewProjection, screen, sx, sy);
    expect(pinhole === null || pinhole.x !== picked.x).toBe(true);
  });
});
