// Decimation by an integer factor F (2..8): output pixel (X, Y) is the LOWER median
// (sorted ascending, index (n - 1) / 2) of the valid samples of the input block
// x in [X*F, X*F + F), y in [Y*F, Y*F + F); NaN if the block has none. Partial blocks
// at the right and bottom are dropped (the output is floor(w/F) x floor(h/F)).
// Reference: src/core/filters/decimate.ts. Only selects: exact. The insertion sort is
// stable and reads the block in the reference's order, so even +0 / -0 ties pick the
// same sample as the reference's stable sort. Values compare as order keys (exact on
// subnormals, which f32 comparisons may flush).

struct Params {
  in_width: u32,
  out_width: u32,
  out_height: u32,
  factor: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> dst: array<u32>;

override WORKGROUP_SIZE: u32 = 8;

const MAX_BLOCK = 64u; // 8 x 8, the largest factor

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.out_width || gid.y >= params.out_height) {
    return;
  }
  let f = params.factor;
  var block: array<u32, MAX_BLOCK>; // sample bits: copies, never float moves
  var n = 0u;
  for (var y = gid.y * f; y < gid.y * f + f; y++) {
    for (var x = gid.x * f; x < gid.x * f + f; x++) {
      let bits = src[y * params.in_width + x];
      if (!is_finite_bits(bits)) {
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
  let o = gid.y * params.out_width + gid.x;
  if (n == 0u) {
    dst[o] = NAN_BITS;
  } else {
    dst[o] = block[(n - 1u) / 2u];
  }
}
