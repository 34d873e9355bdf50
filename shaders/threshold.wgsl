// Threshold: keeps depths within [min_m, max_m] (inclusive); everything else,
// and every invalid input, becomes NaN ("no depth").
// Reference: src/core/filters/threshold.ts. Only selects input values: exact.

struct Params {
  width: u32,
  height: u32,
  min_m: f32,
  max_m: f32,
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
  let v = bitcast<f32>(bits);
  let keep = is_finite_bits(bits) && v >= params.min_m && v <= params.max_m;
  dst[i] = select(NAN_BITS, bits, keep);
}
