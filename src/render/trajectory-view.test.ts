import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { TrajectoryView, poseMatrix } from './trajectory-view';
import { frustumCorners, IDENTITY_TRANSFORM } from '../core/camera-path';

const CAMERA = { fx: 100, fy: 100, cx: 49.5, cy: 39.5, width: 100, height: 80 };

/** Camera-to-world poses walking along world x, 0.1 m per frame, turning a degree per frame about y. */
function walk(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => {
    const a = (i * Math.PI) / 180;
    return [Math.cos(a), 0, Math.sin(a), 0.1 * i, 0, 1, 0, 0, -Math.sin(a), 0, Math.cos(a), 0, 0, 0, 0, 1];
  });
}

function positions(object: THREE.Object3D, child: number): Float32Array {
  return ((object.children[child] as THREE.LineSegments).geometry.getAttribute('position') as THREE.BufferAttribute).array as Float32Array;
}

describe('TrajectoryView', () => {
  it('draws the path, a frustum every N frames and the current one, 8 edges each', () => {
    const poses: (number[] | null)[] = walk(25);
    poses[12] = null;
    const view = new TrajectoryView({ frustumEvery: 10, frustumDepthM: 0.2 });
    view.update(poses, 7, CAMERA);
    // 24 consecutive pairs, two of them broken by frame 12.
    expect(view.pathSegmentCount).toBe(22);
    expect(view.frustumFrames).toEqual([0, 10, 20]);
    expect(positions(view.object, 1).length).toBe(3 * 16 * 3);
    expect(positions(view.object, 2).length).toBe(16 * 3);
    // The path's first segment: from camera 0's centre to camera 1's (world coordinates).
    expect(Array.from(positions(view.object, 0).subarray(0, 6))).toEqual([0, 0, 0, Math.fround(0.1), 0, 0]);
    view.dispose();
  });

  it("anchored to the current camera: its centre and frustum sit where the cloud is, at the origin along +z", () => {
    const poses = walk(30);
    const view = new TrajectoryView({ frustumDepthM: 0.5 });
    view.update(poses, 17, CAMERA);
    const drawn = positions(view.object, 2);
    // Centre (first end of the first edge) and the top-left corner (its second end), moved by the group's matrix.
    const centre = new THREE.Vector3(drawn[0], drawn[1], drawn[2]).applyMatrix4(view.object.matrix);
    const corner = new THREE.Vector3(drawn[3], drawn[4], drawn[5]).applyMatrix4(view.object.matrix);
    const expected = frustumCorners(CAMERA, 0.5, IDENTITY_TRANSFORM)[1];
    expect(centre.length()).toBeLessThan(1e-6);
    expect(corner.x).toBeCloseTo(expected.x, 5);
    expect(corner.y).toBeCloseTo(expected.y, 5);
    expect(corner.z).toBeCloseTo(0.5, 5);
    // Frame 0's camera is 1.7 m from frame 17's (0.1 m a frame along world x).
    const first = new THREE.Vector3(0, 0, 0).applyMatrix4(view.object.matrix);
    expect(first.length()).toBeCloseTo(1.7, 5);
    view.dispose();
  });

  it("'world' anchor leaves the path in world coordinates; no current pose hides the current-camera view", () => {
    const poses: (number[] | null)[] = walk(5);
    const world = new TrajectoryView({ anchor: 'world' });
    world.update(poses, 3, CAMERA);
    expect(world.object.matrix.equals(new THREE.Matrix4())).toBe(true);
    poses[3] = null;
    const anchored = new TrajectoryView();
    anchored.update(poses, 3, CAMERA);
    expect(anchored.object.visible).toBe(false);
    anchored.update(poses, 2, CAMERA);
    expect(anchored.object.visible).toBe(true);
  });

  it('keeps the path buffers while only the current frame changes, and rebuilds them for new poses', () => {
    const poses = walk(12);
    const view = new TrajectoryView();
    view.update(poses, 1, CAMERA);
    const path = (view.object.children[0] as THREE.LineSegments).geometry;
    view.update(poses, 2, CAMERA);
    expect((view.object.children[0] as THREE.LineSegments).geometry).toBe(path);
    view.update(walk(12), 2, CAMERA);
    expect((view.object.children[0] as THREE.LineSegments).geometry).not.toBe(path);
  });

  it('poseMatrix reads the row-major pose', () => {
    const m = poseMatrix(walk(3)[2]);
    const p = new THREE.Vector3(0, 0, 0).applyMatrix4(m);
    expect(p.x).toBeCloseTo(0.2, 12);
  });
});
