// One level down the tracker's depth pyramid: each output pixel averages the
// valid depths of its 2 x 2 inputs within jump_rel x the nearest of them of the
// nearest (so a discontinuity is not averaged into a floating point).
// Reference: src/core/icp/pyramid.ts (downsampleDepth); spec: e2e/kernel-icp.spec.ts.

struct Params {
  in_width: u32,
  out_width: u32,
  out_height: u32,
  jump_rel: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> fine: array<u32>; // f32 metres as bits; NaN = none
@group(0) @binding(2) var<storage, read_write> coarse: array<u32>;

fn depth_or_zero(i: u32) -> f32 {
  let bits = fine[i];
  let d = bitcast<f32>(bits);
  return select(0.0, d, is_finite_bits(bits) && d > 0.0);
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.out_width || gid.y >= params.out_height) {
    return;
  }
  let base = 2u * gid.y * params.in_width + 2u * gid.x;
  let quad = array<f32, 4>(depth_or_zero(base), depth_or_zero(base + 1u), depth_or_zero(base + params.in_width), depth_or_zero(base + params.in_width + 1u));
  var nearest = 3.4e38;
  for (var k = 0u; k < 4u; k++) {
    if (quad[k] > 0.0) {
      nearest = min(nearest, quad[k]);
    }
  }
  var sum = 0.0;
  var n = 0.0;
  for (var k = 0u; k < 4u; k++) {
    if (quad[k] > 0.0 && quad[k] - nearest - params.jump_rel * nearest <= 0.0) {
      sum += quad[k];
      n += 1.0;
    }
  }
  coarse[gid.y * params.out_width + gid.x] = select(NAN_BITS, bitcast<u32>(sum / n), n > 0.0);
}
