// What the heatmap shows before colouring: raw depth, filtered depth, the two
// split at a vertical divider, or their signed difference (filtered - raw).
// Reference: src/core/compose-view.ts. Selection and one f32 subtraction: exact.
//
// The filtered field may be decimated by `factor`: raw pixel (x, y) reads
// filtered pixel (x / factor, y / factor); pixels decimation dropped show no depth.

struct Params {
  width: u32,
  height: u32,
  filtered_width: u32,
  filtered_height: u32,
  factor: u32,
  mode: u32,      // 0 filtered, 1 raw, 2 split, 3 difference
  split_x: u32,   // image column: raw left of it, filtered from it on
  _pad: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> raw: array<u32>;
@group(0) @binding(2) var<storage, read> filtered: array<u32>;
@group(0) @binding(3) var<storage, read_write> shown: array<u32>;

override WORKGROUP_SIZE: u32 = 8;

fn filtered_at(x: u32, y: u32) -> u32 {
  let fx = x / params.factor;
  let fy = y / params.factor;
  if (fx >= params.filtered_width || fy >= params.filtered_height) {
    return NAN_BITS;
  }
  return filtered[fy * params.filtered_width + fx];
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  let i = gid.y * params.width + gid.x;
  let raw_bits = raw[i];
  var bits: u32;
  if (params.mode == 1u || (params.mode == 2u && gid.x < params.split_x)) {
    bits = raw_bits;
  } else {
    let f_bits = filtered_at(gid.x, gid.y);
    if (params.mode == 3u) {
      let both = is_finite_bits(f_bits) && is_finite_bits(raw_bits);
      bits = select(NAN_BITS, bitcast<u32>(bitcast<f32>(f_bits) - bitcast<f32>(raw_bits)), both);
    } else {
      bits = f_bits;
    }
  }
  shown[i] = select(NAN_BITS, bits, is_finite_bits(bits));
}
