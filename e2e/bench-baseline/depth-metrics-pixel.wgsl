// Frozen for the A/B of `npm run bench -- compare` (e2e/bench-baseline-reduction.ts):
// shaders/depth-metrics.wgsl's per-pixel function before issue 17, one Acc per window
// item k (row-major in the window: a division and a remainder per pixel), merged by the
// caller one by one. The rest of the kernel (Params, Acc, merge, load and store) is the
// live file's, unchanged by the rework.
// Window pixel k (row-major within the window) as one Acc: empty when not evaluated.
fn pixel_acc(k: u32) -> Acc {
  let ww = params.x1 - params.x0;
  let i = (params.y0 + k / ww) * params.width + params.x0 + k % ww;
  let g_bits = ref_depth[i];
  if (!reference_kept(g_bits, params.ev)) {
    return empty_acc();
  }
  let g = bitcast<f32>(g_bits);
  let p = aligned_prediction(pred[i], params.ev);
  if (!(p > 0.0)) {
    return empty_acc();
  }
  let e = p - g;
  let d = log(p) - log(g);
  let ratio = max(p / g, g / p);
  return Acc(1u, select(0u, 1u, ratio < T1), select(0u, 1u, ratio < T2), select(0u, 1u, ratio < T3),
             abs(e) / g, e * e / g, e * e, abs(d) / LN10, d, 0.0);
}
