// Point-to-plane ICP, pass 1 of 2: per live pixel the row of the normal
// equations, summed per workgroup (icp-merge.wgsl sums the partials).
// Reference: src/core/icp/point-to-plane.ts (icpSums); spec: e2e/kernel-icp.spec.ts.
//
// A pixel's camera-frame vertex p is its back-projection, its normal the cross
// product of the differences to its right and lower neighbours (both within
// jump_rel of its depth), facing the camera. Under the estimate T (rows
// r0 r1 r2): p_w = T p, n_w = R n; p_w is projected into the model camera
// (world-to-camera rows w0 w1 w2) and read at the nearest pixel of the model
// maps (tsdf-raycast.wgsl). Kept when |p_w - v_m|^2 <= dist2 and
// n_w . n_m >= min_cos; then r = n_m . (p_w - v_m), J = [p_w x n_m, n_m].
// With colour_weight > 0 a kept pair also adds the colour row
// (src/core/icp/photometric.ts): r_c = I_last(x, y) - I_live, the last
// frame's intensity (the model camera's image) read bilinearly at the
// unrounded projection (x, y), with the gradient of central differences;
// J_c = [p_w x G, G], G = R_W^T dI/dq, both scaled by colour_weight.
// 32 words per partial: A upper (21, row-major), b = J r (6), r^2, inliers,
// live pixels with a normal, r_c^2, pairs with a colour row.

