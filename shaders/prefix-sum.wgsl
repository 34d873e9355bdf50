// Exclusive prefix sum, step 1: each workgroup scans 256 values of `input`
// into `output` (exclusive) and writes its total to `sums`, which the caller
// scans the same way (recursively, down to one workgroup) and adds back with
// prefix-sum-add.wgsl. Stream compaction for marching cubes: counts in,
// where each cube writes out. Hillis-Steele in workgroup memory (8 steps; the
// barriers keep each step's reads before its writes).

struct Params {
  n: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> input: array<u32>;
@group(0) @binding(2) var<storage, read_write> output: array<u32>;
@group(0) @binding(3) var<storage, read_write> sums: array<u32>;

var<workgroup> scratch: array<u32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lane: u32) {
  let group = wid.y * 65535u + wid.x;
  let i = group * 256u + lane;
  let value = select(0u, input[min(i, params.n - 1u)], i < params.n);
  scratch[lane] = value;
  workgroupBarrier();
  for (var offset = 1u; offset < 256u; offset <<= 1u) {
    var add = 0u;
    if (lane >= offset) {
      add = scratch[lane - offset];
    }
    workgroupBarrier();
    scratch[lane] += add;
    workgroupBarrier();
  }
  if (i < params.n) {
    output[i] = scratch[lane] - value; // inclusive minus self
  }
  if (lane == 255u) {
    sums[group] = scratch[255];
  }
}
