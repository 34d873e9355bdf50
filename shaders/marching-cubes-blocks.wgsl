// The volume's blocks as marching cubes reads them, prepended (after
// tsdf-find-block.wgsl, the hash lookup of a block) to marching-cubes-count.wgsl
// and marching-cubes-emit.wgsl (both declare the bindings used here: params
// with budget and table_mask, keys, slots, tri_table): the triangle table and
// a workgroup's 3x3x3 neighbourhood of block slots through which a cube
// reaches the voxels of the next blocks.

fn tri_entry(k: u32) -> i32 {
  return tri_table[k >> 2u][k & 3u];
}

var<workgroup> hood: array<u32, 27>;

// The voxel index of local offset l (-8 ... 15 per axis) from the block's first voxel, or INVALID.
fn voxel_index(l: vec3i) -> u32 {
  let nb = (l >> vec3u(3u)) + vec3i(1);
  let slot = hood[u32(nb.x + 3 * nb.y + 9 * nb.z)];
  if (slot >= params.budget) {
    return INVALID;
  }
  let m = vec3u(l & vec3i(7));
  return slot * 512u + m.x + 8u * (m.y + 8u * m.z);
}

const CORNERS = array<vec3i, 8>(
  vec3i(0, 0, 0), vec3i(1, 0, 0), vec3i(1, 1, 0), vec3i(0, 1, 0),
  vec3i(0, 0, 1), vec3i(1, 0, 1), vec3i(1, 1, 1), vec3i(0, 1, 1),
);
