// Threshold: keeps depths within [min_m, max_m] (inclusive); everything else,
// and every invalid input, becomes NaN ("no depth").
// Reference: src/core/filters/threshold.ts. Only selects input values: exact. The
// bounds come as f32 bits (rounded so that f32 and float64 comparisons agree, see the
// stage) and are compared as order keys, exact on subnormals.

struct Params {
  width: u32,
  height: u32,
  min_bits: u32, // f32 bits of the bounds
  max_bits: u32,
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
  let bits = src[i];
  let key = order_key(bits);
  let keep = is_finite_bits(bits) && key >= order_key(params.min_bits) && key <= order_key(params.max_bits);
  dst[i] = select(NAN_BITS, bits, keep);
}
