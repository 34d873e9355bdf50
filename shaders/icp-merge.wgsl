// Point-to-plane ICP, pass 2 of 2: the partial sums of icp-rows.wgsl (32 words
// per workgroup) summed into one 32-word result, the only thing read back per
// iteration. One workgroup: each thread sums every 64th partial, then a tree.
// Reference: src/core/icp/point-to-plane.ts (icpSums); spec: e2e/kernel-icp.spec.ts.

struct Params {
  count: u32,
  _pad0: u32,
  _pad1: u32,
  _pad2: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> partials: array<f32>;
@group(0) @binding(2) var<storage, read_write> result: array<f32>;

// WORDS, GROUP, shared_sums and tree_sum: icp-group-sum.wgsl, prepended.

@compute @workgroup_size(64)
fn main(@builtin(local_invocation_index) lid: u32) {
  for (var k = 0u; k < WORDS; k++) {
    var sum = 0.0;
    for (var j = lid; j < params.count; j += GROUP) {
      sum += partials[j * WORDS + k];
    }
    shared_sums[lid * WORDS + k] = sum;
  }
  tree_sum(lid);
  if (lid < WORDS) {
    result[lid] = shared_sums[lid];
  }
}
