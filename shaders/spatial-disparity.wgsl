// Spatial filter on disparity frames: librealsense's recursive_filter_horizontal_fp /
// vertical_fp (src/proc/spatial-filter.cpp:241-498), in place on working values
// (0 = no depth), one invocation per line (ROWS: each row left to right then right to
// left; else each column top to bottom then bottom to top). Along a line, a state
// machine: valid state: a valid input close to the previous INPUT (|d| < delta) is
// blended with the previous OUTPUT and written, else kept (and becomes the output
// state); an invalid input switches to the invalid state, where the next valid input
// restarts both. Valid = the f32 bits as i32 > 0 (cpp:256). Reference:
// src/core/filters/spatial-librealsense.ts (smoothDisparityFrame), bit for bit.

struct Params {
  width: u32,
  height: u32,
  alpha: f32,
  one_minus_alpha: f32,
  delta: f32,
  _pad0: u32,
  _pad1: u32,
  _pad2: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> v: array<f32>;

override WORKGROUP_SIZE: u32 = 64;
override ROWS: bool = true;

fn valid_fp(x: f32) -> bool {
  return bitcast<i32>(x) > 0;
}

fn disparity_line(start: u32, step: i32, count: u32) {
  if (count < 2u) {
    return;
  }
  var state = v[start];
  var previous = state;
  var in_valid = valid_fp(state);
  var i = i32(start);
  for (var k = 1u; k < count; k++) {
    i += step;
    let innovation = v[i];
    if (in_valid) {
      if (valid_fp(innovation)) {
        let d = previous - innovation;
        if (d < params.delta && d > -params.delta) {
          state = innovation * params.alpha + state * params.one_minus_alpha;
          v[i] = state;
        } else {
          state = innovation;
        }
        previous = innovation;
      } else {
        in_valid = false;
      }
    } else if (valid_fp(innovation)) {
      state = innovation;
      previous = innovation;
      in_valid = true;
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
    disparity_line(line * w, 1, w);
    disparity_line(line * w + w - 1u, -1, w);
  } else {
    if (line >= w) {
      return;
    }
    disparity_line(line, i32(w), h);
    disparity_line(line + (h - 1u) * w, -i32(w), h);
  }
}
