// Temporal filter, one invocation per pixel; state per pixel = (last, history):
// last = bits of the last valid output (NaN before any), history = validity of the
// last 8 inputs (bit 0 = newest). Reads the state from before this frame and writes the
// state after it into the other buffer, so the same frame can be re-run.
//   cur valid:   last valid and |cur - last| < delta -> alpha cur + (1 - alpha) last,
//                else cur (the average restarts where depth jumps)
//   cur invalid: last valid and popcount(history & mask) >= k -> last, else NaN
//   history' = ((history << 1) | valid) & 0xff;  last' = out if valid, else last
// Reference: temporalStep in src/core/filters/temporal.ts (float64). The blend rounds
// differently in f32 (exact when alpha = 0.5, see the test); delta comes rounded up to
// an f32 so that the comparison itself is the reference's.

struct Params {
  width: u32,
  height: u32,
  alpha: f32,
  one_minus_alpha: f32,
  delta: f32,
  k: u32,       // persistence: at least k of ...
  mask: u32,    // ... the frames selected by mask ((1 << n) - 1) were valid
  fresh: u32,   // 1: ignore the state before (no history yet)
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> dst: array<u32>;
@group(0) @binding(3) var<storage, read> state_before: array<vec2u>;
@group(0) @binding(4) var<storage, read_write> state_after: array<vec2u>;

override WORKGROUP_SIZE: u32 = 8;

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
  let last = state.x;
  let cur = src[i];
  let cur_valid = is_finite_bits(cur);
  let last_valid = is_finite_bits(last);
  var out = NAN_BITS;
  if (cur_valid) {
    out = cur;
    if (last_valid) {
      let c = bitcast<f32>(cur);
      let l = bitcast<f32>(last);
      if (abs(c - l) < params.delta) {
        out = bitcast<u32>(params.alpha * c + params.one_minus_alpha * l);
      }
    }
  } else if (last_valid && countOneBits(state.y & params.mask) >= params.k) {
    out = last;
  }
  dst[i] = out;
  let history = ((state.y << 1u) | select(0u, 1u, cur_valid)) & 0xffu;
  state_after[i] = vec2u(select(last, out, is_finite_bits(out)), history);
}
