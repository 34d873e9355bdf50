// Frozen for the A/B of `npm run bench -- compare`: shaders/reduction-main.wgsl's entry
// point before issue 17 (e2e/bench-baseline-reduction.ts appends this after the live
// reduction-main.wgsl, with GROUP = 256 and PER_THREAD = 4, for its merge_group: the
// same 9-barrier tree the old entry point had inline). The kernel defines Acc,
// empty_acc(), merge(a, b), pixel_acc(k) (item k of the evaluation window: mode 0),
// load_acc(k) (partial k of the previous level: mode 1), store_acc(group, acc), and a
// Params with mode, count and the window x0, y0, x1, y1.

@compute @workgroup_size(GROUP)
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  // Large inputs are dispatched as a 2-D grid of groups (65535 per dimension at most).
  let group = wid.y * groups.x + wid.x;
  var items = params.count;
  if (params.mode == 0u) {
    items = (params.x1 - params.x0) * (params.y1 - params.y0);
  }
  // Neighbouring threads read neighbouring items (coalesced), PER_THREAD rounds.
  var acc = empty_acc();
  for (var j = 0u; j < PER_THREAD; j++) {
    let k = (group * PER_THREAD + j) * GROUP + lid;
    if (k < items) {
      if (params.mode == 0u) {
        acc = merge(acc, pixel_acc(k));
      } else {
        acc = merge(acc, load_acc(k));
      }
    }
  }
  let total = merge_group(lid, acc);
  // Groups past the last (the 2-D grid's tail) covered no item and write nothing.
  if (lid == 0u && group * PER_THREAD * GROUP < items) {
    store_acc(group, total);
  }
}
