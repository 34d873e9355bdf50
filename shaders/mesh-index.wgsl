// Triangle indices of the depth mesh, written into the index buffer three.js
// draws with: the back-projected points form a columns x rows grid; each cell
// (c, r) gives two triangles (00, 01, 10) and (10, 01, 11) -- 6 indices at
// 6 * (r * (columns - 1) + c). A triangle with a vertex that has no point
// (w = 0: no depth, or cut at a depth discontinuity by backproject.wgsl) is
// written degenerate (three times its first index), so nothing is drawn there.
// Reference: meshIndices in src/core/backproject.ts. Integer work: exact.

struct Params {
  columns: u32,
  rows: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> points: array<vec4f>;
@group(0) @binding(2) var<storage, read_write> indices: array<u32>;

override WORKGROUP_SIZE: u32 = 8;

fn has_point(i: u32) -> bool {
  return points[i].w != 0.0;
}

fn triangle(at: u32, a: u32, b: u32, c: u32) {
  let keep = has_point(a) && has_point(b) && has_point(c);
  indices[at] = a;
  indices[at + 1u] = select(a, b, keep);
  indices[at + 2u] = select(a, c, keep);
}

@compute @workgroup_size(WORKGROUP_SIZE, WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x + 1u >= params.columns || gid.y + 1u >= params.rows) {
    return;
  }
  let i00 = gid.y * params.columns + gid.x;
  let i10 = i00 + 1u;
  let i01 = i00 + params.columns;
  let i11 = i01 + 1u;
  let at = 6u * (gid.y * (params.columns - 1u) + gid.x);
  triangle(at, i00, i01, i10);
  triangle(at + 3u, i10, i01, i11);
}
