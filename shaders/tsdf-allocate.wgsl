// TSDF integration, step 1 of 3: allocate the voxel blocks one depth frame
// touches, and list each touched block once for step 3.
// Reference: src/core/tsdf/volume.ts (allocateBlocks); spec: e2e/kernel-tsdf.spec.ts.
//
// One thread per pixel. For a depth d in [depth_min, depth_max], the points at
// depths d + k step_m (k = -steps ... steps, so +-truncation, at most one voxel
// apart in z) along the pixel's ray are taken to the world (pose = camera-to-
// world, rows r0 r1 r2) and their block floor(p / block_m) is inserted into the
// hash table: open addressing, linear probing, keys claimed with one
// compare-exchange (a key is 3 x 10 bits of block coordinates + 1; 0 = empty).
// The thread that claims a key takes the next pool slot; past the budget the
// slot is INVALID and the overflow counter counts it (the integrate step then
// does nothing, and the pass says the volume is full). Whoever finds or claims
// a key stamps its hash slot with the frame id; the first stamp of the frame
// appends the hash slot to frame_list (so each touched block once, in any order).

struct Params {
  width: u32,
  height: u32,
  steps: u32,
  table_mask: u32,
  budget: u32,
  frame_id: u32,
  _pad0: u32,
  _pad1: u32,
  fx: f32,
  fy: f32,
  cx: f32,
  cy: f32,
  depth_min: f32,
  depth_max: f32,
  step_m: f32,
  block_m: f32,
  r0: vec4f, // camera-to-world rows: rotation in xyz, translation in w
  r1: vec4f,
  r2: vec4f,
  lens: Lens, // at byte 112 (a struct member of a uniform starts at a multiple of 16)
}

const INVALID = 0xffffffffu;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> depth: array<u32>;
@group(0) @binding(2) var<storage, read_write> keys: array<atomic<u32>>;
@group(0) @binding(3) var<storage, read_write> slots: array<u32>;
@group(0) @binding(4) var<storage, read_write> block_coords: array<vec4i>;
@group(0) @binding(5) var<storage, read_write> stamps: array<atomic<u32>>;
@group(0) @binding(6) var<storage, read_write> frame_list: array<u32>;
// [0] blocks claimed (may pass the budget), [1] length of frame_list, [2] overflows.
@group(0) @binding(7) var<storage, read_write> counters: array<atomic<u32>>;

fn pack_key(b: vec3i) -> u32 {
  let o = vec3u(b + vec3i(512));
  return ((o.x << 20u) | (o.y << 10u) | o.z) + 1u;
}

// Teschner et al.'s spatial hash (as VoxelHashing), on the offset coordinates; u32 products wrap as Math.imul.
fn hash_slot(b: vec3i) -> u32 {
  let o = vec3u(b + vec3i(512));
  return ((o.x * 73856093u) ^ (o.y * 19349669u) ^ (o.z * 83492791u)) & params.table_mask;
}

fn touch(s: u32) {
  // The plain load first: most samples find their block already stamped, and an
  // exchange on a hot slot serialises the threads that share it.
  if (atomicLoad(&stamps[s]) != params.frame_id && atomicExchange(&stamps[s], params.frame_id) != params.frame_id) {
    let i = atomicAdd(&counters[1], 1u);
    frame_list[i] = s;
  }
}

fn insert(b: vec3i) {
  let key = pack_key(b);
  let start = hash_slot(b);
  for (var probe = 0u; probe <= params.table_mask; probe++) {
    let s = (start + probe) & params.table_mask;
    loop {
      let current = atomicLoad(&keys[s]);
      if (current == key) {
        touch(s);
        return;
      }
      if (current != 0u) {
        break; // another block's slot: probe the next
      }
      let r = atomicCompareExchangeWeak(&keys[s], 0u, key);
      if (r.exchanged) {
        let n = atomicAdd(&counters[0], 1u);
        if (n < params.budget) {
          slots[s] = n;
          block_coords[n] = vec4i(b, 0);
        } else {
          slots[s] = INVALID;
          atomicAdd(&counters[2], 1u);
        }
        touch(s);
        return;
      }
      // Lost the race (or a spurious weak failure): read the slot again.
    }
  }
  atomicAdd(&counters[2], 1u); // the table is full
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  let bits = depth[gid.y * params.width + gid.x];
  let d = bitcast<f32>(bits);
  if (!is_finite_bits(bits) || !(d >= params.depth_min && d <= params.depth_max)) {
    return;
  }
  // The pixel's ray: undistorted normalised coordinates (lens.wgsl; unchanged without a lens).
  let ab = undistort_normalised(params.lens, vec2f((f32(gid.x) - params.cx) / params.fx, (f32(gid.y) - params.cy) / params.fy));
  let a = ab.x;
  let b = ab.y;
  var last = vec3i(2147483647);
  let steps = i32(params.steps);
  for (var k = -steps; k <= steps; k++) {
    let z = d + f32(k) * params.step_m;
    if (z <= 0.0) {
      continue;
    }
    let pc = vec4f(a * z, b * z, z, 1.0);
    let w = vec3f(dot(params.r0, pc), dot(params.r1, pc), dot(params.r2, pc));
    let bc = vec3i(floor(w / params.block_m));
    if (any(bc < vec3i(-512)) || any(bc > vec3i(511)) || all(bc == last)) {
      continue; // outside the keys' range, or the block the previous sample already inserted
    }
    last = bc;
    insert(bc);
  }
}
