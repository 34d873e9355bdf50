// TSDF integration, step 2 of 3: the indirect dispatch of step 3, from the
// length of the frame's block list, so the list never visits the CPU. One
// workgroup per block, at most 65535 per dimension: (min(n, 65535),
// ceil(n / 65535), 1). Nothing (0 workgroups) once the volume overflowed its
// budget: integration stops. One thread.

// counters: [0] blocks claimed, [1] length of the frame's block list, [2] overflows.
@group(0) @binding(0) var<storage, read> counters: array<u32>;
@group(0) @binding(1) var<storage, read_write> args: array<u32>;

@compute @workgroup_size(1)
fn main() {
  let n = select(counters[1], 0u, counters[2] > 0u);
  args[0] = min(n, 65535u);
  args[1] = max(1u, (n + 65534u) / 65535u);
  args[2] = 1u;
}
