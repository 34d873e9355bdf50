// Shared by the evaluation kernels (depth-metrics.wgsl, alignment-sums.wgsl,
// error-map.wgsl; prepended to each by src/gpu/eval-uniform.ts, after
// depth-common.wgsl): which pixels are evaluated and what the aligned prediction
// is, the rules of src/core/eval-crops.ts and src/core/depth-alignment.ts.

// 12 words; a member of each kernel's Params at a 16-byte offset (uniform layout).
struct Evaluation {
  has_cap: u32,
  keep_above: f32,      // the reference is kept where keep_above < g < keep_below: the cap's
  keep_below: f32,      // min and max as the f32s that make the f32 test agree with float64
  cap_min: f32,         // the aligned prediction is clamped to [cap_min, cap_max]
  cap_max: f32,
  disparity_floor: f32, // 1 / cap max: fitted inverse depths are raised to it (MiDaS)
  inverse_space: u32,   // the alignment: 0 z = scale x; 1 1/z = scale x + shift
  inverse_pred: u32,    // the prediction's kind: 0 depth, 1 inverse depth
  scale: f32,
  shift: f32,
  _pad0: u32,
  _pad1: u32,
}

fn is_depth_bits(bits: u32) -> bool {
  return is_finite_bits(bits) && bitcast<f32>(bits) > 0.0;
}

// A reference depth that is evaluated: a depth, strictly inside the cap if there is one.
fn reference_kept(bits: u32, ev: Evaluation) -> bool {
  let g = bitcast<f32>(bits);
  return is_depth_bits(bits) && (ev.has_cap == 0u || (g > ev.keep_above && g < ev.keep_below));
}

// Whether a prediction can be taken into the alignment's space: an inverse prediction
// used as is in inverse space need only be finite, anything else must be a depth.
fn prediction_usable(bits: u32, ev: Evaluation) -> bool {
  if (ev.inverse_space == 1u && ev.inverse_pred == 1u) {
    return is_finite_bits(bits);
  }
  return is_depth_bits(bits);
}

// The prediction in the alignment's space (its reciprocal when the kinds differ).
fn alignment_input(bits: u32, ev: Evaluation) -> f32 {
  let v = bitcast<f32>(bits);
  return select(v, 1.0 / v, ev.inverse_space != ev.inverse_pred);
}

// The prediction aligned (alignedDepth) and clamped to the cap, or -1 where it gives no depth.
fn aligned_prediction(bits: u32, ev: Evaluation) -> f32 {
  if (!prediction_usable(bits, ev)) {
    return -1.0;
  }
  let x = alignment_input(bits, ev);
  var z: f32;
  if (ev.inverse_space == 1u) {
    var inverse = ev.scale * x + ev.shift;
    if (ev.has_cap == 1u) {
      inverse = max(inverse, ev.disparity_floor);
    }
    if (!(inverse > 0.0)) {
      return -1.0;
    }
    z = 1.0 / inverse;
  } else {
    z = ev.scale * x;
  }
  if (!is_depth_bits(bitcast<u32>(z))) {
    return -1.0;
  }
  if (ev.has_cap == 1u) {
    z = clamp(z, ev.cap_min, ev.cap_max);
  }
  return z;
}

// The pair a histogram counts: the reference depth and the aligned prediction, or
// vec2f(0.0) when the pair is not evaluated (the reference not kept, or the prediction
// not above 0 after alignment). Kept references are depths above 0.
fn histogram_pair(g_bits: u32, p_bits: u32, ev: Evaluation) -> vec2f {
  if (!reference_kept(g_bits, ev)) {
    return vec2f(0.0);
  }
  let p = aligned_prediction(p_bits, ev);
  if (!(p > 0.0)) {
    return vec2f(0.0);
  }
  return vec2f(bitcast<f32>(g_bits), p);
}
