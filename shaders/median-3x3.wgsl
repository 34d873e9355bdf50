// 3 x 3 median of the valid samples, clipped at the border: the LOWER median (index
// (n - 1) / 2 of the n valid samples sorted ascending), so the result is always one of
// the samples; invalid pixels stay invalid. Reference: src/core/filters/median.ts (a
// stable sort), radius 1. Exact, and without data-dependent branches:
// - One invocation computes ROWS pixels of a column, sliding its 3 x 3 window down:
//   each step reads 3 new samples, so one read serves 3 windows and the per-invocation
//   cost (large on a CPU driver such as SwiftShader) is shared by ROWS pixels. Samples
//   are read from storage as u32 order keys (key_at, median-common.wgsl: exact on
//   subnormals, which an f32 comparison may flush to zero), not staged in a
//   workgroup-memory tile: on SwiftShader the tile and its barrier made the same kernel
//   2x slower (docs/performance.md, "Median and bilateral kernels"). The sliding window
//   is the tile, kept in registers.
// - Invalid samples become keys below or above every valid key, alternately in reading
//   order, the first below: with k of them, ceil(k/2) are below, so the middle of the 9
//   keys is exactly the lower median of the 9 - k valid ones. That makes it a fixed-size
//   median: Paeth's opt_med9 network, 19 compare-exchanges on registers (checked on all
//   2^9 0/1 inputs by src/gpu/stages/median-network.test.ts; by the 0-1 principle that
//   covers all inputs).
// - -0 takes the key of +0 (equal, as for the reference's comparator). When the median is
//   zero, the stable sort's zero is the (m - #negatives)-th zero in reading order, found
//   from bit masks kept while gathering (median_bits, median-common.wgsl). The centre's
//   validity and the zero rule are applied with select(), not branches.

struct Params {
  width: u32,
  height: u32,
  _pad0: u32,
  _pad1: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> dst: array<u32>;

// 16 x 2 invocations of ROWS pixels each: 16 x 32 pixels per workgroup (src/gpu/stages/median.ts).
const WG_X = 16u;
const WG_Y = 2u;
const ROWS = 16u;
const RADIUS = 1u;


// The window's 9 keys in reading order, then opt_med9 (p4 ends up the median).
fn median9(k0: u32, k1: u32, k2: u32, k3: u32, k4: u32, k5: u32, k6: u32, k7: u32, k8: u32) -> u32 {
  var w = Window(0u, 0u, 0u, 0u, false);
  var p0 = take(&w, k0, 0u);
  var p1 = take(&w, k1, 1u);
  var p2 = take(&w, k2, 2u);
  var p3 = take(&w, k3, 3u);
  var p4 = take(&w, k4, 4u);
  var p5 = take(&w, k5, 5u);
  var p6 = take(&w, k6, 6u);
  var p7 = take(&w, k7, 7u);
  var p8 = take(&w, k8, 8u);
  var t: u32;
  t = min(p1, p2); p2 = max(p1, p2); p1 = t; t = min(p4, p5); p5 = max(p4, p5); p4 = t; t = min(p7, p8); p8 = max(p7, p8); p7 = t;
  t = min(p0, p1); p1 = max(p0, p1); p0 = t; t = min(p3, p4); p4 = max(p3, p4); p3 = t; t = min(p6, p7); p7 = max(p6, p7); p6 = t;
  t = min(p1, p2); p2 = max(p1, p2); p1 = t; t = min(p4, p5); p5 = max(p4, p5); p4 = t; t = min(p7, p8); p8 = max(p7, p8); p7 = t;
  t = min(p0, p3); p3 = max(p0, p3); p0 = t; t = min(p5, p8); p8 = max(p5, p8); p5 = t; t = min(p4, p7); p7 = max(p4, p7); p4 = t;
  t = min(p3, p6); p6 = max(p3, p6); p3 = t; t = min(p1, p4); p4 = max(p1, p4); p1 = t; t = min(p2, p5); p5 = max(p2, p5); p2 = t;
  t = min(p4, p7); p7 = max(p4, p7); p4 = t; t = min(p4, p2); p2 = max(p4, p2); p4 = t; t = min(p6, p4); p4 = max(p6, p4); p6 = t;
  t = min(p4, p2); p2 = max(p4, p2); p4 = t;
  return median_bits(w, p4);
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(local_invocation_id) lid: vec3u, @builtin(workgroup_id) wid: vec3u) {
  let x = wid.x * WG_X + lid.x;
  var y = (wid.y * WG_Y + lid.y) * ROWS; // the output row; key_at(x, y + r, c) is window row r, column c
  var k0 = key_at(x, y + 0u, 0u); var k1 = key_at(x, y + 0u, 1u); var k2 = key_at(x, y + 0u, 2u);
  var k3 = key_at(x, y + 1u, 0u); var k4 = key_at(x, y + 1u, 1u); var k5 = key_at(x, y + 1u, 2u);
  for (var r = 0u; r < ROWS; r++) {
    let k6 = key_at(x, y + 2u, 0u); let k7 = key_at(x, y + 2u, 1u); let k8 = key_at(x, y + 2u, 2u);
    let bits = select(NAN_BITS, median9(k0, k1, k2, k3, k4, k5, k6, k7, k8), k4 != INVALID_KEY);
    if (x < params.width && y < params.height) {
      dst[y * params.width + x] = bits;
    }
    k0 = k3; k1 = k4; k2 = k5;
    k3 = k6; k4 = k7; k5 = k8;
    y += 1u;
  }
}
