// The sums of a least-squares alignment fit (least-squares scale in depth, or scale
// and shift in inverse depth, the MiDaS protocol): one level of a parallel reduction
// over the fit mask. Reference: src/core/depth-alignment.ts (fitAlignment, float64);
// driven by src/gpu/alignment-pass.ts, which solves the sums with the same
// solveLineFit (src/core/depth-alignment-fit.ts) as the CPU fit and the point
// calibration; compared in e2e/kernel-alignment.spec.ts.
//
// mode 0: each pixel of the evaluation window where the reference is a depth (inside
// the cap, if any) and the prediction is usable in the fit's space gives a pair
// x = the prediction in that space (v, or 1 / v when its kind differs), y = the
// reference in that space (g, or 1 / g in inverse space), added to its thread's
// partial (add_pixel); each thread writes its partial. mode 1 merges `count`
// partials of the previous level. Loops and tree: reduction-main.wgsl.
//
// A partial is a count, the means of x and y, and the sums of squared and crossed
// deviations from them, merged by Chan et al.'s pairwise formula: the centred sums a
// fit needs, without the cancellation of Σx² - (Σx)² / n in f32 (inverse depths
// cluster far from zero next to their spread).

struct Params {
  width: u32,
  height: u32,
  x0: u32,  // evaluation window, half-open
  y0: u32,
  x1: u32,
  y1: u32,
  mode: u32,  // 0: pixels, `count` rows per thread; 1: merge `count` partials
  count: u32,
  ev: Evaluation, // cap and the fit's space (eval-common.wgsl); scale and shift unused
}

struct Acc {
  n: u32,
  mean_x: f32,
  mean_y: f32,
  cxx: f32, // Σ (x - mean x)²
  cxy: f32, // Σ (x - mean x)(y - mean y)
}

const ACC_WORDS: u32 = 5u;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> pred: array<u32>;
@group(0) @binding(2) var<storage, read> ref_depth: array<u32>;
@group(0) @binding(3) var<storage, read_write> dst: array<u32>;

fn merge(a: Acc, b: Acc) -> Acc {
  let total = a.n + b.n;
  if (total == 0u) {
    return empty_acc();
  }
  let n = f32(total);
  let dx = b.mean_x - a.mean_x;
  let dy = b.mean_y - a.mean_y;
  let wb = f32(b.n) / n;
  let f = f32(a.n) * wb; // na nb / n
  return Acc(total, a.mean_x + dx * wb, a.mean_y + dy * wb, a.cxx + b.cxx + dx * dx * f, a.cxy + b.cxy + dx * dy * f);
}

// Grid pixel i's pair added to a (Welford's update: Chan's merge with a partial of
// one) where it is in the fit mask; a unchanged elsewhere, without a branch.
fn add_pixel(a: Acc, i: u32) -> Acc {
  let g_bits = ref_depth[i];
  let v_bits = pred[i];
  let kept = reference_kept(g_bits, params.ev) && prediction_usable(v_bits, params.ev);
  let g = bitcast<f32>(g_bits);
  let n = a.n + select(0u, 1u, kept);
  let w = select(0.0, 1.0 / f32(max(n, 1u)), kept);
  let dx = select(0.0, alignment_input(v_bits, params.ev) - a.mean_x, kept);
  let dy = select(0.0, select(g, 1.0 / g, params.ev.inverse_space == 1u) - a.mean_y, kept);
  let mean_x = a.mean_x + dx * w;
  let mean_y = a.mean_y + dy * w;
  // (x - new mean x) = dx (1 - w): Welford's M2 and co-moment updates.
  let f = dx * (1.0 - w);
  return Acc(n, mean_x, mean_y, a.cxx + dx * f, a.cxy + dy * f);
}

fn load_acc(k: u32) -> Acc {
  let o = k * ACC_WORDS;
  return Acc(pred[o], bitcast<f32>(pred[o + 1u]), bitcast<f32>(pred[o + 2u]), bitcast<f32>(pred[o + 3u]), bitcast<f32>(pred[o + 4u]));
}

fn store_acc(k: u32, a: Acc) {
  let o = k * ACC_WORDS;
  dst[o] = a.n;
  dst[o + 1u] = bitcast<u32>(a.mean_x);
  dst[o + 2u] = bitcast<u32>(a.mean_y);
  dst[o + 3u] = bitcast<u32>(a.cxx);
  dst[o + 4u] = bitcast<u32>(a.cxy);
}

fn empty_acc() -> Acc {
  return Acc(0u, 0.0, 0.0, 0.0, 0.0);
}
