// Shared by histogram-2d.wgsl and histogram-error.wgsl (prepended by src/gpu/histogram-pass.ts,
// as WGSL has no include): the bin of a value among the kernel's sorted `edges`, found by
// bisection; it reads the kernel's own `params.bins` and `edges`.

// The bin k with edges[k] <= v < edges[k + 1], or -1 outside (binOf).
fn bin_of(v: f32) -> i32 {
  let bins = params.bins;
  if (!(v >= edges[0] && v < edges[bins])) {
    return -1;
  }
  var lo = 0u;
  var hi = bins; // edges[lo] <= v < edges[hi]
  while (hi - lo > 1u) {
    let mid = (lo + hi) / 2u;
    if (v >= edges[mid]) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return i32(lo);
}
