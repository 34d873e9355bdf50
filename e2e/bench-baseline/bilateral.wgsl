// Bilateral filter for depth. For each valid centre c (depth dc), over the valid
// samples q of the (2r+1)^2 window clipped at the border:
//   w = exp(-(dx^2 + dy^2) / (2 sigma_s^2)) * exp(-(dq - dc)^2 / (2 sigma_r^2))
//   out = sum(w dq) / sum(w)
// sigma_r is metres, or a fraction of |dc| when `relative` is set. The range factor
// is 1 when dq == dc and 0 when 2 sigma_r^2 == 0 (never 0/0). Invalid centre -> NaN;
// invalid samples get no weight. Reference: src/core/filters/bilateral.ts (float64;
// this kernel works in f32, see the test for the tolerance).

struct Params {
  width: u32,
  height: u32,
  radius: u32,
  relative: u32,
  sigma_s: f32,
  sigma_r: f32,
  _pad0: u32,
  _pad1: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> dst: array<u32>;

override WORKGROUP_SIZE: u32 = 8;

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  let i = gid.y * params.width + gid.x;
  let center_bits = src[i];
  if (!is_finite_bits(center_bits)) {
    dst[i] = NAN_BITS;
    return;
  }
  let dc = bitcast<f32>(center_bits);
  let sigma_r = select(params.sigma_r, params.sigma_r * abs(dc), params.relative == 1u);
  let two_sigma_r2 = 2.0 * sigma_r * sigma_r;
  let two_sigma_s2 = 2.0 * params.sigma_s * params.sigma_s;
  let r = i32(params.radius);
  let w = i32(params.width);
  let h = i32(params.height);
  var sum_w = 0.0;
  var sum_wd = 0.0;
  for (var dy = -r; dy <= r; dy++) {
    let y = i32(gid.y) + dy;
    if (y < 0 || y >= h) {
      continue;
    }
    for (var dx = -r; dx <= r; dx++) {
      let x = i32(gid.x) + dx;
      if (x < 0 || x >= w) {
        continue;
      }
      let bits = src[u32(y * w + x)];
      if (!is_finite_bits(bits)) {
        continue;
      }
      let dq = bitcast<f32>(bits);
      let diff = dq - dc;
      var range = 1.0;
      if (diff != 0.0) {
        range = select(exp(-(diff * diff) / two_sigma_r2), 0.0, two_sigma_r2 == 0.0);
      }
      let weight = exp(-f32(dx * dx + dy * dy) / two_sigma_s2) * range;
      sum_w += weight;
      sum_wd += weight * dq;
    }
  }
  dst[i] = bitcast<u32>(sum_wd / sum_w);
}
