// The hash-table lookup of a TSDF block, as tsdf-allocate.wgsl inserts it
// (open addressing, linear probing from Teschner et al.'s hash; key = 3 x 10
// bits of block coordinates + 1, 0 = empty). Prepended to the kernels that
// read the volume (marching cubes, ray casting), which declare `params` with
// `table_mask`, `keys`, `slots` and INVALID. Reference: src/core/tsdf/settings.ts.

fn find_block(b: vec3i) -> u32 {
  if (any(b < vec3i(-512)) || any(b > vec3i(511))) {
    return INVALID;
  }
  let o = vec3u(b + vec3i(512));
  let key = ((o.x << 20u) | (o.y << 10u) | o.z) + 1u;
  let start = ((o.x * 73856093u) ^ (o.y * 19349669u) ^ (o.z * 83492791u)) & params.table_mask;
  for (var probe = 0u; probe <= params.table_mask; probe++) {
    let s = (start + probe) & params.table_mask;
    if (keys[s] == key) {
      return slots[s];
    }
    if (keys[s] == 0u) {
      return INVALID;
    }
  }
  return INVALID;
}
