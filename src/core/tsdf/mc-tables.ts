/**
 * The marching-cubes tables (Lorensen and Cline 1987; Paul Bourke's tables),
 * as three.js ships them (examples/jsm/objects/MarchingCubes.js, MIT licence),
 * kept as data in mc-tables.json (rows of 16) and flattened here.
 *
 * Corner k of a cube at voxel (x, y, z) sits at CUBE_CORNERS[k]; bit k of the
 * cube index is set when corner k is inside (TSDF < 0). EDGE_TABLE[index] has
 * bit e set when edge e (between EDGE_CORNERS[e]) crosses the surface, and
 * TRI_TABLE[16 index ...] lists up to five triangles as edge numbers, -1 ended.
 */
import tables from './mc-tables.json';

/** Corner offsets (x, y, z), in Bourke's order. */
export const CUBE_CORNERS: readonly (readonly [number, number, number])[] = [
  [0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0],
  [0, 0, 1], [1, 0, 1], [1, 1, 1], [0, 1, 1],
];

/** The two corners of each of the 12 edges. */
export const EDGE_CORNERS: readonly (readonly [number, number])[] = [
  [0, 1], [1, 2], [2, 3], [3, 0], [4, 5], [5, 6], [6, 7], [7, 4], [0, 4], [1, 5], [2, 6], [3, 7],
];

/** 256 entries. */
export const EDGE_TABLE = new Int32Array(tables.edgeTable.flat());

/** 256 x 16 entries. */
export const TRI_TABLE = new Int32Array(tables.triTable.flat());
