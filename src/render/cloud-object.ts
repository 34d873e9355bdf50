/**
 * The object that draws the 3-D view's cloud: screen-aligned point sprites, or
 * a triangle mesh over the pixel grid (its index buffer written by
 * mesh-index.wgsl), both reading the storage buffer the back-projection kernel
 * writes. While a large mesh is dragged, its vertices stand in for it as
 * thinned points drawn from the same buffer.
 */
import * as THREE from 'three';
import { MeshStandardNodeMaterial, StorageBufferAttribute, type Node } from 'three/webgpu';
import { storage } from 'three/tsl';
import { gpuBufferOf, type BackendAccess } from './three-gpu';
import { pointSprites, type PointNode } from './point-sprites';

export interface CloudObject {
  /** What it was made for (surface, grid, wireframe, colouring): a different key needs a new object. */
  key: string;
  object: THREE.Object3D;
  points: GPUBuffer;
  indices: GPUBuffer | null;
  columns: number;
  rows: number;
  /** Draw every s-th point of every s-th row (a mesh: its vertices as points), s = 1: all, as usual. */
  thin: (s: number) => void;
  dispose(): void;
}

export interface CloudShape {
  key: string;
  surface: 'points' | 'mesh';
  columns: number;
  rows: number;
  wireframe: boolean;
  /** The colour of a point (its camera-frame position). */
  colour: (p: PointNode) => Node<'vec3'>;
}

/** Makes the object and adds it (and a mesh's stand-in) to `root`; dispose() takes them out again. */
export function makeCloudObject(gl: BackendAccess, root: THREE.Object3D, pointSize: Node<'float'>, shape: CloudShape): CloudObject {
  const { key, columns, rows, colour } = shape;
  const count = columns * rows;
  const attribute = new StorageBufferAttribute(new Float32Array(count * 4), 4);
  gl.backend.createStorageAttribute(attribute);
  const points = gpuBufferOf(gl, attribute);
  if (shape.surface === 'points') {
    const sprites = pointSprites(attribute, columns, rows, pointSize, colour);
    root.add(sprites.mesh);
    const dispose = () => {
      root.remove(sprites.mesh);
      sprites.dispose();
      gl.backend.destroyAttribute(attribute);
    };
    return { key, object: sprites.mesh, points, indices: null, columns, rows, thin: sprites.thin, dispose };
  }
  const index = new StorageBufferAttribute(new Uint32Array(Math.max(1, 6 * (columns - 1) * (rows - 1))), 1);
  gl.backend.createIndexAttribute(index);
  const geometry = new THREE.BufferGeometry();
  // The points buffer is the vertex buffer (xyz of each vec4); the indices come from mesh-index.wgsl.
  geometry.setAttribute('position', attribute);
  geometry.setIndex(index);
  const p = storage(attribute, 'vec4', count).toAttribute();
  const material = new MeshStandardNodeMaterial({ flatShading: true, wireframe: shape.wireframe, side: THREE.DoubleSide, roughness: 1, metalness: 0 });
  material.colorNode = colour(p);
  const mesh = new THREE.Mesh(geometry, material);
  mesh.frustumCulled = false;
  root.add(mesh);
  const proxy = pointSprites(attribute, columns, rows, pointSize, colour);
  proxy.mesh.visible = false;
  root.add(proxy.mesh);
  return {
    key,
    object: mesh,
    points,
    indices: gpuBufferOf(gl, index),
    columns,
    rows,
    thin: (k: number) => {
      mesh.visible = k === 1;
      proxy.mesh.visible = k > 1;
      proxy.thin(k);
    },
    dispose: () => {
      root.remove(mesh, proxy.mesh);
      proxy.dispose();
      material.dispose();
      geometry.dispose();
    },
  };
}
