/**
 * Alignment fits against independent float64 formulas written here, and
 * perturbations of the real frames that an alignment must undo exactly (up to
 * the float32 rounding of the stored perturbed map, bounded in each test).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alignedDepth, applyAlignment, fitAlignment, type Alignment } from './depth-alignment';
import { calibrateFromPoints } from './calibration';
import { depthMetrics, evaluateDepth } from './depth-metrics';
import { loadFrame, normals, perturbed, SAMPLE_FRAMES } from '../io/metrics-frame-fixtures';

const U = 2 ** -24;
const frames = SAMPLE_FRAMES.map(([name, file, scale]) => loadFrame(name, file, scale));
const tum = frames[0];

/** The valid pairs (both finite, > 0), gathered by hand. */
function pairs(pred: Float32Array, gt: Float32Array, predOk = (p: number) => Number.isFinite(p) && p > 0) {
  const P: number[] = [];
  const G: number[] = [];
  for (let i = 0; i < gt.length; i++) {
    if (Number.isFinite(gt[i]) && gt[i] > 0 && predOk(pred[i])) {
      P.push(pred[i]);
      G.push(gt[i]);
    }
  }
  return { P, G };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

describe('median scaling', () => {
  for (const frame of frames) {
    it(`${frame.name}: a prediction 2.5 times too far is scaled by median(g) / median(p) ≈ 0.4, and then scores ≈ 0`, () => {
      const pred = perturbed(frame, (g) => 2.5 * g);
      const a = fitAlignment({ pred, ref: frame.depth, width: frame.width, height: frame.height }, 'median', 'depth');
      const { P, G } = pairs(pred, frame.depth);
      expect(a).toMatchObject({ method: 'median', space: 'depth', shift: 0 });
      expect(a.scale).toBe(median(G) / median(P));
      // Storing 2.5 g in float32 is within 2.5 g u: the scale is 0.4 within 2u relative, and each
      // aligned pixel within 2 u of g (bounds used: 3 u).
      expect(Math.abs(a.scale - 0.4)).toBeLessThanOrEqual(0.4 * 3 * U);
      const m = depthMetrics({ pred, ref: frame.depth, width: frame.width, height: frame.height, settings: {}, alignment: a });
      expect(m.absRel).toBeLessThanOrEqual(3 * U);
      expect(m.delta1).toBe(1);
      // The bound can fail: without the alignment the same prediction is 150 % off.
      expect(depthMetrics({ pred, ref: frame.depth, width: frame.width, height: frame.height }).absRel).toBeGreaterThan(1.49);
    });
  }
});

describe('least-squares scale', () => {
  it('is Σpg / Σp² over the mask, on a noisy TUM prediction', () => {
    const noise = normals(tum.depth.length, 3);
    const pred = perturbed(tum, (g, i) => 0.8 * g * (1 + 0.05 * noise[i]));
    const a = fitAlignment({ pred, ref: tum.depth, width: 640, height: 480 }, 'lsq-scale', 'depth');
    const { P, G } = pairs(pred, tum.depth);
    const spg = P.reduce((s, p, k) => s + p * G[k], 0);
    const spp = P.reduce((s, p) => s + p * p, 0);
    // Two float64 sums of 3e5 positive terms in the same order: equal to ~n 2^-53.
    expect(Math.abs(a.scale - spg / spp)).toBeLessThanOrEqual(1e-10 * a.scale);
    expect(a.scale).toBeGreaterThan(1.2);
    expect(a.scale).toBeLessThan(1.3);
  });
});

describe('least-squares scale and shift in inverse depth (MiDaS protocol)', () => {
  const A = 0.37;
  const B = 0.05;
  for (const frame of frames) {
    it(`${frame.name}: an affine inverse depth q = ${A} / g + ${B} is undone exactly`, () => {
      const pred = perturbed(frame, (g) => A / g + B);
      const a = fitAlignment({ pred, ref: frame.depth, width: frame.width, height: frame.height }, 'lsq-scale-shift-inverse', 'inverse');
      expect(a.space).toBe('inverse');
      // 1 / g = q / A - B / A. q is stored in float32 (relative u), so the fitted line is
      // off by about u; the recovered depths are off by u (A / g + B) / (A / g) <= u (1 + B g / A)
      // relative, at most 1.6 u with these depths (g < 5 m); bound used: 3 u for the
      // depths and 1e-6 for the coefficients (an average of such errors).
      expect(Math.abs(a.scale - 1 / A)).toBeLessThanOrEqual(1e-6 / A);
      expect(Math.abs(a.shift + B / A)).toBeLessThanOrEqual(1e-6 / A);
      const m = depthMetrics({ pred, ref: frame.depth, width: frame.width, height: frame.height, settings: {}, alignment: a });
      expect(m.absRel).toBeLessThanOrEqual(3 * U * (1 + (B * 5) / A));
      expect(m.delta1).toBe(1);
      // Can fail: the same prediction with a 1e-5 larger shift is outside the bound.
      const off: Alignment = { ...a, shift: a.shift + 1e-5 };
      expect(depthMetrics({ pred, ref: frame.depth, width: frame.width, height: frame.height, settings: {}, alignment: off }).absRel).toBeGreaterThan(3 * U * (1 + (B * 5) / A));
    });
  }

  it('a depth-like prediction affine in inverse depth is taken to inverse depth first', () => {
    const pred = perturbed(tum, (g) => 1 / (A / g + B));
    const a = fitAlignment({ pred, ref: tum.depth, width: 640, height: 480 }, 'lsq-scale-shift-inverse', 'depth');
    expect(Math.abs(a.scale - 1 / A)).toBeLessThanOrEqual(1e-6 / A);
    expect(Math.abs(a.shift + B / A)).toBeLessThanOrEqual(1e-6 / A);
  });

  it('equals the closed-form least squares written here, on noise', () => {
    const noise = normals(tum.depth.length, 9);
    const pred = perturbed(tum, (g, i) => 2 / g + 0.1 + 0.02 * noise[i]);
    const a = fitAlignment({ pred, ref: tum.depth, width: 640, height: 480 }, 'lsq-scale-shift-inverse', 'inverse');
    const { P, G } = pairs(pred, tum.depth, Number.isFinite);
    const n = P.length;
    const Y = G.map((g) => 1 / g);
    const mx = P.reduce((s, v) => s + v, 0) / n;
    const my = Y.reduce((s, v) => s + v, 0) / n;
    const sxy = P.reduce((s, x, k) => s + (x - mx) * (Y[k] - my), 0);
    const sxx = P.reduce((s, x) => s + (x - mx) ** 2, 0);
    const scale = sxy / sxx;
    // Same formulas in another order: float64 agreement to ~n 2^-53 relative of the terms.
    expect(Math.abs(a.scale - scale)).toBeLessThanOrEqual(1e-9 * Math.abs(scale));
    expect(Math.abs(a.shift - (my - scale * mx))).toBeLessThanOrEqual(1e-9 * Math.abs(my));
  });
});

describe('the fit uses the evaluation mask only', () => {
  it('garbage outside the Eigen crop, or beyond the cap, does not move the fit', () => {
    const nyu = frames[1];
    // Inside the crop: 2.5 g. Outside: 10 g (which would pull a whole-image fit).
    const pred = perturbed(nyu, (g, i) => {
      const x = i % 640;
      const y = Math.floor(i / 640);
      return (x >= 41 && x < 601 && y >= 45 && y < 471 ? 2.5 : 10) * g;
    });
    for (const method of ['median', 'lsq-scale'] as const) {
      const a = fitAlignment({ pred, ref: nyu.depth, width: 640, height: 480, settings: { crop: 'eigen-nyu' } }, method, 'depth');
      expect(Math.abs(a.scale - 0.4), method).toBeLessThanOrEqual(0.4 * 3 * U);
      expect(Math.abs(fitAlignment({ pred, ref: nyu.depth, width: 640, height: 480 }, method, 'depth').scale - 0.4), method).toBeGreaterThan(0.01);
    }
    const capped = perturbed(nyu, (g) => (g < 3 ? 2.5 : 7) * g);
    const a = fitAlignment({ pred: capped, ref: nyu.depth, width: 640, height: 480, settings: { cap: { min: 0.001, max: 3 } } }, 'lsq-scale', 'depth');
    expect(Math.abs(a.scale - 0.4)).toBeLessThanOrEqual(0.4 * 3 * U);
  });
});

describe('one implementation with the point calibration', () => {
  // The same pixels as clicked points and as a mask (the prediction has no value elsewhere).
  // Each must have a reference depth (a click on a hole is refused by calibrateFromPoints but
  // silently left out by the mask), and they are listed in raster order, the order the mask
  // fit sums in, so both add the same terms in the same order and can agree to the bit.
  const picked = [[600, 50], [200, 110], [100, 200], [320, 240], [500, 400]].map(([x, y]) => y * 640 + x);
  const relative = perturbed(tum, (g) => 3 / g + 0.2);
  const onlyPicked = Float32Array.from(relative, (v, i) => (picked.includes(i) ? v : Number.NaN));
  const points = picked.map((i) => ({ x: i % 640, y: Math.floor(i / 640), value: relative[i], depthM: tum.depth[i] }));

  it('scale and shift in inverse depth: bit-identical to calibrateFromPoints on the same pixels', () => {
    expect(picked.every((i) => tum.depth[i] > 0 && Number.isFinite(relative[i]))).toBe(true);
    expect(picked).toEqual([...picked].sort((i, j) => i - j));
    const cal = calibrateFromPoints(points, true);
    const a = fitAlignment({ pred: onlyPicked, ref: tum.depth, width: 640, height: 480 }, 'lsq-scale-shift-inverse', 'inverse');
    expect([a.scale, a.shift]).toEqual([cal.scale, cal.shift]);
    // And a calibrated readout equals the aligned depth.
    expect(alignedDepth(relative[picked[1]], a)).toBe(1 / (cal.scale * relative[picked[1]] + cal.shift));
  });

  it('one point, scale only in depth: the same scale as lsq-scale on that pixel', () => {
    const i = picked[0];
    const one = Float32Array.from(tum.depth, (g, k) => (k === i ? 0.5 * g : Number.NaN));
    const cal = calibrateFromPoints([{ x: 100, y: 200, value: one[i], depthM: tum.depth[i] }], false);
    expect(fitAlignment({ pred: one, ref: tum.depth, width: 640, height: 480 }, 'lsq-scale', 'depth').scale).toBe(cal.scale);
  });
});

describe('applying an alignment', () => {
  it('inverse space: a non-positive fitted inverse depth is no depth, or the cap with one (MiDaS disparity cap)', () => {
    const a: Alignment = { method: 'lsq-scale-shift-inverse', space: 'inverse', scale: 1, shift: -0.5, prediction: 'inverse' };
    expect(Array.from(applyAlignment(Float32Array.of(2.5, 0.5, 0.25), a))).toEqual([0.5, NaN, NaN]);
    expect(Array.from(applyAlignment(Float32Array.of(2.5, 0.5, 0.25), a, { min: 0.1, max: 10 }))).toEqual([0.5, 10, 10]);
  });

  it('none keeps a depth prediction and inverts an inverse one; bad inputs are no depth', () => {
    const none = fitAlignment({ pred: Float32Array.of(2, 4), ref: Float32Array.of(1, 1), width: 2, height: 1 }, 'none', 'inverse');
    expect([none.scale, none.shift]).toEqual([1, 0]);
    expect(Array.from(applyAlignment(Float32Array.of(2, 4, 0, NaN), none))).toEqual([0.5, 0.25, NaN, NaN]);
    const depth = { ...none, prediction: 'depth' as const };
    expect(Array.from(applyAlignment(Float32Array.of(2, -1, Infinity), depth))).toEqual([2, NaN, NaN]);
  });

  it('evaluateDepth fits then scores: an affine inverse prediction evaluates as perfect', () => {
    const { alignment, metrics } = evaluateDepth({ pred: perturbed(tum, (g) => 0.9 / g + 0.3), ref: tum.depth, width: 640, height: 480, settings: {
      cap: { min: 0.001, max: 10 },
    } }, 'lsq-scale-shift-inverse', 'inverse');
    expect(alignment.scale).toBeGreaterThan(0);
    expect(metrics.delta1).toBe(1);
    expect(metrics.absRel).toBeLessThan(1e-6);
  });
});

describe('refusals', () => {
  it('nothing to fit, or no spread, is a RangeError with a message', () => {
    const nan = new Float32Array(4).fill(NaN);
    const ones = new Float32Array(4).fill(1);
    expect(() => fitAlignment({ pred: nan, ref: ones, width: 2, height: 2 }, 'median', 'depth')).toThrow(/no pair/);
    expect(() => fitAlignment({ pred: nan, ref: ones, width: 2, height: 2 }, 'lsq-scale', 'depth')).toThrow(/no pair/);
    expect(() => fitAlignment({ pred: ones, ref: Float32Array.of(1, 2, 3, 4), width: 2, height: 2 }, 'lsq-scale-shift-inverse', 'inverse')).toThrow(/same/);
    expect(() => fitAlignment({ pred: ones, ref: ones, width: 2, height: 1 }, 'median', 'depth')).toThrow(/2×1/);
  });

  it('any exact affine inverse depth is recovered (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: -0.05, max: 2, noNaN: true }), (s, t) => {
        const gt = Float32Array.from({ length: 64 }, (_, i) => 0.5 + (i % 13) * 0.37 + Math.floor(i / 13) * 0.11);
        const q = Float64Array.from(gt, (g) => (1 / g - t) / s); // 1 / g = s q + t
        const pred = Float32Array.from(q);
        const a = fitAlignment({ pred, ref: gt, width: 8, height: 8 }, 'lsq-scale-shift-inverse', 'inverse');
        // q rounded to float32 (relative u): the fit is within ~u (|s q| + |t|) / spread; 1e-5 relative is
        // ~100 times that for these ranges.
        expect(Math.abs(a.scale - s)).toBeLessThanOrEqual(1e-5 * s);
        expect(Math.abs(a.shift - t)).toBeLessThanOrEqual(1e-5 * (Math.abs(t) + 2));
      }),
    );
  });
});
