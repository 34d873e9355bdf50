// Shared by median-3x3.wgsl and median-5x5.wgsl (appended to each by
// src/gpu/stages/median.ts, WGSL having no include): reading the window's keys, the padding of
// invalid samples that turns "lower median of the valid samples" into a fixed-size
// median, and the reference's rule for zeros. No branches: select() throughout.

const INVALID_KEY = 0xffffffffu;
const ZERO_KEY = 0x80000000u;     // +0
const NEG_ZERO_KEY = 0x7fffffffu; // -0, before take() maps it to ZERO_KEY

// The key of sample (row, col) of the window of the pixel in column x whose window's
// top row is row 0, i.e. of image pixel (x + col - RADIUS, row - RADIUS). Read straight
// from storage: outside the image (u32 arithmetic wraps below 0) the read goes to pixel 0
// and the key is INVALID_KEY, by select(), not a branch.
fn key_at(x: u32, row: u32, col: u32) -> u32 {
  let px = x + col - RADIUS;
  let py = row - RADIUS;
  let inside = px < params.width && py < params.height;
  return select(INVALID_KEY, sample_key(src[select(0u, py * params.width + px, inside)]), inside);
}

// A sample's key: order_key (depth-common.wgsl), but -0 kept apart
// (NEG_ZERO_KEY, just below +0) for the stable choice among zeros; INVALID_KEY for no depth.
fn sample_key(bits: u32) -> u32 {
  let key = select(order_key(bits), NEG_ZERO_KEY, bits == 0x80000000u);
  return select(INVALID_KEY, key, is_finite_bits(bits));
}

// The bits of a valid key (zero comes back as +0).
fn bits_of(key: u32) -> u32 {
  return select(~key, key & 0x7fffffffu, (key & 0x80000000u) != 0u);
}

// What the median needs to know of the window besides its keys.
struct Window {
  valid: u32,          // valid samples
  negatives: u32,      // valid samples below zero
  zeros: u32,          // bit j: sample j (reading order) is +0 or -0
  negative_zeros: u32, // bit j: sample j is -0
  odd: bool,           // an odd number of invalid samples so far
}

// Sample j of the window (its sample_key) as the network's key: -0 as +0, an invalid one
// as 0 (below every valid key) or INVALID_KEY (above), alternately, the first below:
// with k invalid samples, ceil(k/2) go below, so the network's middle key is the lower
// median of the valid ones.
fn take(w: ptr<function, Window>, raw: u32, j: u32) -> u32 {
  let negative_zero = raw == NEG_ZERO_KEY;
  let key = select(raw, ZERO_KEY, negative_zero);
  let invalid = key == INVALID_KEY;
  (*w).valid += select(1u, 0u, invalid);
  (*w).negatives += select(0u, 1u, key < ZERO_KEY);
  (*w).zeros |= select(0u, 1u << j, key == ZERO_KEY);
  (*w).negative_zeros |= select(0u, 1u << j, negative_zero);
  let padded = select(key, select(0u, INVALID_KEY, (*w).odd), invalid);
  (*w).odd = (*w).odd != invalid;
  return padded;
}

// Position of the k-th (from 0) set bit of m, which has more than k: a binary search
// on bit counts, 5 fixed steps, instead of a loop that clears k bits.
fn nth_set_bit(m: u32, k: u32) -> u32 {
  var pos = 0u;
  var rest = k;
  for (var step = 16u; step > 0u; step >>= 1u) {
    let below = countOneBits(extractBits(m, pos, step));
    let skip = below <= rest;
    rest = select(rest, rest - below, skip);
    pos = select(pos, pos + step, skip);
  }
  return pos;
}

// The output bits for the network's middle key. A zero median is the stable sort's: the
// (m - #negatives)-th zero of the window in reading order, m = (n - 1) / 2 the lower
// median's index, -0 or +0 as that sample was. (Computed always, chosen by select: when
// the median is not zero the zero rule's value is unused.)
fn median_bits(w: Window, key: u32) -> u32 {
  let which = (w.valid - 1u) / 2u - w.negatives;
  let negative = ((w.negative_zeros >> nth_set_bit(w.zeros, which)) & 1u) != 0u;
  return select(bits_of(key), select(0u, 0x80000000u, negative), key == ZERO_KEY);
}
