// Hole filling from the left, one invocation per row: each invalid pixel takes the
// nearest valid INPUT value to its left in the row; NaN where there is none (a hole
// at the left border). Valid pixels are copied unchanged.
// Reference: fillFromLeft in src/core/filters/hole-fill.ts. Only selects: exact.

struct Params {
  width: u32,
  height: u32,
  _pad0: u32,
  _pad1: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> dst: array<u32>;

override WORKGROUP_SIZE: u32 = 64;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let y = gid.x;
  if (y >= params.height) {
    return;
  }
  var last = NAN_BITS;
  for (var i = y * params.width; i < (y + 1u) * params.width; i++) {
    let bits = src[i];
    if (is_finite_bits(bits)) {
      last = bits;
    }
    dst[i] = last;
  }
}
