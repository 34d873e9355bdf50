// Colour-maps a depth field into an RGBA8 texture for the heatmap view.
//
// Input: one f32 per pixel (metres, or unitless for relative depth), row-major,
// top row first. "No depth" is any non-finite value (see depth-common.wgsl).
//
// Mapping: t = (d - lo) / (hi - lo), or the same in log(d) when log_scale is
// set; clamped to [0, 1]; reversed when asked; the nearest of the 256 table
// entries is used. The TypeScript reference is src/core/colorize.ts.

struct Params {
  width: u32,
  height: u32,
  lo: f32,
  hi: f32,
  log_scale: u32,   // 0 or 1
  reverse: u32,     // 0 or 1
  checker_px: u32,  // side of the invalid-pixel checkerboard squares, in image pixels
  _pad: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> depth_bits: array<u32>;
// 256 entries, each packed as 0xAABBGGRR (little-endian RGBA8).
@group(0) @binding(2) var<storage, read> table: array<u32, 256>;
@group(0) @binding(3) var out_tex: texture_storage_2d<rgba8unorm, write>;

override WORKGROUP_SIZE: u32 = 8;

const CHECKER_LIGHT = vec4f(0.55, 0.55, 0.55, 1.0);
const CHECKER_DARK = vec4f(0.35, 0.35, 0.35, 1.0);

fn unpack_rgba8(c: u32) -> vec4f {
  return vec4f(f32(c & 0xffu), f32((c >> 8u) & 0xffu), f32((c >> 16u) & 0xffu), 255.0) / 255.0;
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  let bits = depth_bits[gid.y * params.width + gid.x];
  let d = bitcast<f32>(bits);
  var color: vec4f;
  // In log mode a non-positive value has no place on the scale: shown as invalid.
  if (!is_finite_bits(bits) || (params.log_scale == 1u && d <= 0.0)) {
    let cell = (gid.x / params.checker_px + gid.y / params.checker_px) & 1u;
    color = select(CHECKER_DARK, CHECKER_LIGHT, cell == 0u);
  } else {
    var t: f32;
    if (params.log_scale == 1u) {
      t = (log(d) - log(params.lo)) / (log(params.hi) - log(params.lo));
    } else {
      t = (d - params.lo) / (params.hi - params.lo);
    }
    t = clamp(t, 0.0, 1.0);
    if (params.reverse == 1u) {
      t = 1.0 - t;
    }
    let index = min(u32(t * 255.0 + 0.5), 255u);
    color = unpack_rgba8(table[index]);
  }
  textureStore(out_tex, vec2u(gid.x, gid.y), color);
}
