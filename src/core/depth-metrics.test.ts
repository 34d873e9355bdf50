/**
 * The metrics against an independent float64 computation written here (NumPy
 * style: gather the masked pairs, then one line per metric, SILog by a two-pass
 * variance), and against closed forms on the real frames of ../shared/samples
 * paired with perturbed copies.
 */
import { describe, expect, it } from 'vitest';
import { depthMetrics, metricsFromSums, resampleNearest, SILOG_VARIANT, type DepthMetrics } from './depth-metrics';
import { EVAL_CROPS, evaluationWindow } from './eval-crops';
import { loadFrame, normals, perturbed, SAMPLE_FRAMES, type Frame } from '../io/metrics-frame-fixtures';

const U = 2 ** -24; // float32 unit roundoff: storing a perturbed map in float32 moves each value by at most u relative

interface Mask {
  cap?: { min: number; max: number };
  /** [row0, row1, col0, col1), typed from the papers' code, not taken from the module. */
  rows?: [number, number];
  cols?: [number, number];
}

/** The metrics the way BTS / ZoeDepth's compute_errors write them, on the pairs gathered by `m`. */
function independentMetrics(pred: Float32Array, gt: Float32Array, width: number, m: Mask = {}): DepthMetrics {
  const P: number[] = [];
  const G: number[] = [];
  for (let i = 0; i < gt.length; i++) {
    const row = Math.floor(i / width);
    const col = i % width;
    if (m.rows && (row < m.rows[0] || row >= m.rows[1])) continue;
    if (m.cols && (col < m.cols[0] || col >= m.cols[1])) continue;
    const g = gt[i];
    const p = pred[i];
    if (!(Number.isFinite(g) && g > 0 && Number.isFinite(p) && p > 0)) continue;
    if (m.cap && !(g > m.cap.min && g < m.cap.max)) continue;
    P.push(m.cap ? Math.min(m.cap.max, Math.max(m.cap.min, p)) : p);
    G.push(g);
  }
  const mean = (f: (p: number, g: number) => number) => P.reduce((acc, p, k) => acc + f(p, G[k]), 0) / P.length;
  const thresh = (p: number, g: number) => Math.max(g / p, p / g);
  const err = P.map((p, k) => Math.log(p) - Math.log(G[k]));
  const errMean = err.reduce((a, b) => a + b, 0) / err.length;
  return {
    absRel: mean((p, g) => Math.abs(g - p) / g),
    sqRel: mean((p, g) => (g - p) ** 2 / g),
    rmse: Math.sqrt(mean((p, g) => (g - p) ** 2)),
    rmseLog: Math.sqrt(mean((p, g) => (Math.log(g) - Math.log(p)) ** 2)),
    log10: mean((p, g) => Math.abs(Math.log10(g) - Math.log10(p))),
    // Population variance by two passes: the same number as mean(d²) - mean(d)², computed another way.
    silog: 100 * Math.sqrt(err.reduce((a, d) => a + (d - errMean) ** 2, 0) / err.length),
    delta1: mean((p, g) => (thresh(p, g) < 1.25 ? 1 : 0)),
    delta2: mean((p, g) => (thresh(p, g) < 1.25 ** 2 ? 1 : 0)),
    delta3: mean((p, g) => (thresh(p, g) < 1.25 ** 3 ? 1 : 0)),
    count: P.length,
  };
}

/**
 * Module vs independent computation. Both are float64 sums of the same terms in a
 * different order or form: relative 1e-10 is ~10^6 times the rounding of 3e5 terms
 * (n 2^-53 ≈ 3e-11). SILog is the square root of mean(d²) - mean(d)², which cancels:
 * each mean is off by at most n 2^-53 mean(d²) in either computation, so the variances
 * differ by δ <= 4 n 2^-53 mean(d²), and |√a - √b| <= min(√δ, δ / √b).
 */
function expectSame(actual: DepthMetrics, expected: DepthMetrics, label: string) {
  expect(actual.count, label).toBe(expected.count);
  for (const k of ['absRel', 'sqRel', 'rmse', 'rmseLog', 'log10', 'delta1', 'delta2', 'delta3'] as const) {
    expect(Math.abs(actual[k] - expected[k]), `${label} ${k}`).toBeLessThanOrEqual(1e-10 * Math.abs(expected[k]) + 1e-300);
  }
  const varianceBound = 4 * expected.count * 2 ** -53 * expected.rmseLog ** 2;
  const stdBound = Math.min(Math.sqrt(varianceBound), varianceBound / (expected.silog / 100));
  expect(Math.abs(actual.silog - expected.silog), `${label} silog`).toBeLessThanOrEqual(100 * stdBound);
}

