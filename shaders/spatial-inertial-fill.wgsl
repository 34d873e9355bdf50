// librealsense's intertial_holes_fill (src/proc/spatial-filter.h:220-265), run after the
// disparity spatial filter when hole filling is on; in place on working values (0 = no
// depth), one invocation per row. Left to right from pixel 1, an empty pixel takes its
// left neighbour while ++cur_fill < radius (a non-empty pixel restarts the count); then
// right to left from pixel w-1 to 1 from the right neighbour, which at pixel w-1 is the
// NEXT row's first pixel (this fill never writes pixel 0 of any row, so rows do not race;
// past the last row: empty). Reference: inertialHolesFill in
// src/core/filters/spatial-librealsense.ts, bit for bit (values are only copied).

struct Params {
  width: u32,
  height: u32,
  radius: u32,
  _pad: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> v: array<f32>;

override WORKGROUP_SIZE: u32 = 64;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let w = params.width;
  let h = params.height;
  if (gid.x >= h) {
    return;
  }
  let row = gid.x * w;
  let n = w * h;
  var cur_fill = 0u;
  for (var x = 1u; x < w; x++) {
    if (v[row + x] == 0.0) {
      cur_fill++;
      if (cur_fill < params.radius) {
        v[row + x] = v[row + x - 1u];
      }
    } else {
      cur_fill = 0u;
    }
  }
  cur_fill = 0u;
  for (var x = w - 1u; x >= 1u; x--) {
    if (v[row + x] == 0.0) {
      cur_fill++;
      if (cur_fill < params.radius) {
        let right = row + x + 1u;
        v[row + x] = select(0.0, v[min(right, n - 1u)], right < n);
      }
    } else {
      cur_fill = 0u;
    }
  }
}
