// 5 x 5 median of the valid samples, clipped at the border: the LOWER median (index
// (n - 1) / 2 of the n valid samples sorted ascending), so the result is always one of
// the samples; invalid pixels stay invalid. Reference: src/core/filters/median.ts (a
// stable sort), radius 2. Exact, and without data-dependent branches, as median-3x3.wgsl
// (whose header says how; the shared parts are median-common.wgsl):
// - One invocation computes ROWS pixels of a column, sliding its 5 x 5 window down
//   (5 new samples a step, read from storage as order keys; no workgroup tile, see
//   median-3x3.wgsl for why).
// - Invalid samples are padded alternately below and above every valid key, so the
//   middle of the 25 keys is the lower median of the valid ones: Devillard's opt_med25
//   selection network, 99 compare-exchanges on registers (checked on all 2^25 0/1
//   inputs by src/gpu/stages/median-network.test.ts).
// - Zeros follow the reference's stable sort (median_bits).

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
const RADIUS = 2u;


// The window's 25 keys in reading order, then opt_med25 (p12 ends up the median).
fn median25(k0: u32, k1: u32, k2: u32, k3: u32, k4: u32, k5: u32, k6: u32, k7: u32, k8: u32, k9: u32, k10: u32, k11: u32, k12: u32, k13: u32, k14: u32, k15: u32, k16: u32, k17: u32, k18: u32, k19: u32, k20: u32, k21: u32, k22: u32, k23: u32, k24: u32) -> u32 {
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
  var p9 = take(&w, k9, 9u);
  var p10 = take(&w, k10, 10u);
  var p11 = take(&w, k11, 11u);
  var p12 = take(&w, k12, 12u);
  var p13 = take(&w, k13, 13u);
  var p14 = take(&w, k14, 14u);
  var p15 = take(&w, k15, 15u);
  var p16 = take(&w, k16, 16u);
  var p17 = take(&w, k17, 17u);
  var p18 = take(&w, k18, 18u);
  var p19 = take(&w, k19, 19u);
  var p20 = take(&w, k20, 20u);
  var p21 = take(&w, k21, 21u);
  var p22 = take(&w, k22, 22u);
  var p23 = take(&w, k23, 23u);
  var p24 = take(&w, k24, 24u);
  var t: u32;
  t = min(p0, p1); p1 = max(p0, p1); p0 = t; t = min(p3, p4); p4 = max(p3, p4); p3 = t; t = min(p2, p4); p4 = max(p2, p4); p2 = t;
  t = min(p2, p3); p3 = max(p2, p3); p2 = t; t = min(p6, p7); p7 = max(p6, p7); p6 = t; t = min(p5, p7); p7 = max(p5, p7); p5 = t;
  t = min(p5, p6); p6 = max(p5, p6); p5 = t; t = min(p9, p10); p10 = max(p9, p10); p9 = t; t = min(p8, p10); p10 = max(p8, p10); p8 = t;
  t = min(p8, p9); p9 = max(p8, p9); p8 = t; t = min(p12, p13); p13 = max(p12, p13); p12 = t; t = min(p11, p13); p13 = max(p11, p13); p11 = t;
  t = min(p11, p12); p12 = max(p11, p12); p11 = t; t = min(p15, p16); p16 = max(p15, p16); p15 = t; t = min(p14, p16); p16 = max(p14, p16); p14 = t;
  t = min(p14, p15); p15 = max(p14, p15); p14 = t; t = min(p18, p19); p19 = max(p18, p19); p18 = t; t = min(p17, p19); p19 = max(p17, p19); p17 = t;
  t = min(p17, p18); p18 = max(p17, p18); p17 = t; t = min(p21, p22); p22 = max(p21, p22); p21 = t; t = min(p20, p22); p22 = max(p20, p22); p20 = t;
  t = min(p20, p21); p21 = max(p20, p21); p20 = t; t = min(p23, p24); p24 = max(p23, p24); p23 = t; t = min(p2, p5); p5 = max(p2, p5); p2 = t;
  t = min(p3, p6); p6 = max(p3, p6); p3 = t; t = min(p0, p6); p6 = max(p0, p6); p0 = t; t = min(p0, p3); p3 = max(p0, p3); p0 = t;
  t = min(p4, p7); p7 = max(p4, p7); p4 = t; t = min(p1, p7); p7 = max(p1, p7); p1 = t; t = min(p1, p4); p4 = max(p1, p4); p1 = t;
  t = min(p11, p14); p14 = max(p11, p14); p11 = t; t = min(p8, p14); p14 = max(p8, p14); p8 = t; t = min(p8, p11); p11 = max(p8, p11); p8 = t;
  t = min(p12, p15); p15 = max(p12, p15); p12 = t; t = min(p9, p15); p15 = max(p9, p15); p9 = t; t = min(p9, p12); p12 = max(p9, p12); p9 = t;
  t = min(p13, p16); p16 = max(p13, p16); p13 = t; t = min(p10, p16); p16 = max(p10, p16); p10 = t; t = min(p10, p13); p13 = max(p10, p13); p10 = t;
  t = min(p20, p23); p23 = max(p20, p23); p20 = t; t = min(p17, p23); p23 = max(p17, p23); p17 = t; t = min(p17, p20); p20 = max(p17, p20); p17 = t;
  t = min(p21, p24); p24 = max(p21, p24); p21 = t; t = min(p18, p24); p24 = max(p18, p24); p18 = t; t = min(p18, p21); p21 = max(p18, p21); p18 = t;
  t = min(p19, p22); p22 = max(p19, p22); p19 = t; t = min(p8, p17); p17 = max(p8, p17); p8 = t; t = min(p9, p18); p18 = max(p9, p18); p9 = t;
  t = min(p0, p18); p18 = max(p0, p18); p0 = t; t = min(p0, p9); p9 = max(p0, p9); p0 = t; t = min(p10, p19); p19 = max(p10, p19); p10 = t;
  t = min(p1, p19); p19 = max(p1, p19); p1 = t; t = min(p1, p10); p10 = max(p1, p10); p1 = t; t = min(p11, p20); p20 = max(p11, p20); p11 = t;
  t = min(p2, p20); p20 = max(p2, p20); p2 = t; t = min(p2, p11); p11 = max(p2, p11); p2 = t; t = min(p12, p21); p21 = max(p12, p21); p12 = t;
  t = min(p3, p21); p21 = max(p3, p21); p3 = t; t = min(p3, p12); p12 = max(p3, p12); p3 = t; t = min(p13, p22); p22 = max(p13, p22); p13 = t;
  t = min(p4, p22); p22 = max(p4, p22); p4 = t; t = min(p4, p13); p13 = max(p4, p13); p4 = t; t = min(p14, p23); p23 = max(p14, p23); p14 = t;
  t = min(p5, p23); p23 = max(p5, p23); p5 = t; t = min(p5, p14); p14 = max(p5, p14); p5 = t; t = min(p15, p24); p24 = max(p15, p24); p15 = t;
  t = min(p6, p24); p24 = max(p6, p24); p6 = t; t = min(p6, p15); p15 = max(p6, p15); p6 = t; t = min(p7, p16); p16 = max(p7, p16); p7 = t;
  t = min(p7, p19); p19 = max(p7, p19); p7 = t; t = min(p13, p21); p21 = max(p13, p21); p13 = t; t = min(p15, p23); p23 = max(p15, p23); p15 = t;
  t = min(p7, p13); p13 = max(p7, p13); p7 = t; t = min(p7, p15); p15 = max(p7, p15); p7 = t; t = min(p1, p9); p9 = max(p1, p9); p1 = t;
  t = min(p3, p11); p11 = max(p3, p11); p3 = t; t = min(p5, p17); p17 = max(p5, p17); p5 = t; t = min(p11, p17); p17 = max(p11, p17); p11 = t;
  t = min(p9, p17); p17 = max(p9, p17); p9 = t; t = min(p4, p10); p10 = max(p4, p10); p4 = t; t = min(p6, p12); p12 = max(p6, p12); p6 = t;
  t = min(p7, p14); p14 = max(p7, p14); p7 = t; t = min(p4, p6); p6 = max(p4, p6); p4 = t; t = min(p4, p7); p7 = max(p4, p7); p4 = t;
  t = min(p12, p14); p14 = max(p12, p14); p12 = t; t = min(p10, p14); p14 = max(p10, p14); p10 = t; t = min(p6, p7); p7 = max(p6, p7); p6 = t;
  t = min(p10, p12); p12 = max(p10, p12); p10 = t; t = min(p6, p10); p10 = max(p6, p10); p6 = t; t = min(p6, p17); p17 = max(p6, p17); p6 = t;
  t = min(p12, p17); p17 = max(p12, p17); p12 = t; t = min(p7, p17); p17 = max(p7, p17); p7 = t; t = min(p7, p10); p10 = max(p7, p10); p7 = t;
  t = min(p12, p18); p18 = max(p12, p18); p12 = t; t = min(p7, p12); p12 = max(p7, p12); p7 = t; t = min(p10, p18); p18 = max(p10, p18); p10 = t;
  t = min(p12, p20); p20 = max(p12, p20); p12 = t; t = min(p10, p20); p20 = max(p10, p20); p10 = t; t = min(p10, p12); p12 = max(p10, p12); p10 = t;
  return median_bits(w, p12);
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(local_invocation_id) lid: vec3u, @builtin(workgroup_id) wid: vec3u) {
  let x = wid.x * WG_X + lid.x;
  var y = (wid.y * WG_Y + lid.y) * ROWS; // the output row; key_at(x, y + r, c) is window row r, column c
  var k0 = key_at(x, y + 0u, 0u); var k1 = key_at(x, y + 0u, 1u); var k2 = key_at(x, y + 0u, 2u); var k3 = key_at(x, y + 0u, 3u); var k4 = key_at(x, y + 0u, 4u);
  var k5 = key_at(x, y + 1u, 0u); var k6 = key_at(x, y + 1u, 1u); var k7 = key_at(x, y + 1u, 2u); var k8 = key_at(x, y + 1u, 3u); var k9 = key_at(x, y + 1u, 4u);
  var k10 = key_at(x, y + 2u, 0u); var k11 = key_at(x, y + 2u, 1u); var k12 = key_at(x, y + 2u, 2u); var k13 = key_at(x, y + 2u, 3u); var k14 = key_at(x, y + 2u, 4u);
  var k15 = key_at(x, y + 3u, 0u); var k16 = key_at(x, y + 3u, 1u); var k17 = key_at(x, y + 3u, 2u); var k18 = key_at(x, y + 3u, 3u); var k19 = key_at(x, y + 3u, 4u);
  for (var r = 0u; r < ROWS; r++) {
    let k20 = key_at(x, y + 4u, 0u); let k21 = key_at(x, y + 4u, 1u); let k22 = key_at(x, y + 4u, 2u); let k23 = key_at(x, y + 4u, 3u); let k24 = key_at(x, y + 4u, 4u);
    let bits = select(NAN_BITS, median25(k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, k11, k12, k13, k14, k15, k16, k17, k18, k19, k20, k21, k22, k23, k24), k12 != INVALID_KEY);
    if (x < params.width && y < params.height) {
      dst[y * params.width + x] = bits;
    }
    k0 = k5; k1 = k6; k2 = k7; k3 = k8; k4 = k9;
    k5 = k10; k6 = k11; k7 = k12; k8 = k13; k9 = k14;
    k10 = k15; k11 = k16; k12 = k17; k13 = k18; k14 = k19;
    k15 = k20; k16 = k21; k17 = k22; k18 = k23; k19 = k24;
    y += 1u;
  }
}
