/**
 * Hole filling: gives invalid (NaN) pixels a depth taken from valid ones. In both
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
 * Push-pull, the pyramid fill, is in ./push-pull.
 */
import { checkField, isValidDepth, withNaNHoles } from './depth-field';

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
