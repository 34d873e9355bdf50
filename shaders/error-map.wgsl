// Error map of a prediction against a reference, one pixel per invocation: the signed
// difference p - g (metres), the absolute relative error |p - g| / g, or how many of
// the thresholds 1.25, 1.25², 1.25³ max(p / g, g / p) fails (0 to 3). No depth (NaN)
// wherever the pixel is not evaluated (outside the window, reference not kept,
// prediction giving no depth: eval-common.wgsl), so the heatmap draws it as a hole.
// Reference: src/core/depth-metrics-maps.ts (float64, stored as f32); driven by
// src/gpu/error-map-pass.ts, compared in e2e/kernel-error-map.spec.ts.

struct Params {
  width: u32,
  height: u32,
  x0: u32,  // evaluation window, half-open
  y0: u32,
  x1: u32,
  y1: u32,
  error_mode: u32,  // 0 signed, 1 abs-rel, 2 δ failures
  _pad0: u32,
  ev: Evaluation,   // cap and alignment (eval-common.wgsl)
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> pred: array<u32>;
@group(0) @binding(2) var<storage, read> ref_depth: array<u32>;
@group(0) @binding(3) var<storage, read_write> error_map: array<u32>;

override WORKGROUP_SIZE: u32 = 8;

fn pixel_error(x: u32, y: u32) -> u32 {
  if (x < params.x0 || x >= params.x1 || y < params.y0 || y >= params.y1) {
    return NAN_BITS;
  }
  let i = y * params.width + x;
  let g_bits = ref_depth[i];
  if (!reference_kept(g_bits, params.ev)) {
    return NAN_BITS;
  }
  let p = aligned_prediction(pred[i], params.ev);
  if (!(p > 0.0)) {
    return NAN_BITS;
  }
  let g = bitcast<f32>(g_bits);
  if (params.error_mode == 0u) {
    return bitcast<u32>(p - g);
  }
  if (params.error_mode == 1u) {
    return bitcast<u32>(abs(p - g) / g);
  }
  // 1.25, 1.25², 1.25³ are exact in f32.
  let ratio = max(p / g, g / p);
  return bitcast<u32>(f32(select(0u, 1u, ratio >= 1.25) + select(0u, 1u, ratio >= 1.5625) + select(0u, 1u, ratio >= 1.953125)));
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  error_map[gid.y * params.width + gid.x] = pixel_error(gid.x, gid.y);
}
