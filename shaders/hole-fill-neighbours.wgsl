// Hole filling from the 4 neighbours, one pass on the input: an invalid pixel takes
// the farthest (FARTHEST = 1) or nearest (0) of its valid left/right/up/down
// neighbours; with none it stays invalid. Valid pixels are copied unchanged.
// Reference: fillFromNeighbours in src/core/filters/hole-fill.ts. Only selects: exact
// (values compared as order keys, exact on subnormals).

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
override FARTHEST: bool = true;

// Folds one neighbour into the best so far (NAN_BITS = none yet).
fn consider(best: u32, bits: u32) -> u32 {
  if (!is_finite_bits(bits)) {
    return best;
  }
  if (best == NAN_BITS) {
    return bits;
  }
  let v = order_key(bits);
  let b = order_key(best);
  let better = select((v < b), (v > b), FARTHEST); // parentheses: `v < b, v >` would parse as a template list
  return select(best, bits, better);
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let w = params.width;
  if (gid.x >= w || gid.y >= params.height) {
    return;
  }
  let i = gid.y * w + gid.x;
  let bits = src[i];
  if (is_finite_bits(bits)) {
    dst[i] = bits;
    return;
  }
  var best = NAN_BITS;
  if (gid.x > 0u) { best = consider(best, src[i - 1u]); }
  if (gid.x + 1u < w) { best = consider(best, src[i + 1u]); }
  if (gid.y > 0u) { best = consider(best, src[i - w]); }
  if (gid.y + 1u < params.height) { best = consider(best, src[i + w]); }
  dst[i] = best;
}
