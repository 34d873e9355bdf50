/**
 * Marching cubes over the allocated blocks of a TSDF volume (CPU reference).
 *
 * Each voxel g of an allocated block is the lowest corner of one cube, whose
 * other corners may lie in the neighbouring blocks (+x, +y, +z). A cube is
 * skipped when a corner is missing or was never observed (weight 0): the
 * surface is only drawn where every corner was measured, so no false surface
 * appears at the edge of the observed space. The zero crossing on an edge is
 * linearly interpolated (t = f0 / (f0 - f1)), as are its colour and the
 * TSDF's central-difference gradient, whose direction is the normal (pointing
 * to free space). The mesh is a triangle soup: three vertices per triangle.
 */
import { BLOCK_SIDE, BLOCK_VOXELS } from './settings';
import { CUBE_CORNERS, EDGE_CORNERS, EDGE_TABLE, TRI_TABLE } from './mc-tables';
import type { TsdfVolume } from './volume';

export interface TriangleMesh {
  /** xyz per vertex, world metres; three vertices per triangle. */
  positions: Float32Array;
  /** Unit normals per vertex (towards free space). */
  normals: Float32Array;
  /** RGB per vertex, 0-255. */
  colours: Uint8Array;
  triangles: number;
  /** With `detail`: the cube (global voxel coordinates of its lowest corner, xyz) of each triangle. */
  cubes?: Int32Array;
  /** With `detail`: each vertex's gradient length before normalising, and its colour before rounding (RGB). */
  gradientLengths?: Float64Array;
  rawColours?: Float64Array;
}

/** The TSDF and weight at global voxel g, or null where no block holds it. */
export function voxelAt(volume: TsdfVolume, gx: number, gy: number, gz: number): { tsdf: number; weight: number; idx: number } | null {
  const slot = volume.findBlock(Math.floor(gx / BLOCK_SIDE), Math.floor(gy / BLOCK_SIDE), Math.floor(gz / BLOCK_SIDE));
  if (slot < 0) return null;
  const idx = slot * BLOCK_VOXELS + (gx & 7) + 8 * ((gy & 7) + 8 * (gz & 7));
  return { tsdf: volume.tsdf[idx], weight: volume.weight[idx], idx };
}

/**
 * Reads voxels around one block fast: the slots of its 26 neighbours are looked
 * up once, so a voxel at a local offset in -8 ... 15 is two array reads.
 */
class BlockNeighbourhood {
  private readonly slots = new Int32Array(27);
  g0: readonly number[] = [0, 0, 0];

  constructor(private readonly volume: TsdfVolume) {}

  at(slot: number): void {
    const c = this.volume.coords;
    const b = [c[3 * slot], c[3 * slot + 1], c[3 * slot + 2]];
    this.g0 = b.map((v) => v * BLOCK_SIDE);
    for (let k = 0; k < 27; k++) this.slots[k] = this.volume.findBlock(b[0] + (k % 3) - 1, b[1] + (Math.floor(k / 3) % 3) - 1, b[2] + Math.floor(k / 9) - 1);
  }

  /** The voxel index at local offset (x, y, z) from the block's first voxel, or -1 when its block is not allocated. */
  index(x: number, y: number, z: number): number {
    const bx = x >> 3;
    const by = y >> 3;
    const bz = z >> 3;
    const slot = this.slots[bx + 1 + 3 * (by + 1) + 9 * (bz + 1)];
    return slot < 0 ? -1 : slot * BLOCK_VOXELS + (x & 7) + 8 * ((y & 7) + 8 * (z & 7));
  }

  /** The TSDF at a local offset, NaN when unallocated or unobserved. */
  observed(x: number, y: number, z: number): number {
    const i = this.index(x, y, z);
    return i >= 0 && this.volume.weight[i] > 0 ? this.volume.tsdf[i] : Number.NaN;
  }

  /** Central-difference gradient at a local offset (one-sided where a neighbour is unobserved; 0 where both are). */
  gradient(x: number, y: number, z: number): number[] {
    const here = this.observed(x, y, z);
    const out = [0, 0, 0];
    const l = [x, y, z];
    for (let k = 0; k < 3; k++) {
      const a = [...l];
      const b = [...l];
      a[k] += 1;
      b[k] -= 1;
      const fa = this.observed(a[0], a[1], a[2]);
      const fb = this.observed(b[0], b[1], b[2]);
      if (Number.isFinite(fa) && Number.isFinite(fb)) out[k] = (fa - fb) / 2;
      else if (Number.isFinite(fa)) out[k] = fa - here;
      else if (Number.isFinite(fb)) out[k] = here - fb;
    }
    return out;
  }
}