const frames: Frame[] = SAMPLE_FRAMES.map(([name, file, scale]) => loadFrame(name, file, scale));

function meanOfValid(a: Float32Array, f: (g: number) => number): number {
  let s = 0;
  let n = 0;
  for (const g of a) {
    if (!(g > 0 && g < Infinity)) continue;
    s += f(g);
    n++;
  }
  return s / n;
}

describe('metrics on real frames with perturbations known in closed form', () => {
  for (const frame of frames) {
    const { name, depth: gt, width, height } = frame;

    it(`${name}: a constant scale of 1.1 gives AbsRel 0.1, log errors ln 1.1, SILog 0 and δ1 = 1`, () => {
      const pred = perturbed(frame, (g) => 1.1 * g);
      const m = depthMetrics({ pred, ref: gt, width, height });
      expectSame(m, independentMetrics(pred, gt, width), name);
      expect(m.count).toBeGreaterThan(width * height * 0.3);
      // Storing 1.1 g in float32 moves it by at most 1.1 g u, so every |p - g| / g is 0.1 within 1.1 u.
      expect(Math.abs(m.absRel - 0.1)).toBeLessThanOrEqual(1.1 * U);
      // With p = 1.1 g (1 + ε): (p - g)² = 0.01 g² (1 + 22 ε + O(ε²)), so SqRel is 0.01 mean(g)
      // within 22 u relative and RMSE 0.1 sqrt(mean g²) within 11 u (bounds used: 30 u, 15 u).
      const sqRel = 0.01 * meanOfValid(gt, (g) => g);
      const rmse = 0.1 * Math.sqrt(meanOfValid(gt, (g) => g * g));
      expect(Math.abs(m.sqRel - sqRel)).toBeLessThanOrEqual(sqRel * 30 * U);
      expect(Math.abs(m.rmse - rmse)).toBeLessThanOrEqual(rmse * 15 * U);
      // ln(p / g) = ln 1.1 + ln(1 + ε), |ε| <= u.
      expect(Math.abs(m.rmseLog - Math.log(1.1))).toBeLessThanOrEqual(1.1 * U);
      expect(Math.abs(m.log10 - Math.log10(1.1))).toBeLessThanOrEqual(1.1 * U);
      // SILog is 100 x the standard deviation of d, which only rounding moves: at most 100 u from
      // the float32 storage, plus sqrt of the float64 cancellation (100 sqrt(n 2^-53 ln(1.1)²) < 6e-5).
      expect(m.silog).toBeLessThan(1e-4);
      expect([m.delta1, m.delta2, m.delta3]).toEqual([1, 1, 1]);
      // The bounds can fail: a scale one part in a million larger is outside every one of them.
      const off = depthMetrics({ pred: perturbed(frame, (g) => 1.1 * (1 + 1e-6) * g), ref: gt, width, height });
      expect(Math.abs(off.absRel - 0.1)).toBeGreaterThan(1.1 * U);
      expect(Math.abs(off.sqRel - sqRel)).toBeGreaterThan(sqRel * 30 * U);
      expect(Math.abs(off.rmse - rmse)).toBeGreaterThan(rmse * 15 * U);
      expect(Math.abs(off.rmseLog - Math.log(1.1))).toBeGreaterThan(1.1 * U);
      expect(Math.abs(off.log10 - Math.log10(1.1))).toBeGreaterThan(1.1 * U);
      expect(() => expectSame(off, independentMetrics(pred, gt, width), name)).toThrow();
      // SILog ignores a global scale; a scale 1e-5 larger on odd rows only is a spread of d of
      // 5e-6, SILog 5e-4: outside its bound.
      const uneven = perturbed(frame, (g, i) => 1.1 * (Math.floor(i / width) % 2 ? 1 + 1e-5 : 1) * g);
      expect(depthMetrics({ pred: uneven, ref: gt, width, height }).silog).toBeGreaterThan(1e-4);
    });

    it(`${name}: a constant scale of 1.3 fails δ1 everywhere and passes δ2 everywhere`, () => {
      const pred = perturbed(frame, (g) => 1.3 * g);
      const m = depthMetrics({ pred, ref: gt, width, height });
      expectSame(m, independentMetrics(pred, gt, width), name);
      expect(Math.abs(m.absRel - 0.3)).toBeLessThanOrEqual(1.3 * U);
      expect([m.delta1, m.delta2, m.delta3]).toEqual([0, 1, 1]);
      // Too near by the same factor: g / p = 1.3, AbsRel = 1 - 1 / 1.3, the same log errors.
      const near = depthMetrics({ pred: perturbed(frame, (g) => g / 1.3), ref: gt, width, height });
      expect(Math.abs(near.absRel - (1 - 1 / 1.3))).toBeLessThanOrEqual(U);
      expect(Math.abs(near.rmseLog - m.rmseLog)).toBeLessThanOrEqual(2 * U);
      expect([near.delta1, near.delta2, near.delta3]).toEqual([0, 1, 1]);
    });

    it(`${name}: a scale of 1.7 passes only δ3, and 2 passes none`, () => {
      expect(depthMetrics({ pred: perturbed(frame, (g) => 1.7 * g), ref: gt, width, height })).toMatchObject({ delta1: 0, delta2: 0, delta3: 1 });
      expect(depthMetrics({ pred: perturbed(frame, (g) => 2 * g), ref: gt, width, height })).toMatchObject({ delta1: 0, delta2: 0, delta3: 0, absRel: 1 });
    });

    it(`${name}: multiplicative noise and holes in the prediction: equal to the independent computation`, () => {
      const noise = normals(gt.length, 17);
      // 10% of the prediction has no depth: those pixels are not valid in both, so not scored.
      const pred = perturbed(frame, (g, i) => (noise[(i * 7) % noise.length] > 1.28 ? Number.NaN : g * Math.exp(0.25 * noise[i])));
      const m = depthMetrics({ pred, ref: gt, width, height });
      expectSame(m, independentMetrics(pred, gt, width), name);
      // The noise has σ = 0.25 in ln: SILog ≈ 25, RMSE(log) ≈ 0.25, and δ1 ≈ P(|N| < ln 1.25 / 0.25) = 0.63.
      expect(m.silog).toBeGreaterThan(23);
      expect(m.silog).toBeLessThan(27);
      expect(m.delta1).toBeGreaterThan(0.58);
      expect(m.delta1).toBeLessThan(0.68);
    });
  }
});

