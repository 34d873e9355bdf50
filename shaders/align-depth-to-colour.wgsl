// Depth registered to the colour camera, as librealsense's align block does it
// (src/proc/align.cpp): each depth pixel's corners (u -+ 0.5, v -+ 0.5) deprojected
// at its depth through the depth lens, moved by the extrinsics, projected through
// the colour lens and rounded as trunc(c + 0.5); every colour pixel of that
// rectangle takes the nearest depth. A rectangle with a corner outside the image,
// or wider than MAX_FOOTPRINT, is dropped. One thread per depth pixel.
//
// The nearest depth wins through atomicMin on the f32 bits: for positive finite
// floats the bit patterns order like the values, and the clear value, NAN_BITS
// (0x7fc00000), sorts above every one of them, so untouched pixels stay "no depth".
// lens.wgsl is prepended by src/gpu/lens-uniform.ts. Reference:
// src/core/align-depth.ts (float64; see e2e/kernel-align.spec.ts for the tolerance).

struct Params {
  depth_width: u32,
  depth_height: u32,
  colour_width: u32,
  colour_height: u32,
  depth_intr: vec4f,        // fx, fy, cx, cy
  colour_intr: vec4f,
  @align(16) depth_lens: Lens,
  @align(16) colour_lens: Lens,
  // Depth camera to colour camera, rows of the 3 x 4 [R | t].
  row0: vec4f,
  row1: vec4f,
  row2: vec4f,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> aligned: array<atomic<u32>>;
@group(0) @binding(2) var<storage, read> depth: array<u32>;

override WORKGROUP_SIZE: u32 = 8;
const MAX_FOOTPRINT: i32 = 32;

// Where depth-image point (u, v) at depth z lands in the colour image.
fn colour_pixel(uv: vec2f, z: f32) -> vec2f {
  let di = params.depth_intr;
  let n = undistort_normalised(params.depth_lens, (uv - di.zw) / di.xy);
  let p = vec4f(n * z, z, 1.0);
  let q = vec3f(dot(params.row0, p), dot(params.row1, p), dot(params.row2, p));
  let d = distort_normalised(params.colour_lens, q.xy / q.z);
  let ci = params.colour_intr;
  return d * ci.xy + ci.zw;
}

// Clears the output to "no depth"; one thread per colour pixel.
@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn clear(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.colour_width || gid.y >= params.colour_height) {
    return;
  }
  atomicStore(&aligned[gid.y * params.colour_width + gid.x], NAN_BITS);
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= params.depth_width || gid.y >= params.depth_height) {
    return;
  }
  let bits = depth[gid.y * params.depth_width + gid.x];
  let z = bitcast<f32>(bits);
  if (!is_finite_bits(bits) || !(z > 0.0)) {
    return;
  }
  let uv = vec2f(f32(gid.x), f32(gid.y));
  // f32 -> i32 conversion truncates towards zero, as C's static_cast<int> does.
  let p0 = vec2i(colour_pixel(uv - 0.5, z) + 0.5);
  let p1 = vec2i(colour_pixel(uv + 0.5, z) + 0.5);
  let size = vec2i(i32(params.colour_width), i32(params.colour_height));
  if (any(p0 < vec2i(0)) || any(p1 >= size) || any(p1 - p0 >= vec2i(MAX_FOOTPRINT))) {
    return;
  }
  for (var y = p0.y; y <= p1.y; y++) {
    for (var x = p0.x; x <= p1.x; x++) {
      atomicMin(&aligned[u32(y) * params.colour_width + u32(x)], bits);
    }
  }
}
