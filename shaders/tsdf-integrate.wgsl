// TSDF integration, step 3 of 3: the projective TSDF, weight and colour
// update of every voxel of the blocks the frame touched.
// Reference: src/core/tsdf/volume.ts (integrateVoxels); spec: e2e/kernel-tsdf.spec.ts.
//
// One workgroup per listed block (indirect dispatch from tsdf-dispatch-args),
// 64 threads, 8 voxels each (one per z layer). Voxel g has its centre at
// g * voxel_m in the world; it is taken to the camera (world-to-camera rows
// w0 w1 w2), projected (through the lens when there is one), and read at the nearest pixel, floor(u + 0.5) (not
// round(), which WGSL rounds half to even). Where the depth d there is in range
// and sdf = d - z >= -trunc: tsdf = min(1, sdf / trunc) and the colour are
// averaged in with weight 1, and the weight grows by 1 up to the cap.
// Voxels: 5 f32 each, [tsdf, weight, r, g, b], slot * 512 + x + 8 y + 64 z.

struct Params {
  width: u32,
  height: u32,
  has_colour: u32,
  budget: u32,
  fx: f32,
  fy: f32,
  cx: f32,
  cy: f32,
  voxel_m: f32,
  trunc_m: f32,
  depth_min: f32,
  depth_max: f32,
  weight_cap: f32,
  _pad0: u32,
  _pad1: u32,
  _pad2: u32,
  w0: vec4f, // world-to-camera rows: rotation in xyz, translation in w
  w1: vec4f,
  w2: vec4f,
  lens: Lens, // at byte 112 (a struct member of a uniform starts at a multiple of 16)
}

const INVALID = 0xffffffffu;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> depth: array<u32>;
@group(0) @binding(2) var<storage, read> colour: array<u32>; // RGBA8, R in the low byte
@group(0) @binding(3) var<storage, read> slots: array<u32>;
@group(0) @binding(4) var<storage, read> block_coords: array<vec4i>;
@group(0) @binding(5) var<storage, read> frame_list: array<u32>;
@group(0) @binding(6) var<storage, read> counters: array<u32>;
@group(0) @binding(7) var<storage, read_write> voxels: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lane: u32) {
  let item = wid.y * 65535u + wid.x;
  if (item >= counters[1]) {
    return;
  }
  let slot = slots[frame_list[item]];
  if (slot >= params.budget) {
    return; // INVALID: claimed past the budget
  }
  let g0 = block_coords[slot].xyz * 8;
  for (var layer = 0u; layer < 8u; layer++) {
    let local = lane + 64u * layer;
    let g = g0 + vec3i(i32(local & 7u), i32((local >> 3u) & 7u), i32(local >> 6u));
    let pw = vec4f(vec3f(g) * params.voxel_m, 1.0);
    let x = dot(params.w0, pw);
    let y = dot(params.w1, pw);
    let z = dot(params.w2, pw);
    if (z <= 0.0) {
      continue;
    }
    // Seen through the lens (lens.wgsl; unchanged without one), then the intrinsics.
    let n = distort_normalised(params.lens, vec2f(x / z, y / z));
    let uf = params.fx * n.x + params.cx;
    let vf = params.fy * n.y + params.cy;
    let ui = floor(uf + 0.5);
    let vi = floor(vf + 0.5);
    if (ui < 0.0 || vi < 0.0 || ui >= f32(params.width) || vi >= f32(params.height)) {
      continue;
    }
    let pixel = u32(vi) * params.width + u32(ui);
    let bits = depth[pixel];
    let d = bitcast<f32>(bits);
    if (!is_finite_bits(bits) || !(d >= params.depth_min && d <= params.depth_max)) {
      continue;
    }
    let sdf = d - z;
    if (sdf < -params.trunc_m) {
      continue;
    }
    let obs = min(1.0, sdf / params.trunc_m);
    let base = (slot * 512u + local) * 5u;
    let w = voxels[base + 1u];
    let wn = w + 1.0;
    voxels[base] = (voxels[base] * w + obs) / wn;
    voxels[base + 1u] = min(wn, params.weight_cap);
    if (params.has_colour == 1u) {
      let rgba = colour[pixel];
      for (var c = 0u; c < 3u; c++) {
        let value = f32((rgba >> (8u * c)) & 255u);
        voxels[base + 2u + c] = (voxels[base + 2u + c] * w + value) / wn;
      }
    }
  }
}
