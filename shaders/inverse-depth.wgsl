// Inverse depth (the "disparity domain"): v -> 1 / v for finite v > 0, NaN for
// everything else and where 1 / v overflows float32. Reference: toInverseDepth in
// src/core/filters/disparity.ts, which rounds the float64 quotient to float32 once.
// That is the correctly rounded f32 reciprocal (1/v is never within 2^-49 of an f32
// rounding midpoint, so the float64 step cannot move it across one), while WGSL only
// promises 2.5 ulp for `1.0 / v`. So the quotient of the mantissas is estimated in f32
// and corrected with its exact integer remainder, and the result rounded and assembled
// from the bits: exact, subnormal inputs and outputs included.

struct Params {
  width: u32,
  height: u32,
  _pad0: u32,
  _pad1: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> dst: array<u32>;

override WORKGROUP_SIZE: u32 = 8;

// Bits of the correctly rounded f32 1 / v, or NAN_BITS.
fn reciprocal_bits(bits: u32) -> u32 {
  // Valid: finite, sign clear, not +0.
  if (!is_finite_bits(bits) || bits == 0u || (bits & 0x80000000u) != 0u) {
    return NAN_BITS;
  }
  // v = m * 2^(e - 150) with m in [2^23, 2^24) (subnormals normalised).
  var e = i32(bits >> 23u);
  var m = bits & 0x7fffffu;
  if (e == 0) {
    let shift = countLeadingZeros(m) - 8u;
    m = m << shift;
    e = 1 - i32(shift);
  } else {
    m = m | 0x800000u;
  }
  // 1 / v = (2^47 / m) * 2^(103 - e). q = floor(2^47 / m) has 24 bits, so the f32's
  // biased exponent is 253 - e; m = 2^23 (a power of two) is exact: q = 2^23, 254 - e.
  var q = 0x800000u;
  var rem = 0u;
  var field = 254 - e;
  if (m != 0x800000u) {
    // q from an f32 division (within 3 of floor(2^47 / m): WGSL allows 2.5 ulp, and the
    // ulp is 1 here), then corrected with the exact remainder 2^47 - q m. That remainder is
    // below 2^31 in magnitude, so its low 32 bits (wrapping u32 arithmetic; 2^47 is 0
    // mod 2^32) read as an i32 are the remainder itself.
    q = u32(floor(140737488355328.0 / f32(m)));
    var r = bitcast<i32>(0u - q * m);
    for (var k = 0; k < 4 && r < 0; k++) {
      q--;
      r += i32(m);
    }
    for (var k = 0; k < 4 && r >= i32(m); k++) {
      q++;
      r -= i32(m);
    }
    rem = u32(r);
    field = 253 - e;
  }
  if (field >= 1) {
    // Normal: round to nearest (2 rem == m is impossible: 2^48 / m is never a half-integer).
    if (2u * rem > m) {
      q++;
      if (q == 0x1000000u) {
        q = 0x800000u;
        field++;
      }
    }
    if (field >= 255) {
      return NAN_BITS; // overflows to Infinity in the reference: no finite inverse
    }
    return (u32(field) << 23u) | (q & 0x7fffffu);
  }
  // Subnormal result: drop s = 1 - field bits of q, round to nearest even, the
  // remainder breaking ties (v <= f32 max gives field >= -1, so s <= 2).
  let s = u32(1 - field);
  if (s > 24u) {
    return 0u; // below half the smallest subnormal (unreachable from an f32 input)
  }
  let keep = q >> s;
  let dropped = q & ((1u << s) - 1u);
  let half = 1u << (s - 1u);
  let up = dropped > half || (dropped == half && (rem != 0u || (keep & 1u) == 1u));
  return keep + select(0u, 1u, up); // keep = 2^23 after rounding up is the smallest normal: same bits
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  let i = gid.y * params.width + gid.x;
  dst[i] = reciprocal_bits(src[i]);
}
