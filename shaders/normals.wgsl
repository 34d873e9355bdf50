// Surface normals from depth and pinhole intrinsics, 3 f32 per pixel (x right, y down,
// z forward): n = normalize(cross(P(x+1,y) - P(x-1,y), P(x,y+1) - P(x,y-1))), turned
// to face the camera (dot(n, P(x,y)) <= 0). NaN triple on the border, where the centre
// or a 4-neighbour is invalid, or where the cross product is zero.
// Reference: normalsFromDepth in src/core/filters/normals.ts (float64). This works in
// f32, so it agrees to a tolerance (e2e/harness.ts derives it per pixel). Two steps keep
// f32 well-behaved for any finite depth:
// - the five depths are scaled by one power of two (exact) so the largest is in [1, 2):
//   the normal's direction and orientation do not depend on a positive scale;
// - the differences are written as (x - cx)(zr - zl) + zr + zl instead of
//   (x+1-cx) zr - (x-1-cx) zl, whose large terms would cancel.

struct Params {
  width: u32,
  height: u32,
  _pad0: u32,
  _pad1: u32,
  fx: f32,
  fy: f32,
  cx: f32,
  cy: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> dst: array<u32>;

override WORKGROUP_SIZE: u32 = 8;

// 2^k for k in [-252, 252], as two exact f32 factors (one alone may not be representable).
fn pow2_pair(k: i32) -> vec2f {
  let a = k / 2;
  return vec2f(bitcast<f32>(u32(127 + a) << 23u), bitcast<f32>(u32(127 + k - a) << 23u));
}

fn write_nan(i: u32) {
  dst[3u * i] = NAN_BITS;
  dst[3u * i + 1u] = NAN_BITS;
  dst[3u * i + 2u] = NAN_BITS;
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let w = params.width;
  if (gid.x >= w || gid.y >= params.height) {
    return;
  }
  let i = gid.y * w + gid.x;
  if (gid.x == 0u || gid.y == 0u || gid.x + 1u >= w || gid.y + 1u >= params.height) {
    write_nan(i);
    return;
  }
  let bits = array<u32, 5>(src[i], src[i - 1u], src[i + 1u], src[i - w], src[i + w]);
  var largest = 0u; // largest magnitude, as bits (ordered like the magnitudes)
  for (var k = 0; k < 5; k++) {
    if (!is_finite_bits(bits[k])) {
      write_nan(i);
      return;
    }
    largest = max(largest, bits[k] & 0x7fffffffu);
  }
  // Scale so that the largest magnitude is in [1, 2): multiply by 2^(127 - exponent field).
  let s = pow2_pair(127 - i32(max(largest >> 23u, 1u)));
  var z: array<f32, 5>;
  for (var k = 0; k < 5; k++) {
    z[k] = bitcast<f32>(bits[k]) * s.x * s.y;
  }
  let zc = z[0];
  let zl = z[1];
  let zr = z[2];
  let zu = z[3];
  let zd = z[4];
  let u = f32(gid.x) - params.cx;
  let v = f32(gid.y) - params.cy;
  // a = P(x+1, y) - P(x-1, y), b = P(x, y+1) - P(x, y-1)
  let a = vec3f((u * (zr - zl) + (zr + zl)) / params.fx, v * (zr - zl) / params.fy, zr - zl);
  let b = vec3f(u * (zd - zu) / params.fx, (v * (zd - zu) + (zd + zu)) / params.fy, zd - zu);
  var n = cross(a, b);
  // Normalise through the largest component: no overflow or underflow in the length.
  let big = max(max(abs(n.x), abs(n.y)), abs(n.z));
  if (!(big > 0.0) || !is_finite_bits(bitcast<u32>(big))) {
    write_nan(i);
    return;
  }
  n = n / big;
  n = n / length(n);
  let p = vec3f(u * zc / params.fx, v * zc / params.fy, zc);
  if (dot(n, p) > 0.0) {
    n = -n;
  }
  dst[3u * i] = bitcast<u32>(n.x);
  dst[3u * i + 1u] = bitcast<u32>(n.y);
  dst[3u * i + 2u] = bitcast<u32>(n.z);
}
