// The statistics of one depth field that are sums and comparisons: how many values
// are finite, their least, their greatest and their mean (a live frame's statistics,
// without reading the frame back). One level of a parallel reduction. Reference:
// src/core/stats.ts (computeStats: validCount, min, max, mean, float64); driven by
// src/gpu/depth-stats-pass.ts (with src/gpu/reduction.ts), compared in
// e2e/kernel-depth-stats.spec.ts.
//
// mode 0 reads the window of `field` (f32 bits): every finite value (NaN and ±Inf are
// "no depth", as sortedValid drops them; the test is on the bits, as a compiler may
// assume floats are finite) is added to its thread's Acc; each thread writes its Acc
// to `dst`. mode 1 merges `count` Accs of `field` (the previous level's output).
// Entry points (the loops and the tree): reduction-main.wgsl, appended by reduction.ts.
//
// The mean is kept as a mean (Welford's update, Chan's merge), not as a sum: an f32
// sum of 300,000 depths would lose the last digits of each term; a merged mean is a
// rounded convex combination of its halves' and does not grow.

struct Params {
  width: u32,
  height: u32,
  x0: u32,  // window, half-open: x0 <= x < x1, y0 <= y < y1
  y0: u32,
  x1: u32,
  y1: u32,
  mode: u32,  // 0: pixels, `count` rows per thread; 1: merge `count` partial Accs
  count: u32,
}

struct Acc {
  n: u32,
  lo: f32,   // the least finite value (F32_MAX while n = 0)
  hi: f32,   // the greatest (-F32_MAX while n = 0)
  mean: f32,
}

const ACC_WORDS: u32 = 4u;
const F32_MAX: f32 = 0x1.fffffep+127f;
const EXPONENT: u32 = 0x7f800000u;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> field: array<u32>;
@group(0) @binding(3) var<storage, read_write> dst: array<u32>;

fn empty_acc() -> Acc {
  return Acc(0u, F32_MAX, -F32_MAX, 0.0);
}

fn merge(a: Acc, b: Acc) -> Acc {
  let n = a.n + b.n;
  let wb = select(0.0, f32(b.n) / f32(max(n, 1u)), n > 0u);
  return Acc(n, min(a.lo, b.lo), max(a.hi, b.hi), a.mean + (b.mean - a.mean) * wb);
}

// Grid pixel i added to a where it is finite; a unchanged elsewhere, without a branch.
fn add_pixel(a: Acc, i: u32) -> Acc {
  let bits = field[i];
  let kept = (bits & EXPONENT) != EXPONENT;
  let v = select(0.0, bitcast<f32>(bits), kept);
  let n = a.n + select(0u, 1u, kept);
  let w = select(0.0, 1.0 / f32(max(n, 1u)), kept);
  return Acc(n, select(a.lo, min(a.lo, v), kept), select(a.hi, max(a.hi, v), kept), a.mean + (v - a.mean) * w);
}

fn load_acc(k: u32) -> Acc {
  let o = k * ACC_WORDS;
  return Acc(field[o], bitcast<f32>(field[o + 1u]), bitcast<f32>(field[o + 2u]), bitcast<f32>(field[o + 3u]));
}

fn store_acc(k: u32, a: Acc) {
  let o = k * ACC_WORDS;
  dst[o] = a.n;
  dst[o + 1u] = bitcast<u32>(a.lo);
  dst[o + 2u] = bitcast<u32>(a.hi);
  dst[o + 3u] = bitcast<u32>(a.mean);
}