describe('evaluation mask: crops, region, cap', () => {
  const nyu = frames.find((f) => f.name === 'nyu')!;
  const noise = normals(nyu.depth.length, 5);
  const noisy = perturbed(nyu, (g, i) => g * Math.exp(0.2 * noise[i]));

  it('the Eigen crop evaluates rows 45..470 and columns 41..600 of a 640x480 map', () => {
    const ones = new Float32Array(640 * 480).fill(1);
    expect(depthMetrics({ pred: ones, ref: ones, width: 640, height: 480, settings: { crop: 'eigen-nyu' } }).count).toBe((471 - 45) * (601 - 41));
    const m = depthMetrics({ pred: noisy, ref: nyu.depth, width: 640, height: 480, settings: { crop: 'eigen-nyu' } });
    expectSame(m, independentMetrics(noisy, nyu.depth, 640, { rows: [45, 471], cols: [41, 601] }), 'nyu eigen');
    expect(m.count).toBeLessThan(depthMetrics({ pred: noisy, ref: nyu.depth, width: 640, height: 480 }).count);
    expect(EVAL_CROPS['eigen-nyu'].appliesTo(640, 480)).toBe(true);
    expect(EVAL_CROPS['eigen-nyu'].appliesTo(1242, 375)).toBe(false);
    expect(() => depthMetrics({ pred: ones.subarray(0, 320 * 480), ref: ones.subarray(0, 320 * 480), width: 320, height: 480, settings: { crop: 'eigen-nyu' } })).toThrow(/640×480/);
  });

  it('the Garg crop is Monodepth’s int(fraction × size) window: rows 153..370, columns 44..1196 at 1242x375', () => {
    expect(evaluationWindow(1242, 375, { crop: 'garg-kitti' })).toEqual({ x0: 44, y0: 153, x1: 1197, y1: 371 });
    const ones = new Float32Array(1242 * 375).fill(2);
    expect(depthMetrics({ pred: ones, ref: ones, width: 1242, height: 375, settings: { crop: 'garg-kitti' } }).count).toBe(218 * 1153);
    // On the NYU frame (fractions of its size, truncated): rows 195..475, columns 23..615.
    const m = depthMetrics({ pred: noisy, ref: nyu.depth, width: 640, height: 480, settings: { crop: 'garg-kitti' } });
    expectSame(m, independentMetrics(noisy, nyu.depth, 640, { rows: [195, 476], cols: [23, 616] }), 'nyu garg');
  });

  it('a region restricts the metrics to a rectangle, intersected with the crop', () => {
    const region = { x0: 20, y0: 100, x1: 300, y1: 250 };
    const m = depthMetrics({ pred: noisy, ref: nyu.depth, width: 640, height: 480, settings: { crop: 'eigen-nyu', region } });
    expectSame(m, independentMetrics(noisy, nyu.depth, 640, { rows: [100, 250], cols: [41, 300] }), 'nyu region');
    expect(depthMetrics({ pred: noisy, ref: nyu.depth, width: 640, height: 480, settings: { region: { x0: 700, y0: 0, x1: 800, y1: 10 } } }).count).toBe(0);
  });

  it('a cap keeps references strictly inside (min, max) and clamps predictions to [min, max]', () => {
    const cap = { min: 1e-3, max: 3 };
    const far = perturbed(nyu, (g) => 1.5 * g); // past 3 m for g > 2 m: clamped to 3
    const m = depthMetrics({ pred: far, ref: nyu.depth, width: 640, height: 480, settings: { cap } });
    expectSame(m, independentMetrics(far, nyu.depth, 640, { cap }), 'nyu cap');
    expect(m.count).toBe(Array.from(nyu.depth).filter((g) => g > 1e-3 && g < 3).length);
    expect(m.absRel).toBeLessThan(0.5 - 0.01); // clamping helped some pixels
    // A reference exactly at the cap is out: strict inequalities, as in the evaluation code.
    expect(depthMetrics({ pred: Float32Array.of(3, 2), ref: Float32Array.of(3, 2), width: 2, height: 1, settings: { cap } }).count).toBe(1);
  });

  it('nothing evaluated gives NaN metrics and a count of 0', () => {
    const none = metricsFromSums({ count: 0, absRel: 0, sqRel: 0, sqErr: 0, logSq: 0, log10Abs: 0, logSum: 0, delta1: 0, delta2: 0, delta3: 0 });
    expect(none.count).toBe(0);
    expect(none.absRel).toBeNaN();
    expect(none.silog).toBeNaN();
    expect(depthMetrics({ pred: Float32Array.of(NaN, 0, -1, 2), ref: Float32Array.of(1, 1, 1, Infinity), width: 4, height: 1 }).count).toBe(0);
  });

  it('states the SILog variant: λ = 1, natural log, × 100', () => {
    expect(SILOG_VARIANT).toMatch(/λ = 1/);
    // A 2-pixel case by hand: d = ln 2 and 0, mean(d²) - mean(d)² = (ln 2)² / 4.
    const m = depthMetrics({ pred: Float32Array.of(2, 1), ref: Float32Array.of(1, 1), width: 2, height: 1 });
    expect(m.silog).toBeCloseTo((100 * Math.log(2)) / 2, 12);
  });
});

