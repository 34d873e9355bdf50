/**
 * A port of librealsense's spatial filter loops (src/proc/spatial-filter.h and
 * spatial-filter.cpp, IntelRealSense/librealsense at cacc8e701), working in place on a
 * Float32Array of "working" values: depth units (whole numbers) or floats, with
 * librealsense's "no depth" = 0. Every step is C++ float arithmetic, so each product,
 * sum and difference is rounded to f32 (Math.fround) as the compiled loops round them
 * (no fused multiply-add: x86-64 without -march builds have none). Line numbers cite
 * that commit; "h:" is spatial-filter.h, "cpp:" spatial-filter.cpp.
 *
 * Two code paths, chosen by librealsense from the frame type (cpp:170-173):
 * - depth frames: the template recursive_filter_horizontal/vertical<T> (h:59-218),
 *   T = uint16_t for Z16. `smoothDepthFrame` runs it with `quantize` = true (T =
 *   uint16_t) or false (the same template at T = float, our rule for float sources);
 * - disparity frames: recursive_filter_horizontal_fp/vertical_fp (cpp:241-498), then,
 *   if hole filling is on, intertial_holes_fill (h:49-53, 220-265): `smoothDisparityFrame`.
 * These loops are sequential along each row (horizontal passes) or each column
 * (vertical passes) and lines are independent, which is what the WGSL kernels use.
 */

const fr = Math.fround;

/** FLT_EPSILON: the template's validity threshold for float T (h:70). */
export const FLT_EPSILON = 2 ** -23;

export interface DepthTemplateRules {
  /** alpha as the C++ float it is (cpp:72-77). */
  alpha: number;
  /** delta_z = static_cast<T>(deltaZ) (h:71): a whole number for uint16_t. */
  deltaZ: number;
  /** _holes_filling_radius: 0 (off), 2, 4, 8, 16 or 255 = "unlimited" (cpp:135-153). */
  radius: number;
  /** T = uint16_t: add 0.5 and truncate every blend (h:68, h:97); false: T = float. */
  quantize: boolean;
}

/** The blend of the template, cast back to T (h:96-97, h:133-134, h:189-190, h:211-212). */
function blendT(cur: number, other: number, r: DepthTemplateRules): number {
  const filtered = fr(fr(cur * r.alpha) + fr(other * fr(1 - r.alpha)));
  // static_cast<uint16_t>(filtered + 0.5f): the sum is a float, the cast truncates.
  return r.quantize ? Math.trunc(fr(filtered + 0.5)) : filtered;
}

/** |a - b| as T (h:92, 129, 186, 208): exact for whole numbers, one f32 rounding for float. */
const absDiff = (a: number, b: number) => fr(Math.abs(a - b));

/** One iteration of the template on a depth frame: horizontal then vertical passes (h:44-45). */
export function smoothDepthFrame(v: Float32Array, width: number, height: number, r: DepthTemplateRules): void {
  const valid = r.quantize ? 1 : FLT_EPSILON; // valid_threshold (h:70)
  const [leftToRight, rightToLeft] = rowPasses(valid, r);
  for (let y = 0; y < height; y++) {
    depthRowPass(v, y * width, width, leftToRight, r);
    depthRowPass(v, y * width, width, rightToLeft, r);
  }
  for (let x = 0; x < width; x++) depthColumnTopToBottom(v, x, width, height, r);
  for (let x = 0; x < width; x++) depthColumnBottomToTop(v, x, width, height, valid, r);
}

/**
 * What one horizontal pass of the template tests. The two passes differ in
 * librealsense, and the port keeps each rule (h:78-150):
 * - left to right (h:78-113): val0 is the previous OUTPUT; pixels 1 .. width-2 are
 *   visited (the loop stops at u < width - 1, so the last pixel is never written
 *   here). A blend needs both valid (|v| >= threshold) and 1 <= |diff| <= delta (h:94).
 * - right to left (h:115-150): from pixel width-2 down to 0. The previous output must
 *   be >= threshold but the pixel > threshold (h:124, h:126; a depth of exactly 1 unit
 *   counts as a hole here), and the blend needs only |diff| <= delta (h:131).
 * Both: a hole after a valid pixel is filled with it while ++cur_fill < radius, i.e.
 * up to radius - 1 px (h:103-107, 140-144); cur_fill restarts only on a valid pair
 * (h:91) or a new row (h:81); a valid pixel after an invalid one is kept as it is
 * (nothing happens when the previous one is invalid): a restart.
 */
interface RowPass {
  fromLeft: boolean;
  previousValid: (value: number) => boolean;
  valid: (value: number) => boolean;
  blends: (diff: number) => boolean;
}

function rowPasses(valid: number, r: DepthTemplateRules): RowPass[] {
  return [
    { fromLeft: true, previousValid: (x) => Math.abs(x) >= valid, valid: (x) => Math.abs(x) >= valid, blends: (d) => d >= valid && d <= r.deltaZ },
    { fromLeft: false, previousValid: (x) => x >= valid, valid: (x) => x > valid, blends: (d) => d <= r.deltaZ },
  ];
}

