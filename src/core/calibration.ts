/**
 * Scale-and-shift fitting between two depth-like quantities, in float64.
 *
 * One implementation serves two jobs: turning a relative-depth image into metres
 * from a few clicked points (calibrateFromPoints), and aligning a prediction to
 * ground truth over whole images (fitScaleShift / fitMedianScale). Keeping them
 * together means a calibrated readout and an alignment score can never disagree
 * on what "fit" means.
 */

/** A pixel the user clicked, the relative sample there, and the true depth they typed. */
export interface CalibrationPoint {
  x: number;
  y: number;
  /** The relative (unitless) sample at (x, y). */
  value: number;
  depthM: number;
}

/**
 * 'depth':   z   = scale * value + shift   (value grows with distance)
 * 'inverse': 1/z = scale * value + shift   (value grows as things get nearer,
 *            the convention of most monocular networks, which predict affine inverse depth)
 */
export interface Calibration {
  space: 'depth' | 'inverse';
  scale: number;
  shift: number;
  points: CalibrationPoint[];
}

/** Pairs where either side is non-finite are left out (NaN is how depth fields mark "no depth"). */
function finitePairs(pred: ArrayLike<number>, target: ArrayLike<number>): { p: Float64Array; t: Float64Array } {
  if (pred.length !== target.length) {
    throw new RangeError(`Cannot fit: ${pred.length} predicted values against ${target.length} target values.`);
  }
  let n = 0;
  for (let i = 0; i < pred.length; i++) if (Number.isFinite(pred[i]) && Number.isFinite(target[i])) n++;
  const p = new Float64Array(n);
  const t = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < pred.length; i++) {
    if (Number.isFinite(pred[i]) && Number.isFinite(target[i])) {
      p[k] = pred[i];
      t[k] = target[i];
      k++;
    }
  }
  return { p, t };
}

/**
 * Least-squares fit of target ≈ scale * pred (+ shift), in float64.
 * withShift = false fits a line through the origin (scale only, shift = 0).
 * Pairs with a non-finite member are ignored. Throws a RangeError when the
 * problem is underdetermined: too few pairs, or pred with no spread to fit against.
 */
export function fitScaleShift(
  pred: ArrayLike<number>,
  target: ArrayLike<number>,
  withShift: boolean,
): { scale: number; shift: number } {
  const { p, t } = finitePairs(pred, target);
  const n = p.length;
  if (!withShift) {
    if (n < 1) throw new RangeError('Cannot fit a scale: there is no pair of finite values.');
    let spp = 0;
    let spt = 0;
    for (let i = 0; i < n; i++) {
      spp += p[i] * p[i];
      spt += p[i] * t[i];
    }
    if (!(spp > 0)) throw new RangeError('Cannot fit a scale: every predicted value is 0.');
    return { scale: spt / spp, shift: 0 };
  }
  if (n < 2) throw new RangeError(`Cannot fit a scale and a shift from ${n} pair(s) of finite values; at least 2 are needed.`);
  // Centred sums: the textbook n*Σpt - ΣpΣt form cancels catastrophically when
  // values sit far from zero (e.g. depths around 4 m with millimetre spread).
  let mp = 0;
  let mt = 0;
  for (let i = 0; i < n; i++) {
    mp += p[i];
    mt += t[i];
  }
  mp /= n;
  mt /= n;
  let spp = 0;
  let spt = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const dp = p[i] - mp;
    spp += dp * dp;
    spt += dp * (t[i] - mt);
    sumSq += p[i] * p[i];
  }
  // A spread below ~1e-10 of the values' size is rounding noise, not information.
  if (!(spp > 1e-20 * sumSq)) {
    throw new RangeError('Cannot fit a scale and a shift: all predicted values are the same, so the slope is undetermined.');
  }
  const scale = spt / spp;
  return { scale, shift: mt - scale * mp };
}

function medianOf(values: Float64Array): number {
  const s = values.slice().sort();
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The scale that matches medians: median(target) / median(pred), over pairs where
 * both are finite. The usual alignment for scale-ambiguous monocular predictions.
 */
export function fitMedianScale(pred: ArrayLike<number>, target: ArrayLike<number>): number {
  const { p, t } = finitePairs(pred, target);
  if (p.length === 0) throw new RangeError('Cannot fit a median scale: there is no pair of finite values.');
  const mp = medianOf(p);
  if (mp === 0) throw new RangeError('Cannot fit a median scale: the median predicted value is 0.');
  const scale = medianOf(t) / mp;
  if (!Number.isFinite(scale)) throw new RangeError('Cannot fit a median scale: the result is not finite.');
  return scale;
}

/**
 * Fits a calibration to clicked points. One point fixes the scale only (shift 0);
 * two or more fit scale and shift. largerIsNearer fits in inverse depth.
 * Throws a RangeError with a message for the user when the points cannot define one.
 */
export function calibrateFromPoints(points: CalibrationPoint[], largerIsNearer: boolean): Calibration {
  if (points.length === 0) throw new RangeError('Calibration needs at least one point with a known depth.');
  for (const q of points) {
    if (!Number.isFinite(q.depthM) || q.depthM <= 0) {
      throw new RangeError(`Calibration point (${q.x}, ${q.y}): the depth must be a positive number of metres, not ${q.depthM}.`);
    }
    if (!Number.isFinite(q.value)) {
      throw new RangeError(`Calibration point (${q.x}, ${q.y}) has no relative value (the pixel has no depth).`);
    }
  }
  const space = largerIsNearer ? 'inverse' : 'depth';
  const values = points.map((q) => q.value);
  const targets = points.map((q) => (largerIsNearer ? 1 / q.depthM : q.depthM));
  if (points.length === 1 && values[0] === 0) {
    throw new RangeError('Calibration point has relative value 0, which no scale can map to a depth; pick another pixel.');
  }
  if (points.length >= 2 && values.every((v) => v === values[0])) {
    throw new RangeError(
      `All ${points.length} calibration points have the same relative value (${values[0]}); pick points at different depths.`,
    );
  }
  const { scale, shift } = fitScaleShift(values, targets, points.length >= 2);
  // A negative slope means the points contradict the "larger is nearer" setting;
  // keeping it would colour the image back to front, so say so instead.
  if (!(scale > 0)) {
    throw new RangeError(
      largerIsNearer
        ? 'These points say larger values are farther away; turn off "larger is nearer" or check the depths typed.'
        : 'These points say larger values are nearer; turn on "larger is nearer" or check the depths typed.',
    );
  }
  return { space, scale, shift, points: points.map((q) => ({ ...q })) };
}

/** Metres for one relative value, or NaN when the calibrated result is non-finite or <= 0. */
export function applyCalibration(value: number, cal: Calibration): number {
  const lin = cal.scale * value + cal.shift;
  const z = cal.space === 'inverse' ? 1 / lin : lin;
  return Number.isFinite(z) && z > 0 ? z : Number.NaN;
}
