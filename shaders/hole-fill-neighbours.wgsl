// librealsense's "Farest / Nearest from around" hole filling (src/proc/hole-filling-
// filter.h:75-159), in place, as one workgroup walking the anti-diagonals x + y = d:
// pixel (x, y) reads left, up-left and up already written (diagonals d-1, d-2: `dst`)
// and down-left, down not yet written in librealsense's row order (the input `src`),
// so every pixel sees what the C++ loop sees. Rows 1..h-2, columns 1..w-1; an empty
// pixel (no depth: non-finite or +-0) starts from up and takes:
//   FARTHEST: the largest of up, up-left, left, down-left, down;
//   else:     the smallest non-empty one below up (nothing when up is empty).
// An empty result is NaN. Reference: fillFromNeighbours in
// src/core/filters/hole-fill.ts, bit for bit (only selects; order keys compare exactly,
// subnormals included). A first entry point copies src to dst with NaN for no depth.

struct Params {
  width: u32,
  height: u32,
  _pad0: u32,
  _pad1: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> dst: array<u32>;

override WORKGROUP_SIZE: u32 = 256;
override FARTHEST: bool = true;

// librealsense's value: 0 for no depth (its marker), else the f32 bits.
fn val(bits: u32) -> u32 {
  return select(0u, bits, is_finite_bits(bits));
}

fn is_empty(bits: u32) -> bool {
  return (val(bits) & 0x7fffffffu) == 0u;
}

@compute @workgroup_size(8, 8)
fn copy(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  let i = gid.y * params.width + gid.x;
  dst[i] = select(NAN_BITS, src[i], is_finite_bits(src[i]));
}

fn fill(x: u32, y: u32) {
  let w = params.width;
  let i = y * w + x;
  if (!is_empty(dst[i])) {
    return;
  }
  var tmp = val(dst[i - w]);
  let around = array<u32, 4>(val(dst[i - w - 1u]), val(dst[i - 1u]), val(src[i + w - 1u]), val(src[i + w]));
  for (var k = 0u; k < 4u; k++) {
    let q = around[k];
    if (FARTHEST) {
      if (order_key(q) > order_key(tmp)) {
        tmp = q;
      }
    } else if (!is_empty(q) && order_key(q) < order_key(tmp)) {
      tmp = q;
    }
  }
  dst[i] = select(tmp, NAN_BITS, is_empty(tmp));
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(local_invocation_index) t: u32) {
  let w = params.width;
  let h = params.height;
  if (w < 2u || h < 3u) {
    return; // uniform: the whole workgroup returns
  }
  // d = x + y runs from 2 (x = 1, y = 1) to (w - 1) + (h - 2).
  for (var d = 2u; d <= w + h - 3u; d++) {
    let y_lo = max(1u, select(1u, d - (w - 1u), d > w - 1u));
    let y_hi = min(h - 2u, d - 1u);
    for (var y = y_lo + t; y <= y_hi; y += WORKGROUP_SIZE) {
      fill(d - y, y);
    }
    storageBarrier();
  }
}