struct Params {
  width: u32,
  height: u32,
  model_width: u32,
  model_height: u32,
  fx: f32,
  fy: f32,
  cx: f32,
  cy: f32,
  mfx: f32,
  mfy: f32,
  mcx: f32,
  mcy: f32,
  dist2: f32,
  min_cos: f32,
  jump_rel: f32,
  colour_weight: f32, // metres per unit of intensity; 0: depth only
  r0: vec4f, // camera-to-world estimate
  r1: vec4f,
  r2: vec4f,
  w0: vec4f, // world-to-camera of the model's camera
  w1: vec4f,
  w2: vec4f,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> depth: array<u32>;
@group(0) @binding(2) var<storage, read> model_vertices: array<vec4f>;
@group(0) @binding(3) var<storage, read> model_normals: array<vec4f>;
@group(0) @binding(4) var<storage, read_write> partials: array<f32>;
@group(0) @binding(5) var<storage, read> live_intensity: array<f32>;
@group(0) @binding(6) var<storage, read> last_intensity: array<f32>; // model_width x model_height

// WORDS, GROUP, shared_sums and tree_sum: icp-group-sum.wgsl, prepended.

fn last_at(u: u32, v: u32) -> f32 {
  return last_intensity[v * params.model_width + u];
}

struct IntensitySample {
  value: f32,
  gx: f32,
  gy: f32,
  ok: bool,
}

// Bilinear intensity of the last frame at (x, y) and the bilinear blend of the
// four taps' central differences; ok unless within a pixel of the border.
fn sample_intensity(x: f32, y: f32) -> IntensitySample {
  var s = IntensitySample(0.0, 0.0, 0.0, false);
  let x0 = floor(x);
  let y0 = floor(y);
  if (x0 < 1.0 || y0 < 1.0 || x0 + 2.0 >= f32(params.model_width) || y0 + 2.0 >= f32(params.model_height)) {
    return s;
  }
  let fx = x - x0;
  let fy = y - y0;
  for (var c = 0u; c < 4u; c++) {
    let u = u32(x0) + (c & 1u);
    let v = u32(y0) + (c >> 1u);
    let k = select(1.0 - fx, fx, (c & 1u) == 1u) * select(1.0 - fy, fy, (c >> 1u) == 1u);
    s.value += k * last_at(u, v);
    s.gx += k * (last_at(u + 1u, v) - last_at(u - 1u, v)) / 2.0;
    s.gy += k * (last_at(u, v + 1u) - last_at(u, v - 1u)) / 2.0;
  }
  s.ok = true;
  return s;
}

// Adds row J with residual r: A upper into out[0..20], J r into out[21..26], r^2 into out[error_word].
fn add_row(out: ptr<function, array<f32, 32>>, J: array<f32, 6>, r: f32, error_word: u32) {
  var k = 0u;
  for (var row = 0u; row < 6u; row++) {
    for (var col = row; col < 6u; col++) {
      (*out)[k] += J[row] * J[col];
      k++;
    }
  }
  for (var row = 0u; row < 6u; row++) {
    (*out)[21u + row] += J[row] * r;
  }
  (*out)[error_word] += r * r;
}

fn depth_or_zero(i: u32) -> f32 {
  let bits = depth[i];
  let d = bitcast<f32>(bits);
  return select(0.0, d, is_finite_bits(bits) && d > 0.0);
}

fn back(u: u32, v: u32, z: f32) -> vec3f {
  return vec3f((f32(u) - params.cx) / params.fx * z, (f32(v) - params.cy) / params.fy * z, z);
}

fn pixel_terms(u: u32, v: u32) -> array<f32, 32> {
  var out: array<f32, 32>;
  if (u + 1u >= params.width || v + 1u >= params.height) {
    return out;
  }
  let i = v * params.width + u;
  let z = depth_or_zero(i);
  let zr = depth_or_zero(i + 1u);
  let zd = depth_or_zero(i + params.width);
  let limit = params.jump_rel * z;
  if (z == 0.0 || zr == 0.0 || zd == 0.0 || abs(zr - z) > limit || abs(zd - z) > limit) {
    return out;
  }
  let p = back(u, v, z);
  let a = back(u + 1u, v, zr) - p;
  let b = back(u, v + 1u, zd) - p;
  var n = cross(a, b);
  let len = length(n);
  if (!(len > 0.0)) {
    return out;
  }
  n = select(n, -n, dot(n, p) > 0.0) / len;
  out[29] = 1.0;
  let pw = vec3f(dot(params.r0, vec4f(p, 1.0)), dot(params.r1, vec4f(p, 1.0)), dot(params.r2, vec4f(p, 1.0)));
  let nw = vec3f(dot(params.r0.xyz, n), dot(params.r1.xyz, n), dot(params.r2.xyz, n));
  let pm = vec3f(dot(params.w0, vec4f(pw, 1.0)), dot(params.w1, vec4f(pw, 1.0)), dot(params.w2, vec4f(pw, 1.0)));
  if (pm.z <= 0.0) {
    return out;
  }
  let x = params.mfx * pm.x / pm.z + params.mcx;
  let y = params.mfy * pm.y / pm.z + params.mcy;
  let uf = floor(x + 0.5);
  let vf = floor(y + 0.5);
  if (uf < 0.0 || vf < 0.0 || uf >= f32(params.model_width) || vf >= f32(params.model_height)) {
    return out;
  }
  let m = u32(vf) * params.model_width + u32(uf);
  let vm = model_vertices[m];
  let nm4 = model_normals[m];
  if (!is_finite_bits(bitcast<u32>(vm.w)) || !is_finite_bits(bitcast<u32>(nm4.x))) {
    return out;
  }
  let nm = nm4.xyz;
  let diff = pw - vm.xyz;
  if (dot(diff, diff) > params.dist2 || dot(nw, nm) < params.min_cos) {
    return out;
  }
  let c = cross(pw, nm);
  add_row(&out, array<f32, 6>(c.x, c.y, c.z, nm.x, nm.y, nm.z), dot(nm, diff), 27u);
  out[28] = 1.0;
  if (params.colour_weight > 0.0) {
    let s = sample_intensity(x, y);
    if (s.ok) {
      let dq = vec3f(s.gx * params.mfx / pm.z, s.gy * params.mfy / pm.z, -(s.gx * params.mfx * pm.x + s.gy * params.mfy * pm.y) / (pm.z * pm.z));
      let G = params.colour_weight * (dq.x * params.w0.xyz + dq.y * params.w1.xyz + dq.z * params.w2.xyz);
      let cg = cross(pw, G);
      add_row(&out, array<f32, 6>(cg.x, cg.y, cg.z, G.x, G.y, G.z), params.colour_weight * (s.value - live_intensity[i]), 30u);
      out[31] = 1.0;
    }
  }
  return out;
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  // Threads outside the image add zeros; every thread reaches the barriers.
  var terms: array<f32, 32>;
  if (gid.x < params.width && gid.y < params.height) {
    terms = pixel_terms(gid.x, gid.y);
  }
  for (var k = 0u; k < WORDS; k++) {
    shared_sums[lid * WORDS + k] = terms[k];
  }
  tree_sum(lid);
  if (lid < WORDS) {
    partials[(wid.y * groups.x + wid.x) * WORDS + lid] = shared_sums[lid];
  }
}
