/**
 * Calibrating relative depth from clicked points: a scale (one point) or a scale
 * and shift (two or more), in depth or inverse depth, in float64.
 *
 * The fit itself is depth-alignment-fit.ts's, the same core the evaluation's
 * alignment of a prediction to a reference uses (depth-alignment.ts, and the GPU
 * sums of src/gpu/alignment-pass.ts), so a calibrated readout and an alignment
 * score can never disagree on what "fit" means.
 */
import { centredLineFitSums, lineFitSums, medianOf, scaleFromMedians, solveLineFit } from './depth-alignment-fit';

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

/** Whether pair i has both members finite (NaN is how depth fields mark "no depth"). */
function finitePair(pred: ArrayLike<number>, target: ArrayLike<number>): (i: number) => boolean {
  if (pred.length !== target.length) {
    throw new RangeError(`Cannot fit: ${pred.length} predicted values against ${target.length} target values.`);
  }
  return (i) => Number.isFinite(pred[i]) && Number.isFinite(target[i]);
}

/**
 * Least-squares fit of target ≈ scale * pred (+ shift), in float64.
 * withShift = false fits a line through the origin (scale only, shift = 0).
 * Pairs with a non-finite member are ignored. Throws a RangeError when the
 * problem is underdetermined: too few pairs, or pred with no spread to fit against.
 * The sums and their solution are depth-alignment-fit.ts's, shared with the
 * evaluation's alignment (CPU and GPU).
 */
export function fitScaleShift(
  pred: ArrayLike<number>,
  target: ArrayLike<number>,
  withShift: boolean,
): { scale: number; shift: number } {
  const bothFinite = finitePair(pred, target);
  // Through the origin the plain sums are exact enough (Σpt / Σp², no subtraction);
  // with a shift they are taken about the means.
  const sums = withShift ? centredLineFitSums(pred, target, bothFinite) : lineFitSums(pred, target, bothFinite);
  return solveLineFit(sums, withShift);
}

/**
 * The scale that matches medians: median(target) / median(pred), over pairs where
 * both are finite. The usual alignment for scale-ambiguous monocular predictions.
 */
export function fitMedianScale(pred: ArrayLike<number>, target: ArrayLike<number>): number {
  const bothFinite = finitePair(pred, target);
  const p: number[] = [];
  const t: number[] = [];
  for (let i = 0; i < pred.length; i++) {
    if (!bothFinite(i)) continue;
    p.push(pred[i]);
    t.push(target[i]);
  }
  return scaleFromMedians(medianOf(Float64Array.from(p)), medianOf(Float64Array.from(t)), p.length);
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
