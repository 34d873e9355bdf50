// Decimation by an integer factor F (2..8), librealsense's decimate_depth
// (src/proc/decimation-filter.cpp:376-505). Output (X, Y) reads the input block
// x in [X*F, X*F + F), y in [Y*F, Y*F + F) for X < real_width, Y < real_height (whole
// blocks only); the output is padded with no depth to a multiple of 4 each way.
// Over the block's valid samples:
//   MODE 0 (F = 2, 3): the LOWER median (sorted ascending, index (n - 1) / 2);
//   MODE 1 (F > 3, float): the mean, summed in f32;
//   MODE 2 (F > 3, whole units): the u32 sum of units / n, truncated, times unit.
// On whole units (params.units) a sample is valid when its units are not 0 (librealsense
// skips zeros, cpp:404, 478), else when finite.
// NaN where a block has no valid sample.
// Reference: src/core/filters/decimate.ts. The median only selects: exact (a stable
// insertion sort in the reference's order; order keys compare subnormals exactly). The
// units mean is integer arithmetic, exact; the float mean is within the bound derived in
// e2e/harness-kernels.ts.

struct Params {
  in_width: u32,
  out_width: u32,   // padded
  out_height: u32,  // padded
  factor: u32,
  real_width: u32,
  real_height: u32,
  unit: f32,
  inv_unit: f32,
  units: u32,       // 1: whole units (integer source): a sample is valid when its units are not 0
  _pad0: u32,
  _pad1: u32,
  _pad2: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> dst: array<u32>;

override WORKGROUP_SIZE: u32 = 8;
override MODE: u32 = 0;

const MAX_BLOCK = 9u; // 3 x 3, the largest median block

// Whole units as shaders/spatial-convert.wgsl: f32 multiply, rounded half up; 0 = none.
fn to_units(bits: u32) -> u32 {
  if (!is_finite_bits(bits)) {
    return 0u;
  }
  let p = bitcast<f32>(bits) * params.inv_unit;
  if (!(p >= 0.5)) {
    return 0u;
  }
  let k = floor(p);
  return u32(select(k, k + 1.0, p - k >= 0.5));
}

fn median(x0: u32, y0: u32) -> u32 {
  let f = params.factor;
  var block: array<u32, MAX_BLOCK>; // sample bits: copies, never float moves
  var n = 0u;
  for (var y = y0; y < y0 + f; y++) {
    for (var x = x0; x < x0 + f; x++) {
      let bits = src[y * params.in_width + x];
      if (select(!is_finite_bits(bits), to_units(bits) == 0u, params.units != 0u)) {
        continue;
      }
      let v = order_key(bits);
      var k = n;
      while (k > 0u && order_key(block[k - 1u]) > v) {
        block[k] = block[k - 1u];
        k--;
      }
      block[k] = bits;
      n++;
    }
  }
  return select(block[(max(n, 1u) - 1u) / 2u], NAN_BITS, n == 0u);
}

fn mean(x0: u32, y0: u32) -> u32 {
  let f = params.factor;
  var sum = 0.0;
  var units = 0u;
  var n = 0u;
  for (var y = y0; y < y0 + f; y++) {
    for (var x = x0; x < x0 + f; x++) {
      let bits = src[y * params.in_width + x];
      if (MODE == 2u) {
        let k = to_units(bits);
        if (k != 0u) {
          units += k;
          n++;
        }
      } else if (is_finite_bits(bits)) {
        sum += bitcast<f32>(bits);
        n++;
      }
    }
  }
  if (n == 0u) {
    return NAN_BITS;
  }
  if (MODE == 2u) {
    return bitcast<u32>(f32(units / n) * params.unit);
  }
  return bitcast<u32>(sum / f32(n));
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.out_width || gid.y >= params.out_height) {
    return;
  }
  let o = gid.y * params.out_width + gid.x;
  if (gid.x >= params.real_width || gid.y >= params.real_height) {
    dst[o] = NAN_BITS; // librealsense's zero padding
    return;
  }
  let x0 = gid.x * params.factor;
  let y0 = gid.y * params.factor;
  dst[o] = select(mean(x0, y0), median(x0, y0), MODE == 0u);
}
