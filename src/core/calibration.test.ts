import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyCalibration, calibrateFromPoints, fitMedianScale, fitScaleShift, type CalibrationPoint } from './calibration';

const point = (value: number, depthM: number, x = 0, y = 0): CalibrationPoint => ({ x, y, value, depthM });

describe('fitScaleShift', () => {
  it('recovers a known scale and shift exactly on noise-free data', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 40 }),
        (scale, shift, ints) => {
          const pred = ints.map((i) => i / 10);
          const target = pred.map((p) => scale * p + shift);
          const fit = fitScaleShift(pred, target, true);
          expect(fit.scale).toBeCloseTo(scale, 8);
          expect(fit.shift).toBeCloseTo(shift, 6);
        },
      ),
    );
  });

  it('fits through the origin without a shift: Σpt / Σp²', () => {
    const fit = fitScaleShift([1, 2, 3], [2, 4.5, 5.5], false);
    expect(fit.shift).toBe(0);
    expect(fit.scale).toBeCloseTo((2 + 9 + 16.5) / 14, 12);
  });

  it('matches the closed-form least squares on a small noisy case', () => {
    // Fitted by hand: p = [0, 1, 2, 3], t = [1, 3, 4, 8]: slope = Σ(p-1.5)(t-4) / Σ(p-1.5)² = 11 / 5, shift = 4 - 2.2 * 1.5.
    const fit = fitScaleShift([0, 1, 2, 3], [1, 3, 4, 8], true);
    expect(fit.scale).toBeCloseTo(2.2, 12);
    expect(fit.shift).toBeCloseTo(0.7, 12);
  });

  it('stays accurate far from zero (centred sums)', () => {
    const pred = Array.from({ length: 1000 }, (_, i) => 1e6 + i * 1e-3);
    const fit = fitScaleShift(
      pred,
      pred.map((p) => 2 * p - 3),
      true,
    );
    expect(fit.scale).toBeCloseTo(2, 6);
  });

  it('ignores pairs with a non-finite member', () => {
    const fit = fitScaleShift([1, Number.NaN, 2, 3], [2, 5, Number.POSITIVE_INFINITY, 6], true);
    expect(fit.scale).toBeCloseTo(2, 12);
    expect(fit.shift).toBeCloseTo(0, 12);
  });

  it('throws a clear RangeError when underdetermined', () => {
    expect(() => fitScaleShift([1], [2], true)).toThrow(/at least 2/);
    expect(() => fitScaleShift([2, 2, 2], [1, 2, 3], true)).toThrow(RangeError);
    expect(() => fitScaleShift([2, 2, 2], [1, 2, 3], true)).toThrow(/same/);
    expect(() => fitScaleShift([0, 0], [1, 2], false)).toThrow(/0/);
    expect(() => fitScaleShift([], [], false)).toThrow(/no pair/);
    expect(() => fitScaleShift([Number.NaN, 1], [1, Number.NaN], false)).toThrow(RangeError);
    expect(() => fitScaleShift([1, 2], [1], true)).toThrow(/2 predicted values against 1/);
  });
});

describe('fitMedianScale', () => {
  it('is median(target) / median(pred), even counts averaging the middle pair', () => {
    expect(fitMedianScale([1, 2, 3], [10, 40, 20])).toBeCloseTo(10, 12);
    expect(fitMedianScale([1, 2, 3, 4], [2, 4, 6, 8])).toBeCloseTo(2, 12);
    expect(fitMedianScale([1, Number.NaN, 4], [3, 100, 12])).toBeCloseTo(7.5 / 2.5, 12);
  });

  it('throws on no valid pair or a zero median', () => {
    expect(() => fitMedianScale([], [])).toThrow(RangeError);
    expect(() => fitMedianScale([0, 0, 1], [1, 2, 3])).toThrow(/median predicted value is 0/);
  });
});

describe('calibrateFromPoints', () => {
  it('one point fixes the scale only, in depth space', () => {
    const cal = calibrateFromPoints([point(50, 2)], false);
    expect(cal).toMatchObject({ space: 'depth', shift: 0 });
    expect(cal.scale).toBeCloseTo(0.04, 15);
    expect(applyCalibration(50, cal)).toBeCloseTo(2, 12);
    expect(applyCalibration(100, cal)).toBeCloseTo(4, 12);
  });

  it('one point in inverse space: 1/z = s * v', () => {
    const cal = calibrateFromPoints([point(200, 2)], true);
    expect(cal.space).toBe('inverse');
    expect(cal.scale).toBeCloseTo(0.0025, 15);
    expect(applyCalibration(200, cal)).toBeCloseTo(2, 12);
    expect(applyCalibration(100, cal)).toBeCloseTo(4, 12); // half the disparity-like value: twice as far
  });

  it('two points give scale and shift that reproduce both', () => {
    const depth = calibrateFromPoints([point(10, 1), point(30, 5)], false);
    expect(depth.scale).toBeCloseTo(0.2, 12);
    expect(depth.shift).toBeCloseTo(-1, 12);
    const inverse = calibrateFromPoints([point(255, 0.5), point(55, 5)], true);
    expect(applyCalibration(255, inverse)).toBeCloseTo(0.5, 12);
    expect(applyCalibration(55, inverse)).toBeCloseTo(5, 12);
  });

  it('recovers an exact affine inverse depth from many points', () => {
    const s = 0.004;
    const t = 0.05;
    const pts = [10, 60, 120, 200, 250].map((v, i) => point(v, 1 / (s * v + t), i, i));
    const cal = calibrateFromPoints(pts, true);
    expect(cal.scale).toBeCloseTo(s, 12);
    expect(cal.shift).toBeCloseTo(t, 12);
    expect(cal.points).toEqual(pts);
    expect(cal.points[0]).not.toBe(pts[0]); // a copy: later edits to the input do not change it
  });

  it('refuses degenerate input with a message for the user', () => {
    expect(() => calibrateFromPoints([], true)).toThrow(/at least one point/);
    expect(() => calibrateFromPoints([point(7, 1), point(7, 2)], true)).toThrow(/same relative value/);
    expect(() => calibrateFromPoints([point(7, 0)], true)).toThrow(/positive number of metres/);
    expect(() => calibrateFromPoints([point(7, -1)], false)).toThrow(RangeError);
    expect(() => calibrateFromPoints([point(0, 2)], false)).toThrow(/relative value 0/);
    expect(() => calibrateFromPoints([point(Number.NaN, 2)], false)).toThrow(/no relative value/);
    // Larger value is farther here, which contradicts "larger is nearer".
    expect(() => calibrateFromPoints([point(10, 1), point(20, 2)], true)).toThrow(/larger values are farther/);
    expect(() => calibrateFromPoints([point(10, 2), point(20, 1)], false)).toThrow(/larger values are nearer/);
  });
});

describe('applyCalibration', () => {
  it('returns NaN when the result is not a positive finite depth', () => {
    const depth = { space: 'depth' as const, scale: 1, shift: -5, points: [] };
    expect(applyCalibration(4, depth)).toBeNaN();
    expect(applyCalibration(5, depth)).toBeNaN();
    expect(applyCalibration(6, depth)).toBe(1);
    const inverse = { space: 'inverse' as const, scale: 1, shift: 0, points: [] };
    expect(applyCalibration(0, inverse)).toBeNaN(); // 1/0
    expect(applyCalibration(-2, inverse)).toBeNaN();
    expect(applyCalibration(Number.NaN, inverse)).toBeNaN();
  });
});
