// Error as a function of reference depth (the binned error plot): per evaluated pixel
// (eval-common.wgsl) whose reference depth falls in a bin, the bin's count, Σ|p - g| / g
// and Σ(p - g) (as Σ of the positive and of the negative parts), each term clamped to
// ±ERROR_CLAMP. One invocation per pixel of the evaluation window.
//
// WGSL has no floating-point atomics, and the order of f32 atomic-free reductions would
// need a pass per bin; so the sums are 64-bit fixed point in steps of 2^-24, as two u32
// (high, low) with the carry of the low word's add put into the high word: exact
// integer sums in any order (each term is rounded to a step once). 8192 * 2^24 = 2^37
// per term leaves room for 2^27 pixels in a bin.
// Reference: src/core/depth-metrics-histograms.ts (errorByDepth); driven by
// src/gpu/histogram-pass.ts, compared in e2e/kernel-histograms.spec.ts.

struct Params {
  width: u32,
  height: u32,
  x0: u32,  // evaluation window, half-open
  y0: u32,
  x1: u32,
  y1: u32,
  bins: u32,
  _pad0: u32,
  ev: Evaluation,
}

// Words per bin: count, then (high, low) for Σ abs-rel, Σ positive p - g, Σ negative g - p.
const BIN_WORDS: u32 = 7u;
const ERROR_CLAMP: f32 = 8192.0;
const STEPS_PER_UNIT: f32 = 16777216.0; // 2^24
const LOW_WORD: f32 = 4294967296.0;     // 2^32

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> pred: array<u32>;
@group(0) @binding(2) var<storage, read> ref_depth: array<u32>;
@group(0) @binding(3) var<storage, read> edges: array<f32>;
@group(0) @binding(4) var<storage, read_write> sums: array<atomic<u32>>;

override WORKGROUP_SIZE: u32 = 8;

// Adds v (0 <= v <= ERROR_CLAMP) in steps of 2^-24 to the 64-bit sum at words (at, at + 1).
fn add_fixed(at: u32, v: f32) {
  // v * 2^24 is exact (a power of two); rounded to a whole step, then split at 2^32:
  // the high part is a floor of an exact quotient, the low part an exact difference.
  let steps = round(v * STEPS_PER_UNIT);
  let high = floor(steps / LOW_WORD);
  let low = u32(steps - high * LOW_WORD);
  let old = atomicAdd(&sums[at + 1u], low);
  // The low word wrapped past 2^32: carry one into the high word.
  let carry = select(0u, 1u, old + low < old);
  let add_high = u32(high) + carry;
  if (add_high != 0u) {
    atomicAdd(&sums[at], add_high);
  }
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let x = params.x0 + gid.x;
  let y = params.y0 + gid.y;
  if (x >= params.x1 || y >= params.y1) {
    return;
  }
  let i = y * params.width + x;
  let pair = histogram_pair(ref_depth[i], pred[i], params.ev);
  if (!(pair.x > 0.0)) {
    return;
  }
  let g = pair.x;
  let p = pair.y;
  let b = bin_of(g);
  if (b < 0) {
    return;
  }
  let base = u32(b) * BIN_WORDS;
  atomicAdd(&sums[base], 1u);
  let e = p - g;
  add_fixed(base + 1u, min(abs(e) / g, ERROR_CLAMP));
  if (e >= 0.0) {
    add_fixed(base + 3u, min(e, ERROR_CLAMP));
  } else {
    add_fixed(base + 5u, min(-e, ERROR_CLAMP));
  }
}
