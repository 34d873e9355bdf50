// Lens distortion on normalised coordinates, for the kernels that make geometry
// (prepended to them by src/gpu/lens-uniform.ts). The models and which side gets
// the polynomial are librealsense's (rs2_project_point_to_pixel,
// rs2_deproject_pixel_to_point); the reference is src/core/distortion.ts.

struct Lens {
  model: u32,   // 0: none, 1: Brown-Conrady (plumb_bob), 2: inverse Brown-Conrady
  k1: f32,
  k2: f32,
  p1: f32,
  p2: f32,
  k3: f32,
}

// librealsense's fixed count of undistortion steps.
const UNDISTORT_STEPS: u32 = 10u;

fn lens_radial(lens: Lens, r2: f32) -> f32 {
  return 1.0 + ((lens.k3 * r2 + lens.k2) * r2 + lens.k1) * r2;
}

// Undistorted -> distorted (the projection side). The inverse model's tangential
// terms use the radially scaled point (librealsense's "modified" form).
fn distort_normalised(lens: Lens, p: vec2f) -> vec2f {
  if (lens.model == 0u) {
    return p;
  }
  let r2 = dot(p, p);
  let f = lens_radial(lens, r2);
  let t = select(p, p * f, lens.model == 2u);
  return vec2f(
    p.x * f + 2.0 * lens.p1 * t.x * t.y + lens.p2 * (r2 + 2.0 * t.x * t.x),
    p.y * f + 2.0 * lens.p2 * t.x * t.y + lens.p1 * (r2 + 2.0 * t.y * t.y),
  );
}

// Distorted -> undistorted (the deprojection side): the fixed-point iteration that
// inverts distort_normalised, from the distorted point, UNDISTORT_STEPS times.
fn undistort_normalised(lens: Lens, d: vec2f) -> vec2f {
  if (lens.model == 0u) {
    return d;
  }
  var p = d;
  for (var i = 0u; i < UNDISTORT_STEPS; i++) {
    let r2 = p.x * p.x + p.y * p.y;
    let icdist = 1.0 / lens_radial(lens, r2);
    let t = select(p, p / icdist, lens.model == 2u);
    let delta = vec2f(
      2.0 * lens.p1 * t.x * t.y + lens.p2 * (r2 + 2.0 * t.x * t.x),
      2.0 * lens.p2 * t.x * t.y + lens.p1 * (r2 + 2.0 * t.y * t.y),
    );
    p = (d - delta) * icdist;
  }
  return p;
}
