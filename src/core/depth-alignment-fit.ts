/**
 * The one least-squares and median core behind every scale/shift fit in the app:
 * calibrating relative depth from clicked points (calibration.ts), aligning a
 * prediction to a reference over a mask on the CPU (depth-alignment.ts), and the
 * same alignment from sums the GPU reduced (src/gpu/alignment-pass.ts). Each
 * gathers sums its own way; all solve them here, so they cannot disagree on what
 * "fit" means or on when a fit is refused.
 */

/**
 * Sufficient statistics of a straight-line fit y ≈ scale x + shift over n pairs,
 * taken about a centre (cx, cy): sx = Σ(x - cx), sy = Σ(y - cy), sxx = Σ(x - cx)²,
 * sxy = Σ(x - cx)(y - cy). With the centre at the means (a first pass) the sums
 * do not cancel catastrophically when values sit far from zero (depths around
 * 4 m with millimetre spread); with centre 0 they are the plain sums.
 */
export interface LineFitSums {
  n: number;
  cx: number;
  cy: number;
  sx: number;
  sy: number;
  sxx: number;
  sxy: number;
}

/** Accumulates LineFitSums in float64 over the pairs where `isFitted(i)` holds. */
export function lineFitSums(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  isFitted: (i: number) => boolean,
  cx = 0,
  cy = 0,
): LineFitSums {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    if (!isFitted(i)) continue;
    const dx = x[i] - cx;
    const dy = y[i] - cy;
    n++;
    sx += dx;
    sy += dy;
    sxx += dx * dx;
    sxy += dx * dy;
  }
  return { n, cx, cy, sx, sy, sxx, sxy };
}

/** Two passes: the means first, then the sums about them (the accurate form). */
export function centredLineFitSums(x: ArrayLike<number>, y: ArrayLike<number>, isFitted: (i: number) => boolean): LineFitSums {
  const plain = lineFitSums(x, y, isFitted);
  if (plain.n === 0) return plain;
  return lineFitSums(x, y, isFitted, plain.sx / plain.n, plain.sy / plain.n);
}

/**
 * Least squares y ≈ scale x + shift (withShift) or y ≈ scale x (through the origin,
 * shift 0) from the sums. Throws a RangeError when the problem is underdetermined:
 * too few pairs, or x with no spread (or all 0) to fit against.
 */
export function solveLineFit(s: LineFitSums, withShift: boolean): { scale: number; shift: number } {
  const { n, cx, cy, sx, sy, sxx, sxy } = s;
  // Σx² and Σxy about the origin, recovered from the centred sums.
  const sumXX = sxx + 2 * cx * sx + n * cx * cx;
  if (!withShift) {
    if (n < 1) throw new RangeError('Cannot fit a scale: there is no pair of finite values.');
    if (!(sumXX > 0)) throw new RangeError('Cannot fit a scale: every predicted value is 0.');
    const sumXY = sxy + cx * sy + cy * sx + n * cx * cy;
    return { scale: sumXY / sumXX, shift: 0 };
  }
  if (n < 2) throw new RangeError(`Cannot fit a scale and a shift from ${n} pair(s) of finite values; at least 2 are needed.`);
  // About the means: the centre's offset from the mean (sx / n) is removed exactly.
  const spreadXX = sxx - (sx * sx) / n;
  const spreadXY = sxy - (sx * sy) / n;
  // A spread below ~1e-10 of the values' size is rounding noise, not information.
  if (!(spreadXX > 1e-20 * sumXX)) {
    throw new RangeError('Cannot fit a scale and a shift: all predicted values are the same, so the slope is undetermined.');
  }
  const scale = spreadXY / spreadXX;
  const meanX = cx + sx / n;
  const meanY = cy + sy / n;
  return { scale, shift: meanY - scale * meanX };
}

/** The median of `values` (sorted copy; an even count averages the middle pair), NaN if empty. */
export function medianOf(values: Float64Array): number {
  if (values.length === 0) return Number.NaN;
  const s = values.slice().sort();
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Median scaling: the scale that matches medians, median(target) / median(pred).
 * The usual alignment of scale-ambiguous monocular predictions. Throws a RangeError
 * when there is nothing to fit or the result is not a finite number.
 */
export function scaleFromMedians(medianPred: number, medianTarget: number, count: number): number {
  if (count === 0) throw new RangeError('Cannot fit a median scale: there is no pair of finite values.');
  if (medianPred === 0) throw new RangeError('Cannot fit a median scale: the median predicted value is 0.');
  const scale = medianTarget / medianPred;
  if (!Number.isFinite(scale)) throw new RangeError('Cannot fit a median scale: the result is not finite.');
  return scale;
}
