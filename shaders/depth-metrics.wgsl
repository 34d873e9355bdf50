// The evaluation metrics of a prediction against a reference (AbsRel, SqRel, RMSE,
// RMSE(log), log10, SILog, δ < 1.25^k): one level of a parallel reduction.
// Reference: src/core/depth-metrics.ts (metricSums, float64); the evaluation rules
// are eval-common.wgsl's; driven by src/gpu/depth-metrics-pass.ts (with
// src/gpu/reduction.ts), compared in e2e/kernel-depth-metrics.spec.ts.
//
// mode 0 reads the evaluation window of `pred` and `ref` (f32 bits): each evaluated
// pixel (the reference a depth strictly inside the cap, the prediction aligned and a
// depth, then clamped to the cap: forEachEvaluated's rules) is added to its thread's
// Acc (add_pixel); each thread writes its Acc to `dst`. mode 1 merges `count` Accs
// of `pred` (the previous level's output); `ref_depth` is bound but unread. The pass
// repeats mode 1 until one Acc remains. The entry points (the loops and the tree) are
// reduction-main.wgsl, appended by reduction.ts.
//
// The sums are f32 (each term enters at most additionsPerTerm additions, reduction.ts),
// the counts u32 (exact). d = ln p - ln g is kept as a count, mean and sum of squared
// deviations merged by Chan et al.'s pairwise formula, not as Σd and Σd²: SILog is
// the standard deviation of d, which Σd² - (Σd)² / n would lose to cancellation in
// f32 whenever the spread of d is small next to its mean (a prediction off by a
// near-constant scale).

struct Params {
  width: u32,
  height: u32,
  x0: u32,  // evaluation window, half-open: x0 <= x < x1, y0 <= y < y1
  y0: u32,
  x1: u32,
  y1: u32,
  mode: u32,  // 0: pixels, `count` rows per thread; 1: merge `count` partial Accs
  count: u32,
  ev: Evaluation, // cap and alignment (eval-common.wgsl)
}

// One partial result; 10 words in storage (see load_acc / store_acc).
struct Acc {
  n: u32,
  delta1: u32,
  delta2: u32,
  delta3: u32,
  abs_rel: f32,   // Σ |p - g| / g
  sq_rel: f32,    // Σ (p - g)² / g
  sq_err: f32,    // Σ (p - g)²
  log10_abs: f32, // Σ |d| / ln 10
  mean_d: f32,    // mean of d
  m2_d: f32,      // Σ (d - mean d)²
}

const ACC_WORDS: u32 = 10u;

// 1.25, 1.25², 1.25³ are exact in f32 (5/4, 25/16, 125/64).
const T1: f32 = 1.25;
const T2: f32 = 1.5625;
const T3: f32 = 1.953125;
const LN10: f32 = 2.302585092994046;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> pred: array<u32>;
@group(0) @binding(2) var<storage, read> ref_depth: array<u32>;
@group(0) @binding(3) var<storage, read_write> dst: array<u32>;

fn empty_acc() -> Acc {
  return Acc(0u, 0u, 0u, 0u, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
}

fn merge(a: Acc, b: Acc) -> Acc {
  var r = Acc(a.n + b.n, a.delta1 + b.delta1, a.delta2 + b.delta2, a.delta3 + b.delta3,
              a.abs_rel + b.abs_rel, a.sq_rel + b.sq_rel, a.sq_err + b.sq_err, a.log10_abs + b.log10_abs, 0.0, 0.0);
  if (r.n == 0u) {
    return r;
  }
  let na = f32(a.n);
  let nb = f32(b.n);
  let n = f32(r.n);
  let delta = b.mean_d - a.mean_d;
  r.mean_d = a.mean_d + delta * (nb / n);
  r.m2_d = a.m2_d + b.m2_d + delta * delta * (na * (nb / n));
  return r;
}

// Grid pixel i added to a (Welford's update of d's mean and M2: Chan's merge with a
// partial of one) where it is evaluated; a unchanged elsewhere. No branch: a pixel
// not evaluated adds zeros, so neighbouring threads run the same instructions.
fn add_pixel(a: Acc, i: u32) -> Acc {
  let g_bits = ref_depth[i];
  let g = bitcast<f32>(g_bits);
  let p = aligned_prediction(pred[i], params.ev);
  let kept = reference_kept(g_bits, params.ev) && p > 0.0;
  let e = select(0.0, p - g, kept);
  let gk = select(1.0, g, kept);
  let d = select(0.0, log(p) - log(g), kept);
  let ratio = select(0.0, max(p / g, g / p), kept);
  let n = a.n + select(0u, 1u, kept);
  let delta = d - a.mean_d;
  let step = select(0.0, delta / f32(max(n, 1u)), kept);
  let mean_d = a.mean_d + step;
  return Acc(n, a.delta1 + select(0u, 1u, kept && ratio < T1), a.delta2 + select(0u, 1u, kept && ratio < T2),
             a.delta3 + select(0u, 1u, kept && ratio < T3),
             a.abs_rel + abs(e) / gk, a.sq_rel + e * e / gk, a.sq_err + e * e, a.log10_abs + abs(d) / LN10,
             mean_d, a.m2_d + select(0.0, delta * (d - mean_d), kept));
}

fn load_acc(k: u32) -> Acc {
  let o = k * ACC_WORDS;
  return Acc(pred[o], pred[o + 1u], pred[o + 2u], pred[o + 3u],
             bitcast<f32>(pred[o + 4u]), bitcast<f32>(pred[o + 5u]), bitcast<f32>(pred[o + 6u]),
             bitcast<f32>(pred[o + 7u]), bitcast<f32>(pred[o + 8u]), bitcast<f32>(pred[o + 9u]));
}

fn store_acc(k: u32, a: Acc) {
  let o = k * ACC_WORDS;
  dst[o] = a.n;
  dst[o + 1u] = a.delta1;
  dst[o + 2u] = a.delta2;
  dst[o + 3u] = a.delta3;
  dst[o + 4u] = bitcast<u32>(a.abs_rel);
  dst[o + 5u] = bitcast<u32>(a.sq_rel);
  dst[o + 6u] = bitcast<u32>(a.sq_err);
  dst[o + 7u] = bitcast<u32>(a.log10_abs);
  dst[o + 8u] = bitcast<u32>(a.mean_d);
  dst[o + 9u] = bitcast<u32>(a.m2_d);
}
