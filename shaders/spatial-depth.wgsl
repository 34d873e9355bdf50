// Spatial filter on depth frames: librealsense's recursive_filter_horizontal/vertical<T>
// (src/proc/spatial-filter.h:59-218), in place on working values (0 = no depth), one
// invocation per line. T = uint16_t when QUANTIZE (every blend + 0.5, truncated to a
// whole unit), else T = float. ROWS: each row left to right (pixels 1 .. w-2, previous
// OUTPUT, blend if both valid and valid <= |d| <= delta, fill up to radius - 1 px),
// then right to left (val1 >= valid, val0 > valid, |d| <= delta, fill). !ROWS: each
// column top to bottom (no validity test, |d| < delta), then bottom to top (both
// valid, |d| < delta). Columns are independent: the C++ row-major loops compute the
// same. Reference: src/core/filters/spatial-librealsense.ts (smoothDepthFrame), bit for
// bit: the arithmetic is the C++ float's, one correctly rounded op at a time.

struct Params {
  width: u32,
  height: u32,
  alpha: f32,
  one_minus_alpha: f32, // f32(1 - alpha), as the C++ computes it
  delta: f32,           // static_cast<T>(deltaZ)
  valid: f32,           // valid_threshold: 1 or FLT_EPSILON
  radius: u32,          // 0 = no hole filling
  quantize: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> v: array<f32>;

override WORKGROUP_SIZE: u32 = 64;
override ROWS: bool = true;

fn blend(cur: f32, other: f32) -> f32 {
  let filtered = cur * params.alpha + other * params.one_minus_alpha;
  return select(filtered, trunc(filtered + 0.5), params.quantize != 0u);
}

fn row_left_to_right(row: u32) {
  let w = params.width;
  var val0 = v[row];
  var cur_fill = 0u;
  for (var u = 1u; u + 1u < w; u++) {
    var val1 = v[row + u];
    if (abs(val0) >= params.valid) {
      if (abs(val1) >= params.valid) {
        cur_fill = 0u;
        let diff = abs(val1 - val0);
        if (diff >= params.valid && diff <= params.delta) {
          val1 = blend(val1, val0);
          v[row + u] = val1;
        }
      } else if (params.radius != 0u) {
        cur_fill++;
        if (cur_fill < params.radius) {
          val1 = val0;
          v[row + u] = val1;
        }
      }
    }
    val0 = val1;
  }
}

fn row_right_to_left(row: u32) {
  let w = params.width;
  var val1 = v[row + w - 1u];
  var cur_fill = 0u;
  for (var x = i32(w) - 2; x >= 0; x--) {
    let i = row + u32(x);
    var val0 = v[i];
    if (val1 >= params.valid) {
      if (val0 > params.valid) {
        cur_fill = 0u;
        if (abs(val1 - val0) <= params.delta) {
          val0 = blend(val0, val1);
          v[i] = val0;
        }
      } else if (params.radius != 0u) {
        cur_fill++;
        if (cur_fill < params.radius) {
          val0 = val1;
          v[i] = val0;
        }
      }
    }
    val1 = val0;
  }
}

fn column(x: u32) {
  let w = params.width;
  let h = params.height;
  for (var y = 1u; y < h; y++) {
    let im0 = v[(y - 1u) * w + x];
    let imw = v[y * w + x];
    if (abs(im0 - imw) < params.delta) {
      v[y * w + x] = blend(imw, im0);
    }
  }
  for (var y = i32(h) - 2; y >= 0; y--) {
    let i = u32(y) * w + x;
    let im0 = v[i];
    let imw = v[i + w];
    if (abs(im0) >= params.valid && abs(imw) >= params.valid && abs(im0 - imw) < params.delta) {
      v[i] = blend(im0, imw);
    }
  }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let line = gid.x;
  if (ROWS) {
    if (line >= params.height || params.width == 0u) {
      return;
    }
    row_left_to_right(line * params.width);
    row_right_to_left(line * params.width);
  } else {
    if (line >= params.width) {
      return;
    }
    column(line);
  }
}
