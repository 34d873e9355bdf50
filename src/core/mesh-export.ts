/**
 * Meshes as the exporters take them (io/encode-ply.ts, io/encode-glb.ts):
 * indexed triangles with optional normals and RGB colours, in the axis
 * convention the user chose. Two sources: the fused TSDF mesh (a triangle
 * soup from marching cubes) and one frame's depth mesh (the back-projected
 * pixel grid, cut at depth jumps, as the 3-D view draws it).
 */
import { convertAxes, type AxisConvention } from './axis-convention';
import { meshIndices } from './backproject';

export interface MeshForExport {
  /** xyz per vertex, metres. */
  readonly positions: Float32Array;
  /** Unit normals per vertex, or absent. */
  readonly normals?: Float32Array;
  /** RGB per vertex (0-255), or absent. */
  readonly colors?: Uint8Array;
  /** Three vertex indices per triangle. */
  readonly faces: Uint32Array;
}

/** A triangle soup (three vertices per triangle, in order) as an indexed mesh. */
export function soupMesh(positions: Float32Array, normals?: Float32Array, colors?: Uint8Array): MeshForExport {
  const faces = new Uint32Array(positions.length / 3);
  for (let i = 0; i < faces.length; i++) faces[i] = i;
  return { positions, normals, colors, faces };
}

/**
 * One frame's mesh from back-projected points (vec4 per grid point, w = 0 where
 * there is no point: no depth, or cut at a depth jump) on a columns x rows
 * grid: the triangles meshIndices keeps (the 3-D view's), over only the
 * vertices they use. `rgb`: three bytes per grid point, or absent.
 */
export function gridMesh(points: Float32Array, columns: number, rows: number, rgb?: Uint8Array): MeshForExport {
  const all = meshIndices(points, columns, rows);
  const remap = new Int32Array(columns * rows).fill(-1);
  const kept: number[] = [];
  const faces: number[] = [];
  for (let t = 0; t < all.length; t += 3) {
    const tri = [all[t], all[t + 1], all[t + 2]];
    if (tri[0] === tri[1] && tri[1] === tri[2]) continue; // degenerate: a vertex had no point
    for (const v of tri) {
      if (remap[v] < 0) {
        remap[v] = kept.length;
        kept.push(v);
      }
      faces.push(remap[v]);
    }
  }
  const positions = new Float32Array(3 * kept.length);
  const colors = rgb ? new Uint8Array(3 * kept.length) : undefined;
  kept.forEach((v, i) => {
    positions.set(points.subarray(4 * v, 4 * v + 3), 3 * i);
    colors?.set(rgb!.subarray(3 * v, 3 * v + 3), 3 * i);
  });
  return { positions, colors, faces: Uint32Array.from(faces) };
}

/** The mesh in another axis convention (positions and normals rotated; faces and colours kept). */
export function meshInAxes(mesh: MeshForExport, axes: AxisConvention): MeshForExport {
  if (axes === 'opencv') return mesh;
  return { ...mesh, positions: convertAxes(mesh.positions, axes), normals: mesh.normals && convertAxes(mesh.normals, axes) };
}
