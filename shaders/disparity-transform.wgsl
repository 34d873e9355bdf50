// Depth <-> disparity in librealsense's units (1/32 px): disparity = factor / depth,
// depth = factor / disparity, factor = d2d_convert_factor. Reference: depthToDisparity /
// disparityToDepth in src/core/filters/disparity-librealsense.ts (librealsense
// src/proc/disparity-transform.h:36-49, 107-116).
// INTEGER = 1 (Z16-like sources): depth is first turned into whole units k (p = z *
//   inv_unit, rounded half up, as spatial-convert.wgsl), disparity = f32(factor / k);
//   back: k = trunc(f32(factor / d) + 0.5), 1 <= k <= 65535, metres = k * unit.
// INTEGER = 0 (float sources): both ways the quotient alone.
// C++'s float division is correctly rounded, WGSL's `/` only within 2.5 ulp: the quotient
// is computed from the mantissas by integer long division and rounded to nearest even,
// so it is exact. Inputs that are not positive normal f32 and quotients that are not
// normal f32 are no depth.

struct Params {
  width: u32,
  height: u32,
  factor: f32,
  unit: f32,
  inv_unit: f32,
  integer: u32,
  _pad0: u32,
  _pad1: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> dst: array<u32>;

override WORKGROUP_SIZE: u32 = 8;

fn is_positive_normal(bits: u32) -> bool {
  let e = (bits >> 23u) & 0xffu;
  return (bits & 0x80000000u) == 0u && e != 0u && e != 255u;
}

// The correctly rounded f32 a / b for positive normal a, b, as bits; NAN_BITS where the
// quotient is not a normal f32. a = ma 2^(ea - 150), b = mb 2^(eb - 150), ma, mb in [2^23, 2^24).
fn divide_bits(a: u32, b: u32) -> u32 {
  let ma = (a & 0x7fffffu) | 0x800000u;
  let mb = (b & 0x7fffffu) | 0x800000u;
  var e = i32(a >> 23u) - i32(b >> 23u) + 127;
  // q = floor(ma 2^s / mb) in [2^24, 2^25) (one bit below the last kept), r the remainder.
  var q = 0u;
  var r = ma;
  var steps = 25u;
  if (ma >= mb) {
    q = 1u;
    r = ma - mb;
    steps = 24u;
  } else {
    e = e - 1;
  }
  for (var k = 0u; k < steps; k++) {
    r = r << 1u; // r < mb < 2^24: no overflow
    q = q << 1u;
    if (r >= mb) {
      r = r - mb;
      q = q | 1u;
    }
  }
  // Round to nearest, ties to even: the dropped bit is q's lowest, the rest is r.
  let half = (q & 1u) == 1u;
  q = q >> 1u;
  if (half && (r != 0u || (q & 1u) == 1u)) {
    q = q + 1u;
    if (q == 0x1000000u) {
      q = 0x800000u;
      e = e + 1;
    }
  }
  if (e < 1 || e > 254) {
    return NAN_BITS;
  }
  return (u32(e) << 23u) | (q & 0x7fffffu);
}

// Whole depth units (spatial-convert.wgsl's rounding), 0 = no depth.
fn to_units(bits: u32) -> f32 {
  if (!is_finite_bits(bits)) {
    return 0.0;
  }
  let p = bitcast<f32>(bits) * params.inv_unit;
  if (!(p >= 0.5)) {
    return 0.0;
  }
  let k = floor(p);
  return select(k, k + 1.0, p - k >= 0.5);
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn to_disparity(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  let i = gid.y * params.width + gid.x;
  var z = src[i];
  if (params.integer != 0u) {
    let k = to_units(z);
    z = select(bitcast<u32>(k), 0u, k == 0.0);
  }
  dst[i] = select(NAN_BITS, divide_bits(bitcast<u32>(params.factor), z), is_positive_normal(z));
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn to_depth(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  let i = gid.y * params.width + gid.x;
  let d = src[i];
  if (!is_positive_normal(d)) {
    dst[i] = NAN_BITS;
    return;
  }
  let q = divide_bits(bitcast<u32>(params.factor), d);
  if (params.integer == 0u || q == NAN_BITS) {
    // A quotient over the f32 range gives k > 65535 and one below it k = 0: no depth either way.
    dst[i] = q;
    return;
  }
  let k = trunc(bitcast<f32>(q) + 0.5);
  dst[i] = select(NAN_BITS, bitcast<u32>(k * params.unit), k >= 1.0 && k <= 65535.0);
}
