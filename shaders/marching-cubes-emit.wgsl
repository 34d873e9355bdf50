// Marching cubes over the TSDF volume's blocks, pass 3 of 3 (emit): every
// cube writes its triangles at its block's offset (the prefix sum of the block
// totals, prefix-sum*.wgsl) plus its offset within the block
// (marching-cubes-count.wgsl), so the mesh is compact with no
// CPU pass over voxels. Vertices as the reference: the edge's zero crossing
// t = f0 / (f0 - f1), its colour and the central-difference TSDF gradient
// (one-sided where a neighbour is unobserved) interpolated likewise, the
// gradient normalised (towards free space). 8 u32 per vertex: x y z as f32
// bits, RGBA8, nx ny nz as f32 bits, and the cube's slot * 512 + local (tests).
// Reference: src/core/tsdf/marching-cubes.ts; spec: e2e/kernel-marching-cubes.spec.ts.
//
// One workgroup per block slot, 64 threads x 8 z layers, neighbours found as
// in the count pass. Writes past max_vertices are dropped (the count is still
// the total, so the caller sees the mesh did not fit).

struct Params {
  budget: u32,
  table_mask: u32,
  voxel_m: f32,
  max_vertices: u32,
}

const INVALID = 0xffffffffu;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> keys: array<u32>;
@group(0) @binding(2) var<storage, read> slots: array<u32>;
@group(0) @binding(3) var<storage, read> block_coords: array<vec4i>;
@group(0) @binding(4) var<storage, read> voxels: array<f32>; // [tsdf, weight, r, g, b]
@group(0) @binding(5) var<storage, read> counters: array<u32>; // [0] blocks claimed
@group(0) @binding(6) var<uniform> tri_table: array<vec4i, 1024>; // 16 per cube index (4 vec4i), -1 ended
@group(0) @binding(7) var<storage, read> in_block: array<u32>; // a cube's first triangle within its block
@group(0) @binding(8) var<storage, read> block_offsets: array<u32>; // exclusive prefix sum of the blocks' totals
@group(0) @binding(9) var<storage, read_write> vertices: array<u32>;

// find_block: tsdf-find-block.wgsl; tri_entry, hood, voxel_index and CORNERS: marching-cubes-blocks.wgsl; both prepended.

const EDGES = array<vec2u, 12>(
  vec2u(0u, 1u), vec2u(1u, 2u), vec2u(2u, 3u), vec2u(3u, 0u), vec2u(4u, 5u), vec2u(5u, 6u),
  vec2u(6u, 7u), vec2u(7u, 4u), vec2u(0u, 4u), vec2u(1u, 5u), vec2u(2u, 6u), vec2u(3u, 7u),
);

// (TSDF, 1) at local offset l where observed, (0, 0) where not (no NaN: WGSL may assume floats finite).
fn observed(l: vec3i) -> vec2f {
  let i = voxel_index(l);
  if (i == INVALID || voxels[i * 5u + 1u] == 0.0) {
    return vec2f(0.0, 0.0);
  }
  return vec2f(voxels[i * 5u], 1.0);
}

fn gradient(l: vec3i) -> vec3f {
  let here = observed(l).x;
  var out = vec3f(0.0);
  for (var k = 0; k < 3; k++) {
    var step = vec3i(0);
    step[k] = 1;
    let fa = observed(l + step);
    let fb = observed(l - step);
    if (fa.y == 1.0 && fb.y == 1.0) {
      out[k] = (fa.x - fb.x) / 2.0;
    } else if (fa.y == 1.0) {
      out[k] = fa.x - here;
    } else if (fb.y == 1.0) {
      out[k] = here - fb.x;
    }
  }
  return out;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lane: u32) {
  let slot = wid.y * 65535u + wid.x;
  let blocks = min(counters[0], params.budget);
  if (slot >= blocks) {
    return;
  }
  let b = block_coords[slot].xyz;
  if (lane < 27u) {
    hood[lane] = find_block(b + vec3i(i32(lane % 3u) - 1, i32((lane / 3u) % 3u) - 1, i32(lane / 9u) - 1));
  }
  workgroupBarrier();
  for (var layer = 0u; layer < 8u; layer++) {
    let local = lane + 64u * layer;
    let l = vec3i(i32(local & 7u), i32((local >> 3u) & 7u), i32(local >> 6u));
    var cube = 0u;
    var complete = true;
    var f: array<f32, 8>;
    var idx: array<u32, 8>;
    for (var c = 0u; c < 8u; c++) {
      let i = voxel_index(l + CORNERS[c]);
      if (i == INVALID || voxels[i * 5u + 1u] == 0.0) {
        complete = false;
        break;
      }
      f[c] = voxels[i * 5u];
      idx[c] = i;
      if (f[c] < 0.0) {
        cube |= 1u << c;
      }
    }
    if (!complete) {
      continue;
    }
    var out = (block_offsets[slot] + in_block[slot * 512u + local]) * 3u;
    let g = vec3f(b * 8 + l);
    for (var k = cube * 16u; tri_entry(k) != -1; k++) {
      if (out >= params.max_vertices) {
        break;
      }
      let e = EDGES[u32(tri_entry(k))];
      let t = f[e.x] / (f[e.x] - f[e.y]);
      let o0 = CORNERS[e.x];
      let o1 = CORNERS[e.y];
      let p = (g + vec3f(o0) + t * vec3f(o1 - o0)) * params.voxel_m;
      let ga = gradient(l + o0);
      let gb = gradient(l + o1);
      let n = ga + t * (gb - ga);
      var len = length(n);
      if (len == 0.0) {
        len = 1.0;
      }
      var rgba = 255u << 24u;
      for (var c = 0u; c < 3u; c++) {
        let c0 = voxels[idx[e.x] * 5u + 2u + c];
        let c1 = voxels[idx[e.y] * 5u + 2u + c];
        rgba |= u32(clamp(floor(c0 + t * (c1 - c0) + 0.5), 0.0, 255.0)) << (8u * c);
      }
      let base = out * 8u;
      vertices[base] = bitcast<u32>(p.x);
      vertices[base + 1u] = bitcast<u32>(p.y);
      vertices[base + 2u] = bitcast<u32>(p.z);
      vertices[base + 3u] = rgba;
      vertices[base + 4u] = bitcast<u32>(n.x / len);
      vertices[base + 5u] = bitcast<u32>(n.y / len);
      vertices[base + 6u] = bitcast<u32>(n.z / len);
      vertices[base + 7u] = slot * 512u + local;
      out++;
    }
  }
}
