// Frozen for the A/B of `npm run bench -- compare` (e2e/bench-baseline-reduction.ts):
// shaders/alignment-sums.wgsl's per-pixel function before issue 17 (one pair per window
// item k); the rest of the kernel is the live file's, unchanged by the rework.
// Window pixel k as one pair, or an empty Acc where it is not in the fit mask.
fn pixel_acc(k: u32) -> Acc {
  let ww = params.x1 - params.x0;
  let i = (params.y0 + k / ww) * params.width + params.x0 + k % ww;
  let g_bits = ref_depth[i];
  let v_bits = pred[i];
  if (!reference_kept(g_bits, params.ev) || !prediction_usable(v_bits, params.ev)) {
    return empty_acc();
  }
  let g = bitcast<f32>(g_bits);
  let x = alignment_input(v_bits, params.ev);
  let y = select(g, 1.0 / g, params.ev.inverse_space == 1u);
  return Acc(1u, x, y, 0.0, 0.0);
}