/** The mesh; `detail` adds what the GPU equivalence spec needs to match triangles and bound errors. */
export function marchingCubes(volume: TsdfVolume, opts: { detail?: boolean } = {}): TriangleMesh {
  const vs = volume.settings.voxelSizeM;
  const pos: number[] = [];
  const nrm: number[] = [];
  const col: number[] = [];
  const cubes: number[] = [];
  const gradLen: number[] = [];
  const rawCol: number[] = [];
  const f = new Float64Array(8);
  const idx = new Int32Array(8);
  const edgeVerts: (number[] | null)[] = new Array(12).fill(null);
  const hood = new BlockNeighbourhood(volume);
  for (let slot = 0; slot < volume.blockCount; slot++) {
    hood.at(slot);
    const g0 = hood.g0;
    for (let local = 0; local < BLOCK_VOXELS; local++) {
      const l = [local & 7, (local >> 3) & 7, local >> 6];
      const g = [g0[0] + l[0], g0[1] + l[1], g0[2] + l[2]];
      let cube = 0;
      let complete = true;
      for (let c = 0; c < 8 && complete; c++) {
        const o = CUBE_CORNERS[c];
        const i = hood.index(l[0] + o[0], l[1] + o[1], l[2] + o[2]);
        if (i < 0 || volume.weight[i] === 0) complete = false;
        else {
          f[c] = volume.tsdf[i];
          idx[c] = i;
          if (f[c] < 0) cube |= 1 << c;
        }
      }
      if (!complete) continue;
      const edges = EDGE_TABLE[cube];
      if (edges === 0) continue;
      for (let e = 0; e < 12; e++) {
        if (!(edges & (1 << e))) {
          edgeVerts[e] = null;
          continue;
        }
        const [c0, c1] = EDGE_CORNERS[e];
        const t = f[c0] / (f[c0] - f[c1]);
        const o0 = CUBE_CORNERS[c0];
        const o1 = CUBE_CORNERS[c1];
        const ga = hood.gradient(l[0] + o0[0], l[1] + o0[1], l[2] + o0[2]);
        const gb = hood.gradient(l[0] + o1[0], l[1] + o1[1], l[2] + o1[2]);
        const vertex: number[] = [];
        for (let k = 0; k < 3; k++) vertex.push((g[k] + o0[k] + t * (o1[k] - o0[k])) * vs);
        const n = [0, 1, 2].map((k) => ga[k] + t * (gb[k] - ga[k]));
        const len = Math.hypot(n[0], n[1], n[2]) || 1;
        for (let k = 0; k < 3; k++) vertex.push(n[k] / len);
        vertex.push(len);
        for (let k = 0; k < 3; k++) vertex.push(volume.colour[3 * idx[c0] + k] + t * (volume.colour[3 * idx[c1] + k] - volume.colour[3 * idx[c0] + k]));
        edgeVerts[e] = vertex;
      }
      for (let k = 16 * cube; TRI_TABLE[k] !== -1; k++) {
        const v = edgeVerts[TRI_TABLE[k]] as number[];
        pos.push(v[0], v[1], v[2]);
        nrm.push(v[3], v[4], v[5]);
        col.push(Math.round(v[7]), Math.round(v[8]), Math.round(v[9]));
        if (opts.detail) {
          gradLen.push(v[6]);
          rawCol.push(v[7], v[8], v[9]);
          if ((k - 16 * cube) % 3 === 0) cubes.push(g[0], g[1], g[2]);
        }
      }
    }
  }
  const mesh: TriangleMesh = { positions: Float32Array.from(pos), normals: Float32Array.from(nrm), colours: Uint8Array.from(col), triangles: pos.length / 9 };
  if (opts.detail) Object.assign(mesh, { cubes: Int32Array.from(cubes), gradientLengths: Float64Array.from(gradLen), rawColours: Float64Array.from(rawCol) });
  return mesh;
}
