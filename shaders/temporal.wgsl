// Temporal filter, librealsense's temp_jw_smooth (src/proc/temporal-filter.h:22-87), one
// invocation per pixel. State per pixel = (last, history): last = bits of the last
// output in the stage's domain (NaN = none; its working value is derived), history =
// validity of the last 8 inputs (bit 0 = newest).
// Reads the state from before this frame and writes the state after it into the other
// buffer, so the same frame can be re-run. Working values: whole depth units when
// QUANTIZE (uint16_t: p = z * inv_unit rounded half up, as shaders/spatial-convert.wgsl),
// else the f32 value; 0 = no depth.
//   cur valid, no last:            out = last' = cur, history' = 1
//   cur valid, |cur - last| < d:   out = last' = alpha cur + (1 - alpha) last, truncated
//                                  to a whole unit when QUANTIZE; history' = h << 1 | 1
//   cur valid, |cur - last| >= d:  out = last' = cur, history' = 1 (the average and the
//                                  history restart together)
//   cur invalid: out = last if last and popcount(history & mask) >= k, else none;
//                history' = h << 1; last' = last
// Output: none -> NaN; units: equal to last's units -> last's bits, else equal to the
// input's -> the input's bits, else k * unit. last' is that output.
// Reference: temporalStep in src/core/filters/temporal.ts, bit for bit (C++ float
// arithmetic, one correctly rounded op at a time).

struct Params {
  width: u32,
  height: u32,
  alpha: f32,
  one_minus_alpha: f32, // f32(1 - alpha)
  delta: f32,           // whole units when quantize
  k: u32,               // persistence: at least k of ...
  mask: u32,            // ... the frames selected by mask ((1 << n) - 1) were valid
  fresh: u32,           // 1: ignore the state before (no history yet)
  quantize: u32,
  unit: f32,
  inv_unit: f32,
  _pad: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> dst: array<u32>;
@group(0) @binding(3) var<storage, read> state_before: array<vec2u>;
@group(0) @binding(4) var<storage, read_write> state_after: array<vec2u>;

override WORKGROUP_SIZE: u32 = 8;

fn to_working(bits: u32) -> f32 {
  if (!is_finite_bits(bits)) {
    return 0.0;
  }
  let z = bitcast<f32>(bits);
  if (params.quantize == 0u) {
    return z;
  }
  let p = z * params.inv_unit;
  if (!(p >= 0.5)) {
    return 0.0;
  }
  let k = floor(p);
  return select(k, k + 1.0, p - k >= 0.5);
}

// A working value back in the stage's domain (see the header).
fn to_domain(v: f32, cur: f32, cur_bits: u32, last: f32, last_bits: u32) -> u32 {
  if (v == 0.0) {
    return NAN_BITS;
  }
  if (params.quantize == 0u) {
    return bitcast<u32>(v);
  }
  var out = select(bitcast<u32>(v * params.unit), cur_bits, v == cur);
  return select(out, last_bits, v == last);
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  let i = gid.y * params.width + gid.x;
  var state = vec2u(NAN_BITS, 0u);
  if (params.fresh == 0u) {
    state = state_before[i];
  }
  let last = to_working(state.x);
  let h = state.y;
  let bits = src[i];
  let cur = to_working(bits);
  var out = 0.0;
  var last_after = last;
  var history = (h << 1u) & 0xffu;
  if (cur != 0.0) {
    out = cur;
    history = 1u;
    if (last != 0.0 && abs(cur - last) < params.delta) {
      let filtered = params.alpha * cur + params.one_minus_alpha * last;
      out = select(filtered, trunc(filtered), params.quantize != 0u);
      history = ((h << 1u) | 1u) & 0xffu;
    }
    last_after = out;
  } else if (last != 0.0 && countOneBits(h & params.mask) >= params.k) {
    out = last;
  }
  dst[i] = to_domain(out, cur, bits, last, state.x);
  state_after[i] = vec2u(to_domain(last_after, cur, bits, last, state.x), history);
}
