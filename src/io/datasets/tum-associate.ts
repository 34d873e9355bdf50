/**
 * Colour-to-depth association as TUM's associate.py does it (rgbd_benchmark_tools):
 * every pair (a, b) with |a - b| < max_difference is a candidate; candidates are
 * taken in order of increasing difference (ties by a, then b: Python's tuple
 * sort), each stamp used at most once. This greedy one-to-one matching differs
 * from nearest-neighbour: a colour frame nearest to two depth frames goes to the
 * closer one, and the other depth frame may take its second-nearest colour.
 */
import { DepthDecodeError } from '../../core/depth-image';

/** associate.py's default (seconds). */
export const TUM_MAX_DIFFERENCE_S = 0.02;

/** Candidates allowed (~100 MB of work at most): far beyond any real recording, reached only by stamps piled on one instant. */
const MAX_CANDIDATES = 4_000_000;

/**
 * For each depth stamp, the index of its associated colour stamp, or -1.
 * Both lists sorted ascending. Candidates are found by a sweep over the window
 * |a - b| < maxDiff, so the work is the number of candidates (small for real
 * recordings: a 20 ms window holds one or two frames at 30 Hz).
 */
export function associateStamps(depth: readonly number[], colour: readonly number[], maxDiff = TUM_MAX_DIFFERENCE_S): number[] {
  const candidates: { diff: number; d: number; c: number }[] = [];
  let start = 0;
  for (let d = 0; d < depth.length; d++) {
    const a = depth[d];
    // The window is twice as wide as needed so that rounding never hides a candidate; the test below is associate.py's.
    while (start < colour.length && colour[start] < a - 2 * maxDiff) start++;
    for (let c = start; c < colour.length && colour[c] <= a + 2 * maxDiff; c++) {
      const diff = Math.abs(a - colour[c]);
      if (diff < maxDiff) candidates.push({ diff, d, c });
      if (candidates.length > MAX_CANDIDATES) {
        throw new DepthDecodeError(`TUM: too many colour and depth stamps lie within ${maxDiff} s of each other to associate them (over ${MAX_CANDIDATES} pairs).`);
      }
    }
  }
  // `associate.py rgb.txt depth.txt` sorts (diff, rgb stamp, depth stamp) tuples: ties go to the earlier colour stamp.
  candidates.sort((x, y) => x.diff - y.diff || colour[x.c] - colour[y.c] || depth[x.d] - depth[y.d]);
  const out = new Array<number>(depth.length).fill(-1);
  const colourUsed = new Uint8Array(colour.length);
  for (const { d, c } of candidates) {
    if (out[d] !== -1 || colourUsed[c]) continue;
    out[d] = c;
    colourUsed[c] = 1;
  }
  return out;
}
