// Back-projects depth into camera-frame points for the point cloud, written
// straight into the storage buffer three.js draws from (vec4 per point):
// (x, y, z, 1) with x = (u - cx) z / fx, y = (v - cy) z / fy (Open3D's
// convention: x right, y down, z forward), or (0, 0, 0, 0) where there is no
// depth (the renderer draws those with size 0). With ray_length the stored value
// is the distance to the camera centre: z = r / sqrt(1 + a^2 + b^2).
// One point per stride-th pixel in each direction. For the mesh, cut_jump > 0 drops
// (w = 0) a vertex whose grid neighbour (one stride away, left/right/up/down) has a
// depth differing by more than cut_jump times the smaller of the two: triangles
// touching it are not drawn, so the mesh does not bridge depth discontinuities.
// With a lens (params.lens.model != 0), (a, b) are the pixel's undistorted
// normalised coordinates (lens.wgsl, prepended by src/gpu/lens-uniform.ts).
// Reference: src/core/backproject.ts
// (float64); f32 here: a few ulps relative (see e2e/kernel-backproject.spec.ts).

struct Params {
  width: u32,
  height: u32,
  columns: u32,
  rows: u32,
  stride: u32,
  ray_length: u32,
  cut_jump: f32,   // 0 = keep every vertex with depth (point cloud)
  _pad1: u32,
  fx: f32,
  fy: f32,
  cx: f32,
  cy: f32,
  lens: Lens,      // at byte 48, a multiple of 16 as a struct member of a uniform must be
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> depth: array<u32>;
@group(0) @binding(2) var<storage, read_write> points: array<vec4f>;

override WORKGROUP_SIZE: u32 = 8;

// Whether grid neighbour (c, r) has a depth that jumps from d by more than cut_jump * min.
fn jumps(c: i32, r: i32, d: f32) -> bool {
  if (c < 0 || r < 0 || u32(c) >= params.columns || u32(r) >= params.rows) {
    return false;
  }
  let bits = depth[u32(r) * params.stride * params.width + u32(c) * params.stride];
  let n = bitcast<f32>(bits);
  return is_finite_bits(bits) && n > 0.0 && abs(n - d) > params.cut_jump * min(n, d);
}

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
  let c = i32(gid.x);
  let r = i32(gid.y);
  let cut = params.cut_jump > 0.0 && (jumps(c - 1, r, d) || jumps(c + 1, r, d) || jumps(c, r - 1, d) || jumps(c, r + 1, d));
  if (is_finite_bits(bits) && d > 0.0 && !cut) {
    let ab = undistort_normalised(params.lens, vec2f((f32(u) - params.cx) / params.fx, (f32(v) - params.cy) / params.fy));
    let a = ab.x;
    let b = ab.y;
    var z = d;
    if (params.ray_length == 1u) {
      z = d / sqrt(1.0 + a * a + b * b);
    }
    p = vec4f(a * z, b * z, z, 1.0);
  }
  points[gid.y * params.columns + gid.x] = p;
}
