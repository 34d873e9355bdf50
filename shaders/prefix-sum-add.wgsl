// Exclusive prefix sum, step 2: adds each 256-value group's scanned offset
// (the exclusive scan of the group totals prefix-sum.wgsl wrote) to its values.

struct Params {
  n: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> group_offsets: array<u32>;
@group(0) @binding(2) var<storage, read_write> values: array<u32>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lane: u32) {
  let group = wid.y * 65535u + wid.x;
  let i = group * 256u + lane;
  if (i < params.n) {
    values[i] += group_offsets[group];
  }
}
