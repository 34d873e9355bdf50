// The normals view: camera-frame normals (3 f32 per pixel, x right, y down,
// z forward; NaN = none) as normal-map colours in the viewer's frame (x right,
// y up, z towards the viewer): rgb = 0.5 + 0.5 * (nx, -ny, -nz). No normal:
// the checkerboard of "no depth". The normals may be decimated by `factor`.
// Reference: normalsToRgba in src/core/surface-views.ts. The byte is rounded
// here, so the unorm store is exact.

struct Params {
  width: u32,
  height: u32,
  normals_width: u32,
  normals_height: u32,
  factor: u32,
  checker_px: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> normals: array<f32>;
@group(0) @binding(2) var out_tex: texture_storage_2d<rgba8unorm, write>;

override WORKGROUP_SIZE: u32 = 8;

const CHECKER_LIGHT = 140.0 / 255.0;
const CHECKER_DARK = 89.0 / 255.0;

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  let fx = gid.x / params.factor;
  let fy = gid.y / params.factor;
  var color: vec4f;
  var valid = false;
  var n = vec3f(0.0);
  if (fx < params.normals_width && fy < params.normals_height) {
    let i = 3u * (fy * params.normals_width + fx);
    let bits = vec3u(bitcast<u32>(normals[i]), bitcast<u32>(normals[i + 1u]), bitcast<u32>(normals[i + 2u]));
    valid = is_finite_bits(bits.x) && is_finite_bits(bits.y) && is_finite_bits(bits.z);
    n = vec3f(normals[i], -normals[i + 1u], -normals[i + 2u]);
  }
  if (valid) {
    color = vec4f(round(255.0 * (0.5 + 0.5 * n)) / 255.0, 1.0);
  } else {
    let cell = (gid.x / params.checker_px + gid.y / params.checker_px) & 1u;
    let c = select(CHECKER_DARK, CHECKER_LIGHT, (cell == 0u));
    color = vec4f(c, c, c, 1.0);
  }
  textureStore(out_tex, vec2u(gid.x, gid.y), color);
}
