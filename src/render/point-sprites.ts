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
 */
import * as THREE from 'three';
import { MeshBasicNodeMaterial, StorageBufferAttribute, type Node } from 'three/webgpu';
import { cameraProjectionMatrix, float, modelViewMatrix, screenDPR, storage, vec2, vec4, vertexIndex, vertexStage, viewportSize } from 'three/tsl';

/** A point's vec4 (x, y, z in metres; w = 1 with depth, 0 without). */
export type PointNode = Node<'vec4'>;

export interface PointSprites {
  mesh: THREE.Mesh;
  attribute: StorageBufferAttribute;
  dispose(): void;
}

/** `count` points of `attribute` (vec4 each), `size` px wide, coloured by `colour(point)` evaluated once per vertex. */
export function pointSprites(attribute: StorageBufferAttribute, count: number, size: Node<'float'>, colour: (p: PointNode) => Node<'vec3'>): PointSprites {
  const points = storage(attribute, 'vec4', count).toReadOnly();
  const corner = vertexIndex.mod(6);
  const p = points.element(vertexIndex.div(6)) as unknown as PointNode; // the typings lose the node type
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
    dispose() {
      material.dispose();
      geometry.dispose();
    },
  };
}
