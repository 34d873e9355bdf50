// 5 x 5 median of the valid samples, clipped at the border: the LOWER median (index
// (n - 1) / 2 of the n valid samples sorted ascending), so the result is always one of
// the samples; invalid pixels stay invalid. Reference: src/core/filters/median.ts (a
// stable sort), radius 2. Exact. (The 3 x 3 median is median.wgsl: for 9 samples its
// insertion sort is as fast as this on SwiftShader.)
//
// Fast and exact, where the insertion sort shifted a run-time-indexed private array:
// - Samples compare as u32 order keys (depth-common.wgsl: exact on subnormals, which
//   an f32 comparison may flush to zero). Each 8 x 8 workgroup keys its 12 x 12 tile once, in
//   workgroup memory, instead of each pixel reading 25 samples.
// - Invalid samples (holes, outside the image) become keys below or above every valid
//   key, alternately, the first below: with k of them, ceil(k/2) are below, so the middle
//   of the 25 keys is exactly the lower median of the valid ones. That makes it a
//   fixed-size median: Devillard's opt_med25 selection network, 99 compare-exchanges
//   (checked on all 2^25 0/1 inputs, which by the 0-1 principle covers all inputs), all
//   min/max on registers: no branches, no run-time indexing.
// - -0 takes the key of +0 (equal, as for the reference's comparator); every other key
//   has one f32. When the median is zero, the stable sort's zero is the
//   (m - #negatives)-th zero in reading order, found from bit masks kept while gathering.

struct Params {
  width: u32,
  height: u32,
  _pad0: u32,
  _pad1: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> dst: array<u32>;

const WORKGROUP_SIZE = 8u;
const RADIUS = 2u;
const SIDE = 12u; // WORKGROUP_SIZE + 2 RADIUS
const INVALID_KEY = 0xffffffffu;
const ZERO_KEY = 0x80000000u;     // +0
const NEG_ZERO_KEY = 0x7fffffffu; // -0, in the tile only

var<workgroup> keys: array<u32, 144>; // SIDE^2

// A sample's key in the tile: order_key (depth-common.wgsl), but -0 kept apart
// (NEG_ZERO_KEY, just below +0) for the stable choice among zeros; INVALID_KEY for no depth.
fn tile_key(bits: u32) -> u32 {
  if (!is_finite_bits(bits)) {
    return INVALID_KEY;
  }
  return select(order_key(bits), NEG_ZERO_KEY, bits == 0x80000000u);
}

// The bits of a valid key (zero comes back as +0).
fn bits_of(key: u32) -> u32 {
  return select(~key, key & 0x7fffffffu, (key & 0x80000000u) != 0u);
}

// What the median needs to know of the window besides its keys.
struct Window {
  valid: u32,          // valid samples
  negatives: u32,      // valid samples below zero
  zeros: u32,          // bit j: sample j (reading order) is +0 or -0
  negative_zeros: u32, // bit j: sample j is -0
  odd: bool,           // an odd number of invalid samples so far
}

// Sample j of the window (tile index t) as the network's key: -0 as +0, an invalid one
// as 0 (below every valid key) or INVALID_KEY (above), alternately.
fn take(w: ptr<function, Window>, t: u32, j: u32) -> u32 {
  let raw = keys[t];
  let negative_zero = raw == NEG_ZERO_KEY;
  let key = select(raw, ZERO_KEY, negative_zero);
  let invalid = key == INVALID_KEY;
  (*w).valid += select(1u, 0u, invalid);
  (*w).negatives += select(0u, 1u, key < ZERO_KEY);
  (*w).zeros |= select(0u, 1u << j, key == ZERO_KEY);
  (*w).negative_zeros |= select(0u, 1u << j, negative_zero);
  let padded = select(key, select(0u, INVALID_KEY, (*w).odd), invalid);
  (*w).odd = (*w).odd != invalid;
  return padded;
}

// The median is a zero: the stable sort's is the (m - #negatives)-th zero of the window
// in reading order, m = (n - 1) / 2 the lower median's index.
fn stable_zero(w: Window) -> u32 {
  var zeros = w.zeros;
  for (var k = (w.valid - 1u) / 2u - w.negatives; k > 0u; k--) {
    zeros &= zeros - 1u; // drop the first zero
  }
  let first = zeros & (~zeros + 1u);
  return select(0u, 0x80000000u, (w.negative_zeros & first) != 0u);
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(local_invocation_id) lid: vec3u, @builtin(workgroup_id) wid: vec3u) {
  // The workgroup's tile: its pixels and a RADIUS margin (outside the image: invalid).
  let origin = vec2i(wid.xy * WORKGROUP_SIZE) - vec2i(i32(RADIUS));
  for (var t = lid.y * WORKGROUP_SIZE + lid.x; t < SIDE * SIDE; t += WORKGROUP_SIZE * WORKGROUP_SIZE) {
    let p = origin + vec2i(i32(t % SIDE), i32(t / SIDE));
    var bits = NAN_BITS;
    if (p.x >= 0 && p.y >= 0 && u32(p.x) < params.width && u32(p.y) < params.height) {
      bits = src[u32(p.y) * params.width + u32(p.x)];
    }
    keys[t] = tile_key(bits);
  }
  workgroupBarrier();
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  let base = lid.y * SIDE + lid.x; // the window's top-left corner in the tile
  let i = gid.y * params.width + gid.x;
  if (keys[base + RADIUS * SIDE + RADIUS] == INVALID_KEY) {
    dst[i] = NAN_BITS;
    return;
  }
  // The window in reading order, then opt_med25: p12 ends up the median.
  var p0: u32; var p1: u32; var p2: u32; var p3: u32; var p4: u32; var p5: u32; var p6: u32; var p7: u32; var p8: u32;
  var p9: u32; var p10: u32; var p11: u32; var p12: u32; var p13: u32; var p14: u32; var p15: u32; var p16: u32; var p17: u32;
  var p18: u32; var p19: u32; var p20: u32; var p21: u32; var p22: u32; var p23: u32; var p24: u32;
  var w = Window(0u, 0u, 0u, 0u, false);
  var t: u32;
  p0 = take(&w, base + 0u, 0u);
  p1 = take(&w, base + 1u, 1u);
  p2 = take(&w, base + 2u, 2u);
  p3 = take(&w, base + 3u, 3u);
  p4 = take(&w, base + 4u, 4u);
  p5 = take(&w, base + 12u, 5u);
  p6 = take(&w, base + 13u, 6u);
  p7 = take(&w, base + 14u, 7u);
  p8 = take(&w, base + 15u, 8u);
  p9 = take(&w, base + 16u, 9u);
  p10 = take(&w, base + 24u, 10u);
  p11 = take(&w, base + 25u, 11u);
  p12 = take(&w, base + 26u, 12u);
  p13 = take(&w, base + 27u, 13u);
  p14 = take(&w, base + 28u, 14u);
  p15 = take(&w, base + 36u, 15u);
  p16 = take(&w, base + 37u, 16u);
  p17 = take(&w, base + 38u, 17u);
  p18 = take(&w, base + 39u, 18u);
  p19 = take(&w, base + 40u, 19u);
  p20 = take(&w, base + 48u, 20u);
  p21 = take(&w, base + 49u, 21u);
  p22 = take(&w, base + 50u, 22u);
  p23 = take(&w, base + 51u, 23u);
  p24 = take(&w, base + 52u, 24u);
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
  if (p12 == ZERO_KEY) {
    dst[i] = stable_zero(w);
  } else {
    dst[i] = bits_of(p12);
  }
}
