// Spatial filter: our depth fields to librealsense's working values and back, one
// invocation per pixel. Working values are f32, 0 = no depth (librealsense's marker).
// Reference: toUnits / fromUnits and the maps in src/core/filters/spatial-domain-transform.ts.
// MODE 0 (units): whole depth units, p = z * inv_unit (one correctly rounded f32
//   multiply), rounded half up; back: 0 -> NaN, unchanged -> the input's own bits,
//   else k * unit.
// MODE 1 (float depth): non-finite -> 0; back: 0 -> NaN.
// MODE 2 (disparity): non-finite or <= 0 -> 0; back: 0 -> NaN.

struct Params {
  width: u32,
  height: u32,
  unit: f32,
  inv_unit: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> work: array<u32>; // f32 bits (NaN cannot be an f32 constant)

override WORKGROUP_SIZE: u32 = 8;
override MODE: u32 = 0;

fn to_working(bits: u32) -> f32 {
  if (!is_finite_bits(bits)) {
    return 0.0;
  }
  let z = bitcast<f32>(bits);
  if (MODE == 1u) {
    return z;
  }
  if (MODE == 2u) {
    return select(0.0, z, bitcast<i32>(bits) > 0); // positive (sign bit clear, not +0)
  }
  let p = z * params.inv_unit;
  if (!(p >= 0.5)) {
    return 0.0;
  }
  let k = floor(p);
  return select(k, k + 1.0, p - k >= 0.5); // p - floor(p) is exact in f32
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn to_work(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  let i = gid.y * params.width + gid.x;
  work[i] = bitcast<u32>(to_working(src[i]));
}

// Writes the stage's output over the working buffer (same pixel, so in place is safe).
@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn from_work(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  let i = gid.y * params.width + gid.x;
  let k = bitcast<f32>(work[i]);
  var out = NAN_BITS;
  if (k != 0.0) {
    out = bitcast<u32>(k);
    if (MODE == 0u) {
      let bits = src[i];
      out = select(bitcast<u32>(k * params.unit), bits, to_working(bits) == k);
    }
  }
  work[i] = out;
}
