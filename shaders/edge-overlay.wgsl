// Draws the depth-discontinuity mask (u32 per pixel, 1 = edge) in white over
// the heatmap already in the texture; other pixels are left as they are. The
// mask may be decimated by `factor`. Reference: overlayEdges in
// src/core/surface-views.ts.

struct Params {
  width: u32,
  height: u32,
  mask_width: u32,
  mask_height: u32,
  factor: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> mask: array<u32>;
@group(0) @binding(2) var out_tex: texture_storage_2d<rgba8unorm, write>;

override WORKGROUP_SIZE: u32 = 8;

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  let fx = gid.x / params.factor;
  let fy = gid.y / params.factor;
  if (fx < params.mask_width && fy < params.mask_height && mask[fy * params.mask_width + fx] == 1u) {
    textureStore(out_tex, vec2u(gid.x, gid.y), vec4f(1.0));
  }
}
