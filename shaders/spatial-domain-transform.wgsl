// Edge-preserving spatial filter (recursive domain transform), one invocation per line,
// working in place on `buf` (the stage copies its input there first). ROWS = true: each
// row left -> right (filling up to hole_fill pixels after a valid one) then right -> left;
// ROWS = false: each column top -> bottom then bottom -> top, no filling. One iteration is
// a rows dispatch then a columns dispatch. Along a line, with prev = the last valid
// value as stored:
//   cur valid:   if prev valid and |cur - prev| < delta: cur = alpha cur + (1 - alpha) prev
//   cur invalid: if prev valid and it is the 1st..fill-th invalid pixel since a valid
//                input: cur = prev
//   if cur (as written) is valid it becomes prev.
// Reference: spatialFilter in src/core/filters/spatial-domain-transform.ts (float64).
// The blend rounds differently in f32 (exact for alpha = 0.5, see the test); delta comes
// rounded up to an f32 so that the comparison itself is the reference's. Invalid values
// are written as NaN, as the reference's working copy has them.

struct Params {
  width: u32,
  height: u32,
  alpha: f32,
  one_minus_alpha: f32,
  delta: f32,
  hole_fill: u32,
  _pad0: u32,
  _pad1: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> buf: array<u32>;

override WORKGROUP_SIZE: u32 = 64;
override ROWS: bool = true;

// One line pass over buf[start + k * step], k = 0 .. count - 1.
fn smooth_line(start: u32, step: i32, count: u32, fill: u32) {
  var prev = buf[start];
  if (!is_finite_bits(prev)) {
    buf[start] = NAN_BITS;
  }
  var run = 0u;
  var i = i32(start);
  for (var k = 1u; k < count; k++) {
    i += step;
    let cur = buf[i];
    var out = NAN_BITS;
    if (is_finite_bits(cur)) {
      run = 0u;
      out = cur;
      if (is_finite_bits(prev)) {
        let c = bitcast<f32>(cur);
        let p = bitcast<f32>(prev);
        if (abs(c - p) < params.delta) {
          out = bitcast<u32>(params.alpha * c + params.one_minus_alpha * p);
        }
      }
    } else {
      run++;
      if (is_finite_bits(prev) && run <= fill) {
        out = prev;
      }
    }
    buf[i] = out;
    if (is_finite_bits(out)) {
      prev = out;
    }
  }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let w = params.width;
  let h = params.height;
  let line = gid.x;
  if (ROWS) {
    if (line >= h) {
      return;
    }
    smooth_line(line * w, 1, w, params.hole_fill);
    smooth_line(line * w + w - 1u, -1, w, 0u);
  } else {
    if (line >= w) {
      return;
    }
    smooth_line(line, i32(w), h, 0u);
    smooth_line(line + (h - 1u) * w, -i32(w), h, 0u);
  }
}
