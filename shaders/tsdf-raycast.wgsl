// Ray casting the TSDF volume: per pixel the first zero crossing from + to -
// along its ray, as KinectFusion's ray caster; the surface the tracker
// (icp-rows.wgsl) matches the live frame against, and the live view.
// Reference: src/core/tsdf/raycast.ts (castRay, surfaceNormal); spec: e2e/kernel-icp.spec.ts.
//
// One thread per pixel. The ray o + t d has d = R K^-1 (u, v, 1), so t is the
// depth z. The TSDF is read by trilinear interpolation between voxel centres
// where all 8 were observed (weight > 0). Steps: max(one voxel, 0.8 tsdf
// trunc) where known, half the truncation where not. The crossing is found
// linearly between the last two samples, then refined by one regula-falsi
// step. Outputs: vertex (world xyz, depth in w), normal (the TSDF's central
// difference, one voxel each way, normalised; w = 0), colour (trilinear,
// rounded, RGBA8 with A = 255); no hit: NaN bits and colour 0.

struct Params {
  width: u32,
  height: u32,
  table_mask: u32,
  budget: u32,
  fx: f32,
  fy: f32,
  cx: f32,
  cy: f32,
  voxel_m: f32,
  trunc_m: f32,
  depth_min: f32,
  depth_max: f32,
  max_steps: u32,
  _pad0: u32,
  _pad1: u32,
  _pad2: u32,
  r0: vec4f, // camera-to-world rows: rotation in xyz, translation in w
  r1: vec4f,
  r2: vec4f,
}

const INVALID = 0xffffffffu;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> keys: array<u32>;
@group(0) @binding(2) var<storage, read> slots: array<u32>;
@group(0) @binding(3) var<storage, read> voxels: array<f32>; // [tsdf, weight, r, g, b]
// Written as bits (a NaN cannot be a WGSL f32 value); readers see vec4f.
@group(0) @binding(4) var<storage, read_write> vertex_map: array<vec4u>;
@group(0) @binding(5) var<storage, read_write> normal_map: array<vec4u>;
@group(0) @binding(6) var<storage, read_write> colour_map: array<u32>;

// find_block: tsdf-find-block.wgsl, prepended.

// The last block looked up: consecutive samples of a ray mostly fall in one block.
var<private> cached_block: vec3i = vec3i(2147483647);
var<private> cached_slot: u32 = INVALID;

// The voxel index of global voxel g, or INVALID where its block is not allocated.
fn voxel_index(g: vec3i) -> u32 {
  let b = g >> vec3u(3u);
  if (any(b != cached_block)) {
    cached_block = b;
    cached_slot = find_block(b);
  }
  if (cached_slot >= params.budget) {
    return INVALID;
  }
  let m = vec3u(g & vec3i(7));
  return cached_slot * 512u + m.x + 8u * (m.y + 8u * m.z);
}

struct Sample {
  ok: bool,
  tsdf: f32,
  rgb: vec3f,
}

// Trilinear TSDF (and colour, with `colour`) at world point p; ok only where all 8 voxels are observed.
fn sample_at(p: vec3f, colour: bool) -> Sample {
  let g = p / params.voxel_m;
  let g0 = floor(g);
  let f = g - g0;
  let base = vec3i(g0);
  var out = Sample(true, 0.0, vec3f(0.0));
  for (var c = 0u; c < 8u; c++) {
    let o = vec3u(c & 1u, (c >> 1u) & 1u, c >> 2u);
    let i = voxel_index(base + vec3i(o));
    if (i == INVALID || voxels[i * 5u + 1u] == 0.0) {
      out.ok = false;
      return out;
    }
    let w = select(1.0 - f.x, f.x, o.x == 1u) * select(1.0 - f.y, f.y, o.y == 1u) * select(1.0 - f.z, f.z, o.z == 1u);
    out.tsdf += voxels[i * 5u] * w;
    if (colour) {
      out.rgb += vec3f(voxels[i * 5u + 2u], voxels[i * 5u + 3u], voxels[i * 5u + 4u]) * w;
    }
  }
  return out;
}

// The depth of the first + to - crossing, or -1.
fn cast_ray(o: vec3f, d: vec3f, stretch: f32) -> f32 {
  var t = params.depth_min;
  var prev_t = 0.0;
  var prev = Sample(false, 0.0, vec3f(0.0));
  for (var step = 0u; step < params.max_steps && t <= params.depth_max; step++) {
    let s = sample_at(o + t * d, false);
    if (s.ok && prev.ok) {
      if (prev.tsdf > 0.0 && s.tsdf < 0.0) {
        var t0 = prev_t;
        var f0 = prev.tsdf;
        var t1 = t;
        var f1 = s.tsdf;
        let first = t0 + (t1 - t0) * f0 / (f0 - f1);
        let m = sample_at(o + first * d, false);
        if (!m.ok) {
          return first;
        }
        if (m.tsdf > 0.0) {
          t0 = first;
          f0 = m.tsdf;
        } else {
          t1 = first;
          f1 = m.tsdf;
        }
        return t0 + (t1 - t0) * f0 / (f0 - f1);
      }
      if (prev.tsdf < 0.0 && s.tsdf > 0.0) {
        return -1.0;
      }
    }
    prev_t = t;
    prev = s;
    let along = select(0.5 * params.trunc_m, max(params.voxel_m, 0.8 * s.tsdf * params.trunc_m), s.ok);
    t += along / stretch;
  }
  return -1.0;
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  let i = gid.y * params.width + gid.x;
  let a = (f32(gid.x) - params.cx) / params.fx;
  let b = (f32(gid.y) - params.cy) / params.fy;
  let d = vec3f(dot(params.r0.xyz, vec3f(a, b, 1.0)), dot(params.r1.xyz, vec3f(a, b, 1.0)), dot(params.r2.xyz, vec3f(a, b, 1.0)));
  let o = vec3f(params.r0.w, params.r1.w, params.r2.w);
  vertex_map[i] = vec4u(NAN_BITS);
  normal_map[i] = vec4u(NAN_BITS);
  colour_map[i] = 0u;
  let hit = cast_ray(o, d, length(d));
  if (hit < 0.0) {
    return;
  }
  let q = o + hit * d;
  vertex_map[i] = bitcast<vec4u>(vec4f(q, hit));
  let c = sample_at(q, true);
  if (c.ok) {
    let rgb = vec3u(clamp(floor(c.rgb + 0.5), vec3f(0.0), vec3f(255.0)));
    colour_map[i] = rgb.x | (rgb.y << 8u) | (rgb.z << 16u) | (255u << 24u);
  }
  var g = vec3f(0.0);
  for (var k = 0; k < 3; k++) {
    var h = vec3f(0.0);
    h[k] = params.voxel_m;
    let fa = sample_at(q + h, false);
    let fb = sample_at(q - h, false);
    if (!fa.ok || !fb.ok) {
      return;
    }
    g[k] = fa.tsdf - fb.tsdf;
  }
  let len = length(g);
  if (len > 0.0) {
    normal_map[i] = bitcast<vec4u>(vec4f(g / len, 0.0));
  }
}
