// Shared by every depth kernel (prepended to each by src/gpu/pipeline-cache.ts,
// WGSL having no include): how "no depth" is stored and recognised.
//
// Depth buffers hold f32 bits read as u32. No depth is any non-finite value; the
// kernels write one NaN pattern. Validity is tested on the exponent bits because
// WGSL lets compilers assume floats are finite, so `x != x` is not a reliable test.

const NAN_BITS = 0x7fc00000u;

fn is_finite_bits(bits: u32) -> bool {
  return (bits & 0x7f800000u) != 0x7f800000u;
}

// The f32 order as a u32 order, for kernels that select: for finite a, b,
// a < b (as f32) <=> order_key(a) < order_key(b), and -0, +0 get one key (they compare
// equal). Exact on subnormals too, which f32 comparisons may flush to zero (SwiftShader does).
fn order_key(bits: u32) -> u32 {
  let b = select(bits, 0u, bits == 0x80000000u); // -0 -> +0
  return select(b | 0x80000000u, ~b, (b & 0x80000000u) != 0u);
}
