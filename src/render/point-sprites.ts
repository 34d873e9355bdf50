/**
 * The point cloud drawn as screen-aligned squares of `size` CSS pixels, in ONE
 * non-instanced draw of 6 vertices per point: each vertex pulls its point from
 * the storage buffer the back-projection kernel writes (vertex_index / 6) and
 * takes its corner from vertex_index % 6. No vertex or index buffer exists.
 *
 * Why not THREE.Sprite (one instance of 6 vertices per point): at 640x480 on
 * SwiftShader the instanced draw took 6.8 s per frame against 0.21 s for the
 * same quads in one draw (npm run bench -- cloud, case cloud-draw); drivers
 * handle many tiny instances poorly, a single large draw well.
 *
 * While the user drags the view, a large cloud may be drawn thinned
 * (`thin(s)`: every s-th point of every s-th row), so that orbiting stays
 * interactive; the full cloud comes back when the drag ends.
 */
import * as THREE from 'three';
import { MeshBasicNodeMaterial, StorageBufferAttribute, type Node } from 'three/webgpu';
import { cameraProjectionMatrix, float, modelViewMatrix, screenDPR, storage, uniform, vec2, vec4, vertexIndex, vertexStage, viewportSize } from 'three/tsl';

/** A point's vec4 (x, y, z in metres; w = 1 with depth, 0 without). */
export type PointNode = Node<'vec4'>;

/**
 * While a drag moves the view, clouds larger than this are drawn thinned to about
 * this many points, so that each frame of the drag stays cheap (a 4K map is 8 M points).
 */
export const DRAG_POINTS = 1_000_000;

export interface PointSprites {
  mesh: THREE.Mesh;
  attribute: StorageBufferAttribute;
  /** Draws every s-th point of every s-th grid row (s = 1: all). */
  thin(s: number): void;
  dispose(): void;
}

/**
 * The columns x rows grid of points in `attribute` (vec4 each, row by row), `size` px wide,
 * coloured by `colour(point)` evaluated once per vertex.
 */
export function pointSprites(attribute: StorageBufferAttribute, columns: number, rows: number, size: Node<'float'>, colour: (p: PointNode) => Node<'vec3'>): PointSprites {
  const count = columns * rows;
  const points = storage(attribute, 'vec4', count).toReadOnly();
  const skip = uniform(1, 'uint');
  const drawnColumns = uniform(columns, 'uint');
  const corner = vertexIndex.mod(6);
  const drawn = vertexIndex.div(6);
  const index = drawn.div(drawnColumns).mul(skip).mul(columns).add(drawn.mod(drawnColumns).mul(skip));
  const p = points.element(index) as unknown as PointNode; // the typings lose the node type
  // Two triangles: (-,-) (+,-) (+,+) and (-,-) (+,+) (-,+).
  const right = corner.equal(1).or(corner.equal(2)).or(corner.equal(4)).select(float(0.5), float(-0.5));
  const up = corner.equal(2).or(corner.equal(4)).or(corner.equal(5)).select(float(0.5), float(-0.5));
  const clip = cameraProjectionMatrix.mul(modelViewMatrix).mul(vec4(p.xyz, 1));
  // A point without depth (w = 0) gets size 0: six equal vertices, nothing drawn.
  const pixels = size.mul(p.w).mul(screenDPR);
  const offset = vec2(right, up).mul(pixels).div(viewportSize.div(2)).mul(clip.w);
  const material = new MeshBasicNodeMaterial({ side: THREE.DoubleSide });
  material.vertexNode = clip.add(vec4(offset, 0, 0));
  material.colorNode = vertexStage(colour(p)) as unknown as Node<'vec3'>;
  const geometry = new THREE.BufferGeometry();
  geometry.setDrawRange(0, 6 * count);
  const mesh = new THREE.Mesh(geometry, material);
  mesh.frustumCulled = false;
  return {
    mesh,
    attribute,
    thin(s: number) {
      const k = Math.max(1, Math.floor(s));
      skip.value = k;
      drawnColumns.value = Math.ceil(columns / k);
      geometry.setDrawRange(0, 6 * Math.ceil(columns / k) * Math.ceil(rows / k));
    },
    dispose() {
      material.dispose();
      geometry.dispose();
    },
  };
}
