// The workgroup half of the ICP reduction, prepended to icp-rows.wgsl and
// icp-merge.wgsl: 64 threads, 32 words each in shared memory, summed by a tree
// (6 levels) into shared_sums[0 ... 31].

const WORDS = 32u;
const GROUP = 64u;

var<workgroup> shared_sums: array<f32, 2048>; // GROUP x WORDS

// Call with every thread's words stored at shared_sums[lid * WORDS ...]; every thread must call it.
fn tree_sum(lid: u32) {
  for (var stride = GROUP / 2u; stride > 0u; stride /= 2u) {
    workgroupBarrier();
    if (lid < stride) {
      for (var k = 0u; k < WORDS; k++) {
        shared_sums[lid * WORDS + k] += shared_sums[(lid + stride) * WORDS + k];
      }
    }
  }
  workgroupBarrier();
}
