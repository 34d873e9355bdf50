// Tracking through a lens: the live depth and colour remapped onto a pinhole
// image with the same intrinsics (lens.wgsl prepended). Output pixel (u, v)
// copies the raw pixel nearest K distort(n), n its pinhole ray; outside the raw
// image, no depth (NaN bits) and colour 0. Nearest, never blended: no depth is
// invented between two surfaces.
// Reference: src/core/icp/rectify.ts; spec: e2e/kernel-icp.spec.ts.

struct Params {
  width: u32,
  height: u32,
  with_colour: u32,
  _pad: u32,
  fx: f32,
  fy: f32,
  cx: f32,
  cy: f32,
  lens: Lens,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> depth_in: array<u32>; // f32 metres as bits
@group(0) @binding(2) var<storage, read> colour_in: array<u32>; // RGBA8
@group(0) @binding(3) var<storage, read_write> depth_out: array<u32>;
@group(0) @binding(4) var<storage, read_write> colour_out: array<u32>;

const NO_DEPTH = 0x7fc00000u; // a quiet NaN

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  let i = gid.y * params.width + gid.x;
  let n = vec2f((f32(gid.x) - params.cx) / params.fx, (f32(gid.y) - params.cy) / params.fy);
  let d = distort_normalised(params.lens, n);
  let su = floor(params.fx * d.x + params.cx + 0.5);
  let sv = floor(params.fy * d.y + params.cy + 0.5);
  let inside = su >= 0.0 && sv >= 0.0 && su < f32(params.width) && sv < f32(params.height);
  var depth = NO_DEPTH;
  var colour = 0u;
  if (inside) {
    let s = u32(sv) * params.width + u32(su);
    depth = depth_in[s];
    if (params.with_colour == 1u) {
      colour = colour_in[s];
    }
  }
  depth_out[i] = depth;
  if (params.with_colour == 1u) {
    colour_out[i] = colour;
  }
}
