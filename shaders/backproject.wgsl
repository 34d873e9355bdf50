// Back-projects depth into camera-frame points for the point cloud, written
// straight into the storage buffer three.js draws from (vec4 per point):
// (x, y, z, 1) with x = (u - cx) z / fx, y = (v - cy) z / fy (Open3D's
// convention: x right, y down, z forward), or (0, 0, 0, 0) where there is no
// depth (the renderer draws those with size 0). With ray_length the stored value
// is the distance to the camera centre: z = r / sqrt(1 + a^2 + b^2).
// One point per stride-th pixel in each direction. Reference: src/core/backproject.ts
// (float64); f32 here: a few ulps relative (see e2e/kernel-backproject.spec.ts).

struct Params {
  width: u32,
  height: u32,
  columns: u32,
  rows: u32,
  stride: u32,
  ray_length: u32,
  _pad0: u32,
  _pad1: u32,
  fx: f32,
  fy: f32,
  cx: f32,
  cy: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> depth: array<u32>;
@group(0) @binding(2) var<storage, read_write> points: array<vec4f>;

override WORKGROUP_SIZE: u32 = 8;

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.columns || gid.y >= params.rows) {
    return;
  }
  let u = gid.x * params.stride;
  let v = gid.y * params.stride;
  let bits = depth[v * params.width + u];
  let d = bitcast<f32>(bits);
  var p = vec4f(0.0);
  if (is_finite_bits(bits) && d > 0.0) {
    let a = (f32(u) - params.cx) / params.fx;
    let b = (f32(v) - params.cy) / params.fy;
    var z = d;
    if (params.ray_length == 1u) {
      z = d / sqrt(1.0 + a * a + b * b);
    }
    p = vec4f(a * z, b * z, z, 1.0);
  }
  points[gid.y * params.columns + gid.x] = p;
}
