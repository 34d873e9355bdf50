// Median of the valid samples in a (2r+1)^2 window (r = RADIUS, 1 or 2), clipped
// at the border; the LOWER median, so the result is always one of the samples.
// Invalid pixels stay invalid. Reference: src/core/filters/median.ts. Exact: a stable
// insertion sort in reading order, as the reference's stable sort, comparing order keys
// (exact on subnormals). The median stage runs this for 3 x 3 and median-5x5.wgsl, a
// selection network 2.5x faster there, for 5 x 5.

struct Params {
  width: u32,
  height: u32,
  _pad0: u32,
  _pad1: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> dst: array<u32>;

override WORKGROUP_SIZE: u32 = 8;
override RADIUS: i32 = 1;

const MAX_WINDOW = 25u;

// The window holds natural keys: order_key, except -0 keyed just below +0, so that the
// bits come back from the key. Compared with same_zero, which makes the two zeros equal.
fn natural_key(bits: u32) -> u32 {
  return select(bits | 0x80000000u, ~bits, (bits & 0x80000000u) != 0u);
}

fn same_zero(key: u32) -> u32 {
  return select(key, 0x80000000u, key == 0x7fffffffu);
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.width || gid.y >= params.height) {
    return;
  }
  let i = gid.y * params.width + gid.x;
  if (!is_finite_bits(src[i])) {
    dst[i] = NAN_BITS;
    return;
  }
  // Insertion sort of the valid window samples as they are read (at most 25).
  var window: array<u32, MAX_WINDOW>; // natural keys (see below)
  var n = 0u;
  let w = i32(params.width);
  let h = i32(params.height);
  for (var dy = -RADIUS; dy <= RADIUS; dy++) {
    let y = i32(gid.y) + dy;
    if (y < 0 || y >= h) {
      continue;
    }
    for (var dx = -RADIUS; dx <= RADIUS; dx++) {
      let x = i32(gid.x) + dx;
      if (x < 0 || x >= w) {
        continue;
      }
      let bits = src[u32(y * w + x)];
      if (!is_finite_bits(bits)) {
        continue;
      }
      let v = order_key(bits);
      var k = n;
      while (k > 0u && same_zero(window[k - 1u]) > v) {
        window[k] = window[k - 1u];
        k--;
      }
      window[k] = natural_key(bits);
      n++;
    }
  }
  let key = window[(n - 1u) / 2u];
  dst[i] = select(~key, key & 0x7fffffffu, (key & 0x80000000u) != 0u);
}
