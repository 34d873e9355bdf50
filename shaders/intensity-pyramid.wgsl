// A frame's intensity pyramid for ICP's colour term: level 0 is the Rec. 601
// luma in [0, 1] of the depth-registered colour (RGBA8 words, R in the low
// byte); each coarser level the mean of 2 x 2 pixels of the one above, as the
// depth pyramid halves.
// Reference: src/core/icp/photometric.ts (rgbaIntensity, downsampleIntensity);
// spec: e2e/kernel-icp.spec.ts.

struct Params {
  in_width: u32,
  out_width: u32,
  out_height: u32,
  from_rgba: u32, // 1: input is RGBA8 words, same size; 0: f32 intensity bits, halved
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> fine: array<u32>;
@group(0) @binding(2) var<storage, read_write> coarse: array<f32>;

const LUMA = vec3f(0.299, 0.587, 0.114) / 255.0;

fn luma(w: u32) -> f32 {
  return LUMA.x * f32(w & 255u) + LUMA.y * f32((w >> 8u) & 255u) + LUMA.z * f32((w >> 16u) & 255u);
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.out_width || gid.y >= params.out_height) {
    return;
  }
  let i = gid.y * params.out_width + gid.x;
  if (params.from_rgba == 1u) {
    coarse[i] = luma(fine[gid.y * params.in_width + gid.x]);
    return;
  }
  let base = 2u * gid.y * params.in_width + 2u * gid.x;
  let a = bitcast<f32>(fine[base]) + bitcast<f32>(fine[base + 1u]);
  let b = bitcast<f32>(fine[base + params.in_width]) + bitcast<f32>(fine[base + params.in_width + 1u]);
  coarse[i] = (a + b) / 4.0;
}
