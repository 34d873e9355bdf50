// Prediction vs reference as a 2-D histogram (the density plot): per evaluated pixel
// (eval-common.wgsl), one count in the cell (reference bin, prediction bin), row-major
// with the reference as the row; pixels outside the bin edges on either axis are not
// counted. One invocation per pixel of the evaluation window; counts by atomic adds
// (exact; the order does not matter). The edges are the f32 list the reference
// compares with (logBinEdges). Reference: src/core/depth-metrics-histograms.ts
// (predictionReferenceHistogram); driven by src/gpu/histogram-pass.ts, compared in
// e2e/kernel-histograms.spec.ts.

struct Params {
  width: u32,
  height: u32,
  x0: u32,  // evaluation window, half-open
  y0: u32,
  x1: u32,
  y1: u32,
  bins: u32,
  _pad0: u32,
  ev: Evaluation,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> pred: array<u32>;
@group(0) @binding(2) var<storage, read> ref_depth: array<u32>;
@group(0) @binding(3) var<storage, read> edges: array<f32>;
@group(0) @binding(4) var<storage, read_write> counts: array<atomic<u32>>;

override WORKGROUP_SIZE: u32 = 8;

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let x = params.x0 + gid.x;
  let y = params.y0 + gid.y;
  if (x >= params.x1 || y >= params.y1) {
    return;
  }
  let i = y * params.width + x;
  let pair = histogram_pair(ref_depth[i], pred[i], params.ev);
  if (!(pair.x > 0.0)) {
    return;
  }
  let g = pair.x;
  let p = pair.y;
  let pb = bin_of(p);
  let gb = bin_of(g);
  if (pb >= 0 && gb >= 0) {
    atomicAdd(&counts[u32(gb) * params.bins + u32(pb)], 1u);
  }
}
