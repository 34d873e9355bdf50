/**
 * A recording's camera path in the 3-D view: the path as a line (broken where
 * frames have no pose), a frustum at every N-th frame, and the current frame's
 * frustum in its own colour. A plain three.js object: add `object` to the group
 * the cloud is drawn in (the cloud view's root, which holds OpenCV camera axes,
 * x right, y down, z forward, and flips y and z for display).
 *
 * Anchors: with 'current-camera' (the default) the path is drawn relative to the
 * current frame's camera, where the cloud of that frame already is, so the
 * sensor view stays the sensor view; `object` carries the inverse of the current
 * pose and the line buffers stay in world coordinates, so moving along the
 * timeline rewrites one matrix and the current frustum, not the path. With
 * 'world' the path is drawn in the poses' world; the caller places the cloud
 * there (core/camera-path.ts pointsToWorld, or the cloud object's matrix set to
 * the pose with poseMatrix).
 */
import * as THREE from 'three';
import { frustumCorners, frustumFrames, invertRigid, pathSegments, type FrustumCamera } from '../core/camera-path';
import type { Point3 } from '../core/intrinsics';
import type { RigidTransform } from '../core/recording';

export interface TrajectoryOptions {
  /** A frustum every this many frames, besides the current one (default 10). */
  frustumEvery?: number;
  /** How far the frustums reach along the optical axis, metres (default 0.1). */
  frustumDepthM?: number;
  anchor?: 'current-camera' | 'world';
}

const PATH_COLOUR = '#f2c94c';
const FRUSTUM_COLOUR = '#8fa3bf';
const CURRENT_COLOUR = '#ff5c5c';

/** A row-major 4x4 (a pose, camera-to-world) as a three.js matrix. */
export function poseMatrix(t: RigidTransform): THREE.Matrix4 {
  // Matrix4.set takes its arguments row by row, as the pose is stored.
  return new THREE.Matrix4().set(...(t.slice(0, 16) as Parameters<THREE.Matrix4['set']>));
}

/** The 8 edges of a frustum (centre to each corner, then around the far rectangle) as 16 line-segment ends. */
function frustumEdges(corners: readonly Point3[], out: number[]): void {
  const [c, ...far] = corners;
  for (let k = 0; k < 4; k++) {
    const a = far[k];
    const b = far[(k + 1) % 4];
    out.push(c.x, c.y, c.z, a.x, a.y, a.z, a.x, a.y, a.z, b.x, b.y, b.z);
  }
}

function lines(colour: string): THREE.LineSegments {
  const segments = new THREE.LineSegments(new THREE.BufferGeometry(), new THREE.LineBasicMaterial({ color: colour }));
  // The buffers change with the recording; bounds would have to be recomputed each time.
  segments.frustumCulled = false;
  return segments;
}

function setPositions(segments: THREE.LineSegments, positions: number[]): void {
  segments.geometry.dispose();
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
  segments.geometry = geometry;
}

export class TrajectoryView {
  readonly object = new THREE.Group();
  private readonly path = lines(PATH_COLOUR);
  private readonly frustums = lines(FRUSTUM_COLOUR);
  private readonly current = lines(CURRENT_COLOUR);
  private readonly every: number;
  private readonly depth: number;
  private readonly anchor: 'current-camera' | 'world';
  /** What the path and frustum buffers were built from (rebuilt when any changes). */
  private built: { poses: readonly (RigidTransform | null)[]; camera: FrustumCamera; frames: number[] } | null = null;

  constructor(options: TrajectoryOptions = {}) {
    this.every = options.frustumEvery ?? 10;
    this.depth = options.frustumDepthM ?? 0.1;
    this.anchor = options.anchor ?? 'current-camera';
    this.object.name = 'camera path';
    this.object.matrixAutoUpdate = false;
    this.object.add(this.path, this.frustums, this.current);
  }

  /**
   * Draws `poses` (camera-to-world per frame, null where a frame has none) with
   * frame `current` highlighted; `camera`: the depth camera's intrinsics at its
   * image size. With the 'current-camera' anchor and no pose for the current
   * frame, nothing can be placed and the path is hidden.
   */
  update(poses: readonly (RigidTransform | null)[], current: number, camera: FrustumCamera): void {
    const here = current >= 0 && current < poses.length ? poses[current] : null;
    if (this.anchor === 'current-camera' && !here) {
      this.object.visible = false;
      return;
    }
    this.object.visible = true;
    // The every-N frustums do not depend on the current frame: rebuilt only for new poses or intrinsics.
    if (this.built?.poses !== poses || this.built.camera !== camera) {
      const pathEnds: number[] = [];
      for (const [a, b] of pathSegments(poses)) {
        const pa = poses[a] as RigidTransform;
        const pb = poses[b] as RigidTransform;
        pathEnds.push(pa[3], pa[7], pa[11], pb[3], pb[7], pb[11]);
      }
      setPositions(this.path, pathEnds);
      const frames = frustumFrames(poses, -1, this.every);
      const edges: number[] = [];
      for (const i of frames) frustumEdges(frustumCorners(camera, this.depth, poses[i] as RigidTransform), edges);
      setPositions(this.frustums, edges);
      this.built = { poses, camera, frames };
    }
    const currentEdges: number[] = [];
    if (here) frustumEdges(frustumCorners(camera, this.depth, here), currentEdges);
    setPositions(this.current, currentEdges);
    if (this.anchor === 'current-camera' && here) this.object.matrix.copy(poseMatrix(invertRigid(here)));
    else this.object.matrix.identity();
    this.object.matrixWorldNeedsUpdate = true;
  }

  /** Frames drawn with a frustum, besides the current one (for tests and the view's data attributes). */
  get frustumFrames(): readonly number[] {
    return this.built?.frames ?? [];
  }

  /** Segments of the drawn path. */
  get pathSegmentCount(): number {
    return (this.path.geometry.getAttribute('position')?.count ?? 0) / 2;
  }

  dispose(): void {
    this.object.removeFromParent();
    for (const segments of [this.path, this.frustums, this.current]) {
      segments.geometry.dispose();
      (segments.material as THREE.Material).dispose();
    }
    this.built = null;
  }
}
