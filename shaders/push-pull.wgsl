// Push-pull hole filling, one dispatch per pyramid level down (push), then one per level
// up (pull, in place). Level k+1 is ceil(w_k / 2) x ceil(h_k / 2). Each level holds a
// value (f32 bits, NaN = none), a weight (how much valid input it stands for) and a far
// key (the farthest valid input it stands for: selected, never computed, so exact).
// Level 0 is the input (push) and the output (pull): weight 1 where valid, key = value.
//
// push: the weighted mean of a coarse pixel's children of weight > 0; weight = their sum,
//   key = the farthest of theirs.
// pull: a pixel of weight 0 takes the bilinear interpolation (9/16, 3/16, 3/16, 1/16) of
//   the 2 x 2 coarse pixels around its centre (clamped to the edge), times their weights, over those of weight
//   > 0; weight = that sum / 4, key = the farthest. Pixels of weight > 0 are kept.
// edge mode: both keep only candidates whose key is within the relative jump of the
//   farthest key (depth: key * factor >= far; inverse depth: key <= far * factor), so a
//   hole across a depth edge is filled from the far side.
// Reference: pushPullFill in src/core/filters/push-pull.ts (float64, one f32 rounding per
// stored value). Here f32: the bound is derived in e2e/harness-kernels.ts. Which
// candidates count depends only on weights (sums of positive terms: > 0 exactly when
// some term is) and on keys compared through correctly rounded f32 products: exact.

struct Sizes {
  fine_width: u32,
  fine_height: u32,
  coarse_width: u32,
  coarse_height: u32,
  fine_is_level0: u32,  // the fine level is the input (push) or the output (pull)
  _pad0: u32,
  _pad1: u32,
  _pad2: u32,
}

struct Mode {
  edge: u32,
  inverse: u32,     // far is the smaller value
  factor: f32,      // 1 + the relative jump, as an f32 (EDGE_FACTOR)
  _pad: u32,
}

@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<uniform> mode: Mode;
// push: the fine level; pull: the coarse level.
@group(0) @binding(2) var<storage, read> src_value: array<u32>;
@group(0) @binding(3) var<storage, read> src_weight: array<f32>;
@group(0) @binding(4) var<storage, read> src_key: array<f32>;
// push: the coarse level; pull: the fine level, written in place.
@group(0) @binding(5) var<storage, read_write> dst_value: array<u32>;
@group(0) @binding(6) var<storage, read_write> dst_weight: array<f32>;
@group(0) @binding(7) var<storage, read_write> dst_key: array<f32>;

override WORKGROUP_SIZE: u32 = 8;

// Up to four candidates of one step (children, or coarse neighbours).
struct Candidates {
  value: array<f32, 4>,
  key: array<f32, 4>,
  weight: array<f32, 4>,
  n: u32,
}

struct Blend {
  value: f32,
  weight: f32,
  key: f32,
}

fn farther(a: f32, b: f32) -> bool {
  if (mode.inverse != 0u) {
    return a < b;
  }
  return a > b;
}

fn within_jump(key: f32, far: f32) -> bool {
  if (mode.inverse != 0u) {
    return key <= far * mode.factor;
  }
  return key * mode.factor >= far;
}

// The weighted mean of the candidates kept (all, or in edge mode those near the farthest).
fn blend(c: Candidates) -> Blend {
  var far = c.key[0];
  for (var j = 1u; j < c.n; j++) {
    if (farther(c.key[j], far)) {
      far = c.key[j];
    }
  }
  var sum = 0.0;
  var weight = 0.0;
  for (var j = 0u; j < c.n; j++) {
    if (mode.edge != 0u && !within_jump(c.key[j], far)) {
      continue;
    }
    sum += c.weight[j] * c.value[j];
    weight += c.weight[j];
  }
  return Blend(sum / weight, weight, far);
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn push(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= sizes.coarse_width || gid.y >= sizes.coarse_height) {
    return;
  }
  var c: Candidates;
  c.n = 0u;
  for (var j = 0u; j < 2u; j++) {
    for (var i = 0u; i < 2u; i++) {
      let x = 2u * gid.x + i;
      let y = 2u * gid.y + j;
      if (x >= sizes.fine_width || y >= sizes.fine_height) {
        continue;
      }
      let f = y * sizes.fine_width + x;
      let bits = src_value[f];
      var weight = 0.0;
      var key = 0.0;
      if (sizes.fine_is_level0 != 0u) {
        if (is_finite_bits(bits)) {
          weight = 1.0;
          key = bitcast<f32>(bits);
        }
      } else {
        weight = src_weight[f];
        key = src_key[f];
      }
      if (weight > 0.0) {
        c.value[c.n] = bitcast<f32>(bits);
        c.key[c.n] = key;
        c.weight[c.n] = weight;
        c.n++;
      }
    }
  }
  let o = gid.y * sizes.coarse_width + gid.x;
  if (c.n == 0u) {
    dst_value[o] = NAN_BITS;
    dst_weight[o] = 0.0;
    dst_key[o] = 0.0;
    return;
  }
  let b = blend(c);
  dst_value[o] = bitcast<u32>(b.value);
  dst_weight[o] = b.weight;
  dst_key[o] = b.key;
}

// The two coarse coordinates around fine coordinate t (centres at t + 1/2), clamped to
// [0, size - 1] as a texture clamps to its edge, and their bilinear factors (x, factor,
// x, factor): even t = 2c: c - 1 (1/4), c (3/4); odd: c (3/4), c + 1 (1/4).
fn taps(t: u32, size: u32) -> vec4u {
  let c = t >> 1u;
  if ((t & 1u) == 0u) {
    return vec4u(select(c - 1u, 0u, c == 0u), 1u, c, 3u);
  }
  return vec4u(c, 3u, min(c + 1u, size - 1u), 1u);
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn pull(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= sizes.fine_width || gid.y >= sizes.fine_height) {
    return;
  }
  let i = gid.y * sizes.fine_width + gid.x;
  // Level 0 has no weight buffer (its weights are its validity) and keeps no weights or keys.
  let level0 = sizes.fine_is_level0 != 0u;
  if (level0) {
    if (is_finite_bits(dst_value[i])) {
      return;
    }
  } else if (dst_weight[i] > 0.0) {
    return;
  }
  let tx = taps(gid.x, sizes.coarse_width);
  let ty = taps(gid.y, sizes.coarse_height);
  var c: Candidates;
  c.n = 0u;
  for (var j = 0u; j < 2u; j++) {
    for (var k = 0u; k < 2u; k++) {
      let s = ty[2u * j] * sizes.coarse_width + tx[2u * k];
      let weight = src_weight[s];
      if (weight > 0.0) {
        c.value[c.n] = bitcast<f32>(src_value[s]);
        c.key[c.n] = src_key[s];
        // Factors in quarters per axis: (a / 4) (b / 4) = a b / 16, exact.
        c.weight[c.n] = (f32(tx[2u * k + 1u] * ty[2u * j + 1u]) * 0.0625) * weight;
        c.n++;
      }
    }
  }
  if (c.n == 0u) {
    // No value: the output's one NaN (the input may have held another non-finite value).
    dst_value[i] = NAN_BITS;
    return;
  }
  let b = blend(c);
  dst_value[i] = bitcast<u32>(b.value);
  if (!level0) {
    dst_weight[i] = b.weight * 0.25;
    dst_key[i] = b.key;
  }
}