describe('resampleNearest: the reference on the prediction grid', () => {
  const tum = frames.find((f) => f.name === 'tum')!;

  it('an enlarged reference (each pixel repeated 2x2) comes back exactly, and scores the same', () => {
    const big = new Float32Array(1280 * 960);
    for (let y = 0; y < 960; y++) for (let x = 0; x < 1280; x++) big[y * 1280 + x] = tum.depth[(y >> 1) * 640 + (x >> 1)];
    const back = resampleNearest(big, 1280, 960, 640, 480);
    expect(Array.from(back)).toEqual(Array.from(tum.depth));
    const pred = perturbed(tum, (g) => g * 1.05);
    expect(depthMetrics({ pred, ref: back, width: 640, height: 480 })).toEqual(depthMetrics({ pred, ref: tum.depth, width: 640, height: 480 }));
  });

  it('pixel centres align: 2x down takes the odd column and row, 3x up repeats each pixel three times', () => {
    const src = Float32Array.from({ length: 6 * 4 }, (_, i) => i);
    expect(Array.from(resampleNearest(src, 6, 4, 3, 2))).toEqual([7, 9, 11, 19, 21, 23]);
    const up = resampleNearest(Float32Array.of(1, 2), 2, 1, 6, 1);
    expect(Array.from(up)).toEqual([1, 1, 1, 2, 2, 2]);
    expect(() => resampleNearest(src, 5, 4, 2, 2)).toThrow(RangeError);
  });

  it('metrics refuse grids of different sizes (resampling is explicit)', () => {
    expect(() => depthMetrics({ pred: new Float32Array(4), ref: new Float32Array(6), width: 2, height: 2 })).toThrow(/resample/);
  });
});
