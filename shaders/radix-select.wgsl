// The k-th smallest finite value of a field (k from 0), exactly, without sorting: a
// radix select over each value's order key (the f32 bits mapped to a u32 that sorts as
// the floats do: sign bit set, all bits flipped; else the sign bit set). Three rounds
// fix the key's bits 31-21, 20-10 and 9-0; in each, `count_digits` counts the keys
// that agree with the bits fixed so far by their next digit, and `pick_digit` (one
// thread) walks the counts to the digit holding rank k, fixes it and lowers k by the
// keys below it. After the last round state.prefix is the key of the k-th value.
// Reference: percentileOfSorted over sortedValid (src/core/stats.ts); driven by
// src/gpu/select-pass.ts, compared in e2e/kernel-depth-stats.spec.ts. Only the
// 4-byte key is ever read back.

struct Params {
  width: u32,
  height: u32,
  shift: u32,  // the digit's lowest bit
  digits: u32, // 2^(digit's bits)
}

struct State {
  rank: u32,   // k, then k less the keys below the fixed prefix
  prefix: u32, // the key's bits fixed so far
  mask: u32,   // which bits those are
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> field: array<u32>;
@group(0) @binding(2) var<storage, read_write> state: State;
@group(0) @binding(3) var<storage, read_write> counts: array<atomic<u32>>;

const EXPONENT: u32 = 0x7f800000u;
const SIGN: u32 = 0x80000000u;

@compute @workgroup_size(8, 8)
fn count_digits(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= params.width || id.y >= params.height) {
    return;
  }
  let bits = field[id.y * params.width + id.x];
  if ((bits & EXPONENT) == EXPONENT) {
    return; // NaN or ±Inf: no depth
  }
  let key = select(bits | SIGN, ~bits, (bits & SIGN) != 0u);
  if ((key & state.mask) == state.prefix) {
    atomicAdd(&counts[(key >> params.shift) & (params.digits - 1u)], 1u);
  }
}

@compute @workgroup_size(1)
fn pick_digit() {
  var below = 0u;
  var digit = 0u;
  for (; digit < params.digits - 1u; digit++) {
    let c = atomicLoad(&counts[digit]);
    if (below + c > state.rank) {
      break;
    }
    below += c;
  }
  state.rank -= below;
  state.prefix |= digit << params.shift;
  state.mask |= (params.digits - 1u) << params.shift;
}
