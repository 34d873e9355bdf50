// The entry points of a multi-level reduction (driven by src/gpu/reduction.ts, which
// appends this to the kernel's code, as WGSL has no include). The kernel defines Acc,
// empty_acc(), add_pixel(acc, i) (grid pixel i added to acc if it is evaluated),
// merge(a, b), load_acc(k) (partial k of the previous level), store_acc(k, acc),
// and a Params with count and the window x0, y0, x1, y1.
//
// Why this shape (issue 17; measured in `npm run bench -- compare`): on SwiftShader,
// and on integrated GPUs alike, barriers and shared memory cost far more than a
// pixel's arithmetic (SwiftShader runs a workgroup whose shader has a barrier as one
// coroutine per SIMD group). So `pixels` has none: each thread takes a column of
// `count` rows of the window (neighbouring threads, neighbouring columns: coalesced
// reads, no division per pixel), accumulates them in registers and writes its own
// partial. `merge_partials` then merges `count` partials, PER_THREAD per thread and a
// tree of log2(GROUP) barriers per workgroup, repeated until one remains. A term of a
// sum goes through at most BLOCK + count / BLOCK additions in `pixels`, then
// PER_THREAD + log2(GROUP) per merge level (additionsPerTerm in reduction.ts, which
// the equivalence bounds use: few additions per term keep them tight).

override GROUP: u32 = 64u;
override PER_THREAD: u32 = 4u;
override BLOCK: u32 = 4u;

// One partial per thread of a grid of (window width / GROUP) x (window height / count)
// workgroups; threads right of the window write an empty one.
@compute @workgroup_size(GROUP)
fn pixels(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let x = params.x0 + wid.x * GROUP + lid;
  let y_start = params.y0 + wid.y * params.count;
  let y_end = min(params.y1, y_start + params.count);
  // Blocks of BLOCK rows summed alone, then merged: a term sees BLOCK + count / BLOCK
  // additions in its thread instead of count.
  var acc = empty_acc();
  if (x < params.x1) {
    for (var y0 = y_start; y0 < y_end; y0 += BLOCK) {
      var block = empty_acc();
      for (var y = y0; y < min(y0 + BLOCK, y_end); y++) {
        block = add_pixel(block, y * params.width + x);
      }
      acc = merge(acc, block);
    }
  }
  store_acc((wid.y * groups.x + wid.x) * GROUP + lid, acc);
}

var<workgroup> shared_acc: array<Acc, GROUP>;

// The GROUP threads' Accs merged in a shared-memory tree (log2(GROUP) + 1 barriers);
// every thread must call it (uniform control flow). The result is for thread 0.
fn merge_group(lid: u32, acc: Acc) -> Acc {
  shared_acc[lid] = acc;
  workgroupBarrier();
  for (var stride = GROUP / 2u; stride > 0u; stride = stride / 2u) {
    if (lid < stride) {
      shared_acc[lid] = merge(shared_acc[lid], shared_acc[lid + stride]);
    }
    workgroupBarrier();
  }
  return shared_acc[0];
}

@compute @workgroup_size(GROUP)
fn merge_partials(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  // Large counts are dispatched as a 2-D grid (65535 per dimension at most); groups
  // past the last cover nothing and write nothing.
  let group = wid.y * groups.x + wid.x;
  var acc = empty_acc();
  for (var j = 0u; j < PER_THREAD; j++) {
    let k = (group * PER_THREAD + j) * GROUP + lid;
    if (k < params.count) {
      acc = merge(acc, load_acc(k));
    }
  }
  let total = merge_group(lid, acc);
  if (lid == 0u && group * PER_THREAD * GROUP < params.count) {
    store_acc(group, total);
  }
}
