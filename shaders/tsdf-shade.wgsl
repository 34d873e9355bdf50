// The live view of the TSDF volume: the ray cast's maps (tsdf-raycast.wgsl)
// shaded into RGBA8, one thread per pixel. "shaded" (mode 0): grey Lambert under
// a headlight (light at the camera centre) over an ambient floor; "coloured"
// (mode 1): the integrated colour where the hit has one, else the grey. No hit:
// the background word. Rows are `stride` pixels apart (a multiple of 64, 256
// bytes) so the image copies straight into a texture, never through the CPU.
// Reference: src/core/tsdf/raycast-shade.ts (shadeRaycast); spec: e2e/kernel-tsdf-shade.spec.ts.

struct Params {
  width: u32,
  height: u32,
  stride: u32,
  mode: u32,
  origin: vec3f, // camera centre, world
  ambient: f32,
  background: u32,
  _pad0: u32,
  _pad1: u32,
  _pad2: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> vertex_map: array<vec4u>; // f32 bits; NaN: no hit
@group(0) @binding(2) var<storage, read> normal_map: array<vec4u>;
@group(0) @binding(3) var<storage, read> colour_map: array<u32>; // RGBA8, A = 255: has colour
@group(0) @binding(4) var<storage, read_write> image: array<u32>;

// NaN tested on the bits: a compiler may assume a float is never NaN.
fn is_nan(bits: u32) -> bool {
  return (bits & 0x7f800000u) == 0x7f800000u && (bits & 0x007fffffu) != 0u;
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  let i = gid.y * params.width + gid.x;
  let out = gid.y * params.stride + gid.x;
  let vb = vertex_map[i];
  if (is_nan(vb.x)) {
    image[out] = params.background;
    return;
  }
  let colour = colour_map[i];
  if (params.mode == 1u && (colour >> 24u) == 255u) {
    image[out] = colour;
    return;
  }
  let q = bitcast<vec3f>(vb.xyz);
  let nb = normal_map[i];
  var lambert = 0.0;
  if (!is_nan(nb.x)) {
    let l = params.origin - q;
    let len = length(l);
    if (len > 0.0) {
      lambert = max(0.0, dot(bitcast<vec3f>(nb.xyz), l) / len);
    }
  }
  let level = u32(floor(255.0 * (params.ambient + (1.0 - params.ambient) * lambert) + 0.5));
  image[out] = level | (level << 8u) | (level << 16u) | (255u << 24u);
}
