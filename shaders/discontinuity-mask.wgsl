// Depth-discontinuity mask, a u32 per pixel: 1 where the pixel is valid and at least
// one valid 4-neighbour (inside the image) differs from it by MORE than
// relative_jump * min(the two depths); else 0 (invalid pixels are 0).
// With reject_edges = 1 the same test is the edge-rejection filter stage: the pixel's
// depth bits are copied, and an edge pixel (a flying pixel between two surfaces)
// becomes NaN (no depth). A relative jump means the same in depth and in disparity.
// Reference: discontinuityMask and rejectEdges in src/core/filters/normals.ts, in float64. Here the
// difference is exact for neighbours within a factor 2 of each other (Sterbenz) and the
// product is one f32 rounding, so the two agree except at near-ties, where
// |a - b| is within a few f32 ulps of relative_jump * min(a, b) (see the test).

struct Params {
  width: u32,
  height: u32,
  relative_jump: f32,
  reject_edges: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> dst: array<u32>;

override WORKGROUP_SIZE: u32 = 8;

fn jumps(d: f32, bits: u32) -> bool {
  if (!is_finite_bits(bits)) {
    return false;
  }
  let q = bitcast<f32>(bits);
  return abs(d - q) > params.relative_jump * min(d, q);
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let w = params.width;
  if (gid.x >= w || gid.y >= params.height) {
    return;
  }
  let i = gid.y * w + gid.x;
  let bits = src[i];
  var edge = false;
  if (is_finite_bits(bits)) {
    let d = bitcast<f32>(bits);
    edge = (gid.x > 0u && jumps(d, src[i - 1u])) ||
      (gid.x + 1u < w && jumps(d, src[i + 1u])) ||
      (gid.y > 0u && jumps(d, src[i - w])) ||
      (gid.y + 1u < params.height && jumps(d, src[i + w]));
  }
  if (params.reject_edges == 1u) {
    dst[i] = select(bits, NAN_BITS, edge);
  } else {
    dst[i] = select(0u, 1u, edge);
  }
}
