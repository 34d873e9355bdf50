/** Mesh exports (PLY with faces, glTF binary) read back: PLY by read-ply.ts, GLB by three.js's GLTFLoader. */
import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { backproject, cloudSize } from '../core/backproject';
import { gridMesh, meshInAxes, soupMesh, type MeshForExport } from '../core/mesh-export';
import { encodePly } from './encode-ply';
import { encodeGlb } from './encode-glb';
import { readPly, PlyReadError } from './read-ply';

/** Two triangles of a unit square at z = 2, normals towards the camera, one colour per vertex. */
const square: MeshForExport = soupMesh(
  new Float32Array([0, 0, 2, 0, 1, 2, 1, 0, 2, 1, 0, 2, 0, 1, 2, 1, 1, 2]),
  new Float32Array(Array.from({ length: 6 }, () => [0, 0, -1]).flat()),
  new Uint8Array(Array.from({ length: 6 }, (_, i) => [40 * i, 255 - 40 * i, 7]).flat()),
);

function parseGlb(bytes: Uint8Array): Promise<THREE.Mesh> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return new Promise((resolve, reject) =>
    new GLTFLoader().parse(
      buffer,
      '',
      (gltf) => {
        let mesh: THREE.Mesh | null = null;
        gltf.scene.traverse((o) => {
          if ((o as THREE.Mesh).isMesh) mesh = o as THREE.Mesh;
        });
        if (mesh) resolve(mesh);
        else reject(new Error('no mesh in the glTF'));
      },
      reject,
    ),
  );
}

describe('fused and single-frame meshes as binary PLY', () => {
  it('writes vertices, normals, colours and faces that read back exactly', () => {
    const ply = readPly(encodePly(square).bytes);
    expect(ply.count).toBe(6);
    expect(ply.props.map((p) => p.name)).toEqual(['x', 'y', 'z', 'nx', 'ny', 'nz', 'red', 'green', 'blue']);
    expect([...ply.faces!]).toEqual([0, 1, 2, 3, 4, 5]);
    ply.rows.forEach((row, i) => {
      expect(row.slice(0, 3)).toEqual([...square.positions.subarray(3 * i, 3 * i + 3)]);
      expect(row.slice(6)).toEqual([...square.colors!.subarray(3 * i, 3 * i + 3)]);
    });
  });

  it('refuses a face naming a vertex the file does not have, or a non-triangle', () => {
    const bytes = encodePly(square).bytes;
    const bad = bytes.slice();
    new DataView(bad.buffer).setInt32(bad.length - 4, 6, true);
    expect(() => readPly(bad)).toThrow(PlyReadError);
    const quad = bytes.slice();
    quad[quad.length - 13] = 4;
    expect(() => readPly(quad)).toThrow(/not a triangle/);
    expect(() => encodePly({ ...square, faces: new Uint32Array([0, 1, 9]) })).toThrow(RangeError);
  });

  it('a frame mesh keeps the 3-D view triangles over the vertices they use, in the chosen axes', () => {
    // 3 x 2 pixels, the last without depth: of the 4 grid triangles, the one using it is dropped, and it.
    const depth = new Float32Array([1, 1, 1, 1, 1, NaN]);
    const intr = { fx: 1, fy: 1, cx: 1, cy: 0.5 };
    const points = backproject(depth, 3, 2, intr, { stride: 1, rayLength: false });
    const { columns, rows } = cloudSize(3, 2, 1);
    const mesh = gridMesh(points, columns, rows);
    expect(mesh.faces.length / 3).toBe(3);
    expect(mesh.positions.length / 3).toBe(5);
    const ply = readPly(encodePly(meshInAxes(mesh, 'opengl')).bytes);
    // Pixel (0, 0) at depth 1: x = (0 - 1) / 1, y = (0 - 0.5) / 1, z = 1 in OpenCV; y and z flip in OpenGL.
    expect(ply.rows[0]).toEqual([-1, 0.5, -1]);
  });
});

describe('meshes as glTF binary (.glb)', () => {
  it('three.js GLTFLoader reads positions, normals, colours and indices back', async () => {
    const mesh = await parseGlb(encodeGlb(square));
    const g = mesh.geometry;
    expect(g.getAttribute('position').count).toBe(6);
    expect([...(g.getAttribute('position').array as Float32Array)]).toEqual([...square.positions]);
    expect([...(g.getAttribute('normal').array as Float32Array)]).toEqual([...square.normals!]);
    const colour = g.getAttribute('color');
    expect(colour.itemSize).toBe(4);
    // Normalized RGBA8: the loader keeps the bytes; alpha is opaque.
    expect([...(colour.array as Uint8Array)].filter((_, i) => i % 4 !== 3)).toEqual([...square.colors!]);
    expect([...g.index!.array]).toEqual([0, 1, 2, 3, 4, 5]);
    expect((mesh.material as THREE.MeshStandardMaterial).vertexColors).toBe(true);
  });

  it('writes an empty mesh three.js still reads, and a mesh without normals or colours', async () => {
    const empty = await parseGlb(encodeGlb({ positions: new Float32Array(0), faces: new Uint32Array(0) }));
    expect(empty.geometry.getAttribute('position').count).toBe(0);
    const bare = await parseGlb(encodeGlb({ positions: square.positions, faces: square.faces }));
    expect(bare.geometry.getAttribute('normal')).toBeUndefined();
    expect(bare.geometry.index!.count).toBe(6);
  });
});
