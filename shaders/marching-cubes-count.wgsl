// Marching cubes over the TSDF volume's blocks, pass 1 of 3 (count): the
// number of triangles of every cube, one cube per voxel (its lowest corner),
// summed per block in the workgroup: each cube's offset within its block goes
// to in_block[slot * 512 + local], the block's total to block_totals[slot], so
// a prefix sum of the block totals only (prefix-sum*.wgsl; blocks values, not
// 512 x blocks) gives each cube where to write (marching-cubes-emit.wgsl).
// No CPU pass over voxels.
// Reference: src/core/tsdf/marching-cubes.ts; spec: e2e/kernel-marching-cubes.spec.ts.
//
// One workgroup per block slot, 64 threads x 8 z layers. The corners in the
// +x, +y, +z neighbour blocks are found through the hash table (the slots of
// the 27 blocks around this one looked up once, into workgroup memory). A cube
// with a corner missing or unobserved (weight 0) has no triangles.

struct Params {
  budget: u32,
  table_mask: u32,
  voxel_m: f32,
  _pad: u32,
}

const INVALID = 0xffffffffu;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> keys: array<u32>;
@group(0) @binding(2) var<storage, read> slots: array<u32>;
@group(0) @binding(3) var<storage, read> block_coords: array<vec4i>;
@group(0) @binding(4) var<storage, read> voxels: array<f32>; // [tsdf, weight, r, g, b]
@group(0) @binding(5) var<storage, read> counters: array<u32>; // [0] blocks claimed
@group(0) @binding(6) var<uniform> tri_table: array<vec4i, 1024>; // 16 per cube index (4 vec4i), -1 ended
@group(0) @binding(7) var<storage, read_write> in_block: array<u32>;
@group(0) @binding(8) var<storage, read_write> block_totals: array<u32>;

// Per thread, its cubes' triangles summed; scanned across the workgroup (Hillis-Steele, 6 steps).
var<workgroup> thread_sums: array<u32, 64>;

// find_block: tsdf-find-block.wgsl; tri_entry, hood, voxel_index and CORNERS: marching-cubes-blocks.wgsl; both prepended.

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lane: u32) {
  let slot = wid.y * 65535u + wid.x;
  let blocks = min(counters[0], params.budget);
  // Uniform per workgroup, so the barrier below is reached by all or none.
  if (slot >= blocks) {
    return;
  }
  let b = block_coords[slot].xyz;
  if (lane < 27u) {
    hood[lane] = find_block(b + vec3i(i32(lane % 3u) - 1, i32((lane / 3u) % 3u) - 1, i32(lane / 9u) - 1));
  }
  workgroupBarrier();
  // A thread's cubes are lane + 64 layer: their offsets run through the thread's own cubes first.
  var counts: array<u32, 8>;
  var mine = 0u;
  for (var layer = 0u; layer < 8u; layer++) {
    let local = lane + 64u * layer;
    let l = vec3i(i32(local & 7u), i32((local >> 3u) & 7u), i32(local >> 6u));
    var cube = 0u;
    var complete = true;
    for (var c = 0u; c < 8u; c++) {
      let i = voxel_index(l + CORNERS[c]);
      if (i == INVALID || voxels[i * 5u + 1u] == 0.0) {
        complete = false;
        break;
      }
      if (voxels[i * 5u] < 0.0) {
        cube |= 1u << c;
      }
    }
    var n = 0u;
    if (complete) {
      while (n < 5u && tri_entry(cube * 16u + 3u * n) != -1) {
        n++;
      }
    }
    counts[layer] = n;
    mine += n;
  }
  thread_sums[lane] = mine;
  for (var offset = 1u; offset < 64u; offset <<= 1u) {
    workgroupBarrier();
    var add = 0u;
    if (lane >= offset) {
      add = thread_sums[lane - offset];
    }
    workgroupBarrier();
    thread_sums[lane] += add;
  }
  // thread_sums is now inclusive: this thread's cubes start at its value minus its own total.
  var at = thread_sums[lane] - mine;
  for (var layer = 0u; layer < 8u; layer++) {
    in_block[slot * 512u + lane + 64u * layer] = at;
    at += counts[layer];
  }
  if (lane == 63u) {
    block_totals[slot] = thread_sums[63];
  }
}
