/**
 * Hole filling: gives invalid (NaN) pixels a depth taken from valid ones. In all three
 * fills VALID INPUT PIXELS ARE NEVER CHANGED, and a pixel that gets no value stays NaN.
 *
 * fillFromLeft: each row left -> right, an invalid pixel takes the nearest valid INPUT
 *   value to its left in the same row; none (hole at the left border) -> NaN.
 *   librealsense's "Fill from Left" (hole-filling-filter.h:54-73: in place, *p = *(p-1)
 *   from pixel 1, so a fill spreads through the whole hole). One GPU invocation per row.
 *
 * fillFromNeighbours: librealsense's "Farest from around" / "Nearest from around"
 *   (hole-filling-filter.h:75-159), in place, row by row from row 1 to h-2, pixel 1 to
 *   w-1 (the first and last rows and the first column are never filled). An empty pixel
 *   starts from its up neighbour and looks at up-left, left, down-left and down, which
 *   in that order are already written (up, up-left, left) or not yet (down-left, down):
 *   so fills spread down and right through whole holes.
 *   - 'farthest': the largest of the five (h:92-110; empty = 0 never wins);
 *   - 'nearest': the smallest non-empty one that is below up's value (h:135-153), so
 *     nothing is filled where up is empty (tmp stays 0: a librealsense rule).
 *   The values are the stage's own (librealsense does not flip in disparity: there its
 *   "farest" takes the largest disparity, the nearest surface; we do the same so that
 *   a chain means what it means in the Viewer). No depth is librealsense's 0: NaN,
 *   +-Infinity and +-0 are empty; an empty result is NaN. The GPU walks the anti-
 *   diagonals (each pixel's written neighbours lie on earlier ones).
 *
 * pushPullFill: a pyramid fill that closes holes of any shape up to a size set by levels.
 *   Push: level 0 = the input; level k+1 is ceil(w_k / 2) x ceil(h_k / 2), and its pixel
 *   (X, Y) is the mean (float64, then stored as float32) of the valid ones among level
 *   k's pixels (2X + i, 2Y + j), i, j in {0, 1}, that exist; NaN if none. levels = the
 *   number of coarser levels built (1..12); a level may reach 1 x 1 and then stays so.
 *   Pull: for k = levels - 1 down to 0, every invalid pixel (x, y) of level k takes the
 *   (already pulled) value of level k+1 at (x >> 1, y >> 1): nearest, not interpolated,
 *   so the result is deterministic and simple; it stays NaN if that value is NaN.
 *   Valid pixels of every level keep their own value. The result is level 0.
 *   Hence, exactly: an invalid pixel (x, y) receives the value of the smallest aligned
 *   block around it, of side 2^j (j = 1..levels, the pixels whose coordinates >> j
 *   equal its own, clipped to the image), that holds a valid input pixel; that value is
 *   the mean of means of the block's valid pixels (each level averages its valid
 *   children equally). It stays NaN only if its aligned 2^levels block has no valid
 *   input pixel. So a hole closes completely when no such block lies inside it: any
 *   hole narrower than 2^levels px in x or in y closes (except where it covers whole
 *   clipped blocks at the right/bottom border), and a hole containing a square of
 *   2^(levels+1) - 1 px never closes completely. Roughly: holes up to about 2^levels px
 *   across close. One GPU dispatch per level down, then one per level up.
 */
import { checkField, checkInteger, isValidDepth, withNaNHoles } from './depth-field';

export type NeighbourPick = 'farthest' | 'nearest';

export function fillFromLeft(depth: Float32Array, width: number, height: number): Float32Array {
  checkField(depth, width, height, 'fillFromLeft');
  const out = new Float32Array(depth.length);
  for (let y = 0; y < height; y++) {
    let lastValid = Number.NaN;
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const v = depth[i];
      if (isValidDepth(v)) lastValid = v;
      out[i] = isValidDepth(v) ? v : lastValid;
    }
  }
  return out;
}

export function fillFromNeighbours(depth: Float32Array, width: number, height: number, pick: NeighbourPick): Float32Array {
  checkField(depth, width, height, 'fillFromNeighbours');
  if (pick !== 'farthest' && pick !== 'nearest') {
    throw new RangeError(`fillFromNeighbours: pick must be 'farthest' or 'nearest', not ${String(pick)}.`);
  }
  const farthest = pick === 'farthest';
  const v = withNaNHoles(depth);
  // librealsense's working value: no depth is 0.
  const val = (i: number) => (Number.isFinite(v[i]) ? v[i] : 0);
  const empty = (i: number) => val(i) === 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width; x++) {
      const i = y * width + x;
      if (!empty(i)) continue;
      let tmp = val(i - width);
      for (const q of [i - width - 1, i - 1, i + width - 1, i + width]) {
        if (farthest ? val(q) > tmp : !empty(q) && val(q) < tmp) tmp = val(q);
      }
      v[i] = tmp === 0 ? Number.NaN : tmp;
    }
  }
  return v;
}

export const MAX_PUSH_PULL_LEVELS = 12;

interface Level {
  data: Float32Array;
  width: number;
  height: number;
}

export function pushPullFill(depth: Float32Array, width: number, height: number, levels: number): Float32Array {
  checkField(depth, width, height, 'pushPullFill');
  checkInteger(levels, 1, MAX_PUSH_PULL_LEVELS, 'The number of push-pull levels');
  const pyramid: Level[] = [{ data: withNaNHoles(depth), width, height }];
  for (let k = 0; k < levels; k++) pyramid.push(halve(pyramid[k]));
  for (let k = levels - 1; k >= 0; k--) {
    const fine = pyramid[k];
    const coarse = pyramid[k + 1];
    for (let y = 0; y < fine.height; y++) {
      for (let x = 0; x < fine.width; x++) {
        const i = y * fine.width + x;
        if (!isValidDepth(fine.data[i])) fine.data[i] = coarse.data[(y >> 1) * coarse.width + (x >> 1)];
      }
    }
  }
  return pyramid[0].data;
}

/** One push step: the mean of the valid children of each 2 x 2 block (partial at the right/bottom edge). */
function halve(level: Level): Level {
  const w = Math.ceil(level.width / 2);
  const h = Math.ceil(level.height / 2);
  const data = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      let n = 0;
      for (let j = 0; j < 2; j++) {
        const yy = 2 * y + j;
        if (yy >= level.height) continue;
        for (let i = 0; i < 2; i++) {
          const xx = 2 * x + i;
          if (xx >= level.width) continue;
          const v = level.data[yy * level.width + xx];
          if (isValidDepth(v)) {
            sum += v;
            n++;
          }
        }
      }
      data[y * w + x] = n > 0 ? sum / n : Number.NaN;
    }
  }
  return { data, width: w, height: h };
}
