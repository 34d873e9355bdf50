// Push-pull hole filling, one dispatch per pyramid level. Level k+1 is
// ceil(w_k / 2) x ceil(h_k / 2).
// push (fine -> coarse): coarse pixel (X, Y) = the mean of the valid ones among the fine
//   pixels (2X + i, 2Y + j), i, j in {0, 1}, that exist; NaN if none.
// pull (coarse -> fine, in place): every invalid fine pixel (x, y) takes the coarse value
//   at (x >> 1, y >> 1), NaN included; valid fine pixels keep theirs.
// Reference: pushPullFill in src/core/filters/hole-fill.ts, which sums in float64 and
// rounds the mean once; here the sum is f32 (a tolerance, derived in the test). Which
// pixels end up valid only depends on validity, so it is exact.

struct Params {
  fine_width: u32,
  fine_height: u32,
  coarse_width: u32,
  coarse_height: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<u32>;          // push: fine; pull: coarse
@group(0) @binding(2) var<storage, read_write> dst: array<u32>;    // push: coarse; pull: fine

override WORKGROUP_SIZE: u32 = 8;

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn push(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.coarse_width || gid.y >= params.coarse_height) {
    return;
  }
  var sum = 0.0;
  var n = 0u;
  for (var j = 0u; j < 2u; j++) {
    let y = 2u * gid.y + j;
    for (var i = 0u; i < 2u; i++) {
      let x = 2u * gid.x + i;
      if (x < params.fine_width && y < params.fine_height) {
        let bits = src[y * params.fine_width + x];
        if (is_finite_bits(bits)) {
          sum += bitcast<f32>(bits);
          n++;
        }
      }
    }
  }
  let o = gid.y * params.coarse_width + gid.x;
  if (n == 0u) {
    dst[o] = NAN_BITS;
  } else {
    dst[o] = bitcast<u32>(sum / f32(n));
  }
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn pull(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.fine_width || gid.y >= params.fine_height) {
    return;
  }
  let i = gid.y * params.fine_width + gid.x;
  if (!is_finite_bits(dst[i])) {
    dst[i] = src[(gid.y >> 1u) * params.coarse_width + (gid.x >> 1u)];
  }
}