function depthRowPass(v: Float32Array, row: number, width: number, pass: RowPass, r: DepthTemplateRules): void {
  const step = pass.fromLeft ? 1 : -1;
  const first = pass.fromLeft ? 0 : width - 1;
  const visited = pass.fromLeft ? width - 2 : width - 1;
  let previous = v[row + first];
  let curFill = 0;
  for (let k = 1; k <= visited; k++) {
    const at = row + first + step * k;
    let value = v[at];
    if (pass.previousValid(previous)) {
      if (pass.valid(value)) {
        curFill = 0;
        if (pass.blends(absDiff(value, previous))) {
          value = blendT(value, previous, r);
          v[at] = value;
        }
      } else if (r.radius && ++curFill < r.radius) {
        v[at] = value = previous;
      }
    }
    previous = value;
  }
}

/**
 * h:172-195. Row by row from the top, each pixel against the (already written) pixel
 * above it, with NO validity test (h:184 is commented out): |diff| < delta (strict,
 * h:187) blends, so a hole next to a depth below delta takes a value.
 */
function depthColumnTopToBottom(v: Float32Array, x: number, width: number, height: number, r: DepthTemplateRules): void {
  for (let y = 1; y < height; y++) {
    const im0 = v[(y - 1) * width + x];
    const imw = v[y * width + x];
    if (absDiff(im0, imw) < r.deltaZ) v[y * width + x] = blendT(imw, im0, r);
  }
}

/** h:197-217. From row height-2 up, each pixel against the one below; both valid, |diff| < delta. */
function depthColumnBottomToTop(v: Float32Array, x: number, width: number, height: number, valid: number, r: DepthTemplateRules): void {
  for (let y = height - 2; y >= 0; y--) {
    const im0 = v[y * width + x];
    const imw = v[(y + 1) * width + x];
    if (Math.abs(im0) >= valid && Math.abs(imw) >= valid && absDiff(im0, imw) < r.deltaZ) v[y * width + x] = blendT(im0, imw, r);
  }
}

/** The _fp loops' validity: the float's bits, read as a signed int, are > 0 (cpp:256, 262, 296): a positive value. */
const validFp = (x: number) => x > 0;

/**
 * One line of recursive_filter_horizontal_fp / vertical_fp (cpp:247-366, 377-497), over
 * v[start + k * step], k = 0 .. count-1. A state machine:
 * - valid state: a valid input is compared with the previous INPUT (previousInnovation,
 *   cpp:263, 276), |d| < delta strictly (cpp:264); if close it is blended with the
 *   previous OUTPUT (state) and written (cpp:267-268), else it is kept and becomes the
 *   state (cpp:271). An invalid input switches to the invalid state (cpp:280-287).
 * - invalid state: the next valid input restarts: it is both state and previous input,
 *   kept as it is (cpp:296-300).
 * The goto loops count u down from count-1 and stop before examining the last pixel in
 * the invalid state, where examining would change nothing: the outputs are the same.
 */
function disparityLine(v: Float32Array, start: number, step: number, count: number, alpha: number, deltaZ: number): void {
  if (count < 2) return;
  let state = v[start];
  let previous = state;
  let inValid = validFp(state);
  const oneMinus = fr(1 - alpha);
  for (let k = 1; k < count; k++) {
    const i = start + k * step;
    const innovation = v[i];
    if (inValid) {
      if (validFp(innovation)) {
        const d = fr(previous - innovation);
        if (d < deltaZ && d > -deltaZ) v[i] = state = fr(fr(innovation * alpha) + fr(state * oneMinus));
        else state = innovation;
        previous = innovation;
      } else {
        inValid = false;
      }
    } else if (validFp(innovation)) {
      previous = state = innovation;
      inValid = true;
    }
  }
}

/** One iteration on a disparity frame (h:37-41): every row both ways, then every column both ways. */
export function smoothDisparityFrame(v: Float32Array, width: number, height: number, alpha: number, deltaZ: number): void {
  for (let y = 0; y < height; y++) {
    disparityLine(v, y * width, 1, width, alpha, deltaZ); // cpp:248-307
    disparityLine(v, y * width + width - 1, -1, width, alpha, deltaZ); // cpp:310-364
  }
  for (let x = 0; x < width; x++) {
    disparityLine(v, x, width, height, alpha, deltaZ); // cpp:379-438
    disparityLine(v, x + (height - 1) * width, -width, height, alpha, deltaZ); // cpp:440-495
  }
}

/**
 * intertial_holes_fill (h:220-265), run once after all iterations on disparity frames
 * when hole filling is on. Per row: left to right from pixel 1, an empty pixel (bits
 * all zero, h:223) takes its left neighbour's value while ++cur_fill < radius; any
 * non-empty pixel restarts the count (h:236-247). Then right to left from pixel
 * width-1 down to pixel 1, from the right neighbour (h:249-262). At pixel width-1 the
 * right neighbour is *(p + 1), the NEXT row's first pixel (never written by this
 * fill, so the order of rows does not matter); past the last row librealsense reads
 * beyond the frame, which we take as empty.
 */
export function inertialHolesFill(v: Float32Array, width: number, height: number, radius: number): void {
  const n = width * height;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let curFill = 0;
    for (let x = 1; x < width; x++) {
      if (v[row + x] === 0) {
        if (++curFill < radius) v[row + x] = v[row + x - 1];
      } else curFill = 0;
    }
    curFill = 0;
    for (let x = width - 1; x >= 1; x--) {
      if (v[row + x] === 0) {
        const right = row + x + 1 < n ? v[row + x + 1] : 0;
        if (++curFill < radius) v[row + x] = right;
      } else curFill = 0;
    }
  }
}
