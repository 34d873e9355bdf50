/**
 * Surface normals and depth-discontinuity mask from a depth field and pinhole
 * intrinsics (pixels, pixel centres at integer coordinates).
 *
 * normalsFromDepth: 3 floats per pixel (nx, ny, nz at 3 * i .. 3 * i + 2), camera
 *   frame x right, y DOWN, z forward (Open3D's create_from_depth_image convention):
 *     P(x, y) = ((x - cx) * z / fx, (y - cy) * z / fy, z),  z = depth at (x, y)
 *     n = normalize(cross(P(x+1, y) - P(x-1, y), P(x, y+1) - P(x, y-1)))
 *   (central differences). Then n is turned towards the camera: if dot(n, P(x, y)) > 0,
 *   n = -n (a surface seen from the camera faces it; a fronto-parallel plane gives
 *   (0, 0, -1)). The triple is NaN, NaN, NaN where the pixel is on the image border,
 *   where the centre or any of the 4 neighbours is invalid, or where the cross product
 *   has zero length (degenerate, e.g. all depths 0). At a depth edge the differences
 *   straddle the edge, so normals there are meaningless: mask them with
 *   discontinuityMask. Computed in float64, stored as float32.
 *
 * discontinuityMask: 1 where the pixel is valid and at least one valid 4-neighbour
 *   (inside the image) differs from it by MORE than relativeJump * min(the two depths),
 *   else 0 (invalid pixels are 0). Using the smaller depth of the pair makes the test
 *   symmetric, so an edge marks the pixels on BOTH of its sides (a line two pixels
 *   wide), and relative, because depth noise and the depth step between neighbouring
 *   pixels of a slanted surface both grow with depth.
 */
import { checkField, checkNumber, isValidDepth, type PinholeIntrinsics } from './depth-field';

export function normalsFromDepth(depth: Float32Array, width: number, height: number, intr: PinholeIntrinsics): Float32Array {
  checkField(depth, width, height, 'normalsFromDepth');
  const { fx, fy, cx, cy } = intr;
  if (![fx, fy, cx, cy].every(Number.isFinite) || fx === 0 || fy === 0) {
    throw new RangeError(`normalsFromDepth: the intrinsics must be finite with fx, fy != 0, not ${JSON.stringify(intr)}.`);
  }
  const out = new Float32Array(3 * depth.length).fill(Number.NaN);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const z = depth[i];
      const zl = depth[i - 1];
      const zr = depth[i + 1];
      const zu = depth[i - width];
      const zd = depth[i + width];
      if (!isValidDepth(z) || !isValidDepth(zl) || !isValidDepth(zr) || !isValidDepth(zu) || !isValidDepth(zd)) continue;
      // a = P(x+1, y) - P(x-1, y), b = P(x, y+1) - P(x, y-1)
      const ax = ((x + 1 - cx) * zr) / fx - ((x - 1 - cx) * zl) / fx;
      const ay = ((y - cy) * zr) / fy - ((y - cy) * zl) / fy;
      const az = zr - zl;
      const bx = ((x - cx) * zd) / fx - ((x - cx) * zu) / fx;
      const by = ((y + 1 - cy) * zd) / fy - ((y - 1 - cy) * zu) / fy;
      const bz = zd - zu;
      let nx = ay * bz - az * by;
      let ny = az * bx - ax * bz;
      let nz = ax * by - ay * bx;
      const len = Math.sqrt(nx * nx + ny * ny + nz * nz);
      if (!(len > 0) || !Number.isFinite(len)) continue;
      nx /= len;
      ny /= len;
      nz /= len;
      const px = ((x - cx) * z) / fx;
      const py = ((y - cy) * z) / fy;
      if (nx * px + ny * py + nz * z > 0) {
        nx = -nx;
        ny = -ny;
        nz = -nz;
      }
      out[3 * i] = nx;
      out[3 * i + 1] = ny;
      out[3 * i + 2] = nz;
    }
  }
  return out;
}

export function discontinuityMask(depth: Float32Array, width: number, height: number, relativeJump: number): Uint8Array {
  checkField(depth, width, height, 'discontinuityMask');
  checkNumber(relativeJump, 0, Number.POSITIVE_INFINITY, 'The relative jump');
  const mask = new Uint8Array(depth.length);
  const jumps = (a: number, b: number) => isValidDepth(b) && Math.abs(a - b) > relativeJump * Math.min(a, b);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const d = depth[i];
      if (!isValidDepth(d)) continue;
      if (
        (x > 0 && jumps(d, depth[i - 1])) ||
        (x + 1 < width && jumps(d, depth[i + 1])) ||
        (y > 0 && jumps(d, depth[i - width])) ||
        (y + 1 < height && jumps(d, depth[i + width]))
      ) {
        mask[i] = 1;
      }
    }
  }
  return mask;
}

/**
 * Edge rejection (the filter chain's 'edge-reject' stage): the pixels
 * discontinuityMask marks -- flying pixels, which a depth camera interpolates
 * between a foreground and a background surface -- become NaN (no depth); every
 * other value is kept as is. Relative jumps mean the same in depth and in inverse
 * depth (|a - b| / min(a, b) = |1/a - 1/b| / min(1/a, 1/b)), so it runs in either domain.
 */
export function rejectEdges(depth: Float32Array, width: number, height: number, relativeJump: number): Float32Array {
  const mask = discontinuityMask(depth, width, height, relativeJump);
  const out = Float32Array.from(depth);
  for (let i = 0; i < out.length; i++) if (mask[i]) out[i] = Number.NaN;
  return out;
}
