// Bilateral filter for depth. For each valid centre c (depth dc), over the valid
// samples q of the (2r+1)^2 window clipped at the border:
//   w = exp(-(dx^2 + dy^2) / (2 sigma_s^2)) * exp(-(dq - dc)^2 / (2 sigma_r^2))
//   out = sum(w dq) / sum(w)
// sigma_r is metres, or a fraction of |dc| when `relative` is set. The range factor
// is 1 when dq == dc and 0 when 2 sigma_r^2 == 0 (never 0/0). Invalid centre -> NaN;
// invalid samples get no weight. Reference: src/core/filters/bilateral.ts (float64;
// this kernel works in f32, see e2e/kernel-filters.spec.ts for the bound).
//
// Work per sample, as little as the bound allows:
// - One exp() per sample: the spatial and range factors are one exponential,
//   w = exp(-((dx^2 + dy^2) / (2 sigma_s^2) + (dq - dc)^2 / (2 sigma_r^2))). The spatial
//   exponent is a multiply-add and a division per sample. A precomputed table of the
//   (2r+1)^2 spatial factors in the uniform buffer, read per sample, made the kernel 2x
//   slower on SwiftShader (dynamically indexed uniform reads are per-lane gathers
//   there); two exp() per sample, 1.3x (docs/performance.md).
// - No branches on the data: a sample outside the image or without depth is read from
//   pixel 0 and given weight 0 by select(); the dq == dc and sigma_r == 0 rules are
//   select()s too. The window loops run the same count for every invocation.
// - One invocation computes ROWS pixels of a column, so the per-invocation cost (large
//   on a CPU driver such as SwiftShader) is shared, as in the medians. The window is read
//   straight from storage: it is up to 17 x 17 (r = 8, a uniform), too large for
//   registers, and a workgroup-memory tile with its barrier lost to direct reads on
//   SwiftShader (docs/performance.md).

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

// 16 x 2 invocations of ROWS pixels each: 16 x 32 pixels per workgroup (src/gpu/stages/bilateral.ts).
const WG_X = 16u;
const WG_Y = 2u;
const ROWS = 16u;

// The filtered bits of pixel (x, y) (NaN when it has no depth, or lies outside the image).
fn filter_pixel(x: u32, y: u32) -> u32 {
  let r = params.radius;
  let w = params.width;
  let h = params.height;
  let centre_inside = x < w && y < h;
  let center_bits = src[select(0u, y * w + x, centre_inside)];
  let centre_valid = centre_inside && is_finite_bits(center_bits);
  let dc = select(0.0, bitcast<f32>(center_bits), centre_valid);
  let sigma_r = select(params.sigma_r, params.sigma_r * abs(dc), params.relative == 1u);
  let two_sigma_r2 = 2.0 * sigma_r * sigma_r;
  let two_sigma_s2 = 2.0 * params.sigma_s * params.sigma_s;
  var sum_w = 0.0;
  var sum_wd = 0.0;
  for (var dy = 0u; dy <= 2u * r; dy++) {
    let qy = y + dy - r; // wraps above 2^31 when above the image: then outside
    let ry = f32(dy) - f32(r);
    for (var dx = 0u; dx <= 2u * r; dx++) {
      let qx = x + dx - r;
      let rx = f32(dx) - f32(r);
      let inside = qx < w && qy < h;
      let bits = src[select(0u, qy * w + qx, inside)];
      let valid = inside && is_finite_bits(bits);
      let dq = select(0.0, bitcast<f32>(bits), valid);
      let diff = dq - dc;
      // The range exponent: 0 when dq == dc (factor 1), +inf-like when sigma_r is 0 (factor 0).
      let range_exponent = select(select((diff * diff) / two_sigma_r2, 1e30, two_sigma_r2 == 0.0), 0.0, diff == 0.0);
      let weight = select(0.0, exp(-((rx * rx + ry * ry) / two_sigma_s2 + range_exponent)), valid);
      sum_w += weight;
      sum_wd += weight * dq;
    }
  }
  // A valid centre always weighs about 1 (its own sample: exp(-0)), so sum_w > 0 there.
  return select(NAN_BITS, bitcast<u32>(sum_wd / sum_w), centre_valid);
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(local_invocation_id) lid: vec3u, @builtin(workgroup_id) wid: vec3u) {
  let x = wid.x * WG_X + lid.x;
  let y0 = (wid.y * WG_Y + lid.y) * ROWS;
  for (var r = 0u; r < ROWS; r++) {
    let y = y0 + r;
    let bits = filter_pixel(x, y);
    if (x < params.width && y < params.height) {
      dst[y * params.width + x] = bits;
    }
  }
}
