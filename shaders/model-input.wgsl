// Model input: a camera frame (rgba8unorm texture) resized to the depth model's
// input size with bilinear interpolation (pixel centres aligned, edges clamped),
// rescaled and normalised per channel, written planar (NCHW) as the model's
// float32 `pixel_values`: what transformers.js's image processor computes on the CPU.
// The resized pixel is also written as RGBA8 (`colour`), the point cloud's colours.
// Reference: src/core/model-input.ts (modelInputReference).
//
// Exactness: texels are read back as their bytes (round(v · 255) undoes the unorm
// conversion exactly); each tap's position is split with integer arithmetic
// (bilinearTap), so only the weight rem / den is rounded; the lerps and the
// normalisation are f32. An identity resize reads every byte as is.

struct Params {
  src_size: vec2u,
  out_size: vec2u,
  mean: vec4f,
  std_dev: vec4f,
  rescale: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var frame: texture_2d<f32>;
@group(0) @binding(2) var<storage, read_write> pixel_values: array<f32>;
@group(0) @binding(3) var<storage, read_write> colour: array<u32>;

override WORKGROUP_SIZE: u32 = 8;

// Left tap (unclamped) and weight of the right one for output index o (bilinearTap).
fn tap(o: u32, src: u32, out: u32) -> vec2f {
  let num = i32((2u * o + 1u) * src) - i32(out);
  let den = i32(2u * out);
  var i0 = num / den; // truncates towards zero: floor for negative num below
  if (num < 0 && i0 * den != num) {
    i0 -= 1;
  }
  let rem = num - i0 * den;
  return vec2f(f32(i0), f32(rem) / f32(den));
}

fn texel(x: i32, y: i32) -> vec3f {
  let c = clamp(vec2i(x, y), vec2i(0), vec2i(params.src_size) - 1);
  return round(textureLoad(frame, c, 0).rgb * 255.0);
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let out = params.out_size;
  if (gid.x >= out.x || gid.y >= out.y) {
    return;
  }
  let tx = tap(gid.x, params.src_size.x, out.x);
  let ty = tap(gid.y, params.src_size.y, out.y);
  let x0 = i32(tx.x);
  let y0 = i32(ty.x);
  let a = texel(x0, y0);
  let b = texel(x0 + 1, y0);
  let c = texel(x0, y0 + 1);
  let d = texel(x0 + 1, y0 + 1);
  let top = a + tx.y * (b - a);
  let bottom = c + tx.y * (d - c);
  let v = top + ty.y * (bottom - top);
  let n = (v * params.rescale - params.mean.rgb) / params.std_dev.rgb;
  let plane = out.x * out.y;
  let i = gid.y * out.x + gid.x;
  pixel_values[i] = n.r;
  pixel_values[plane + i] = n.g;
  pixel_values[2u * plane + i] = n.b;
  colour[i] = pack4x8unorm(vec4f(v / 255.0, 1.0));
}
