/**
 * Page side of e2e/kernel-alignment.spec.ts: the least-squares alignment fitted from
 * GPU sums (AlignmentPass, shaders/alignment-sums.wgsl) against fitAlignment
 * (float64) on the same frame and prediction (e2e/harness-metrics.ts makes both),
 * with a bound derived from the fit's own pairs (u = 2^-24):
 *
 * - Inputs: x = 1 / v or y = 1 / g is one f32 division (2.5 u relative): a co-moment
 *   C_ab = Σ (a - mean a)(b - mean b) moves by at most 2.5 u Σ |a| |b - mean b| for a
 *   rounded a (the shift of the mean cancels to first order).
 * - Merges: every pair goes through at most L = additionsPerTerm (src/gpu/reduction.ts:
 *   ROWS Welford updates in its thread, then the trees and merge levels) pairwise merges.
 *   Each merged mean is a rounded convex combination of its halves' (errors are
 *   averaged, not amplified): off by at most Δa = 3 L u max |a| in all. Chan's update
 *   C = C_a + C_b + da db f (da the difference of the halves' means, f = na nb / n) is an
 *   exact identity for the sums about the exact combination of the halves' computed
 *   means, and a sum of squared or crossed deviations is stationary in its centre, so
 *   the means' errors enter C only at second order (n Δa Δb per level). What remains is
 *   each merge's own rounding (3 operations and 2 additions, relative u each) on terms
 *   that sum in absolute value to at most Σ |da db f| <= sqrt(C_aa C_bb) (Cauchy-Schwarz,
 *   Σ da² f = C_aa): |ΔC_ab| <= 5 L u sqrt(C_aa C_bb) + L n Δa Δb.
 * - The fit, first order: scale = C_xy / C_xx (with shift) or Σxy / Σx² (through the
 *   origin, Σxy = C_xy + n mean x mean y); shift = mean y - scale mean x.
 */
import { AlignmentPass, type GpuAlignmentMethod } from '../src/gpu/alignment-pass';
import { additionsPerTerm } from '../src/gpu/reduction';
import { windowOf } from '../src/gpu/eval-uniform';
import { alignmentInput, alignmentSpace, fitMask, type Alignment, type PredictionKind } from '../src/core/depth-alignment';
import type { EvalSettings } from '../src/core/eval-crops';
import { onGpu, scenarioInput, type PredictionName } from './harness-metrics';

const U = 2 ** -24;

export interface AlignmentScenario {
  frame: string;
  prediction: PredictionName;
  kind: PredictionKind;
  method: GpuAlignmentMethod;
  settings: EvalSettings;
  /** Multiplies the prediction the GPU sees: the tests use it to show they can fail. */
  gpuPredictionFactor?: number;
}

export interface AlignmentComparison {
  gpu: { scale: number; shift: number; pairs: number };
  cpu: { scale: number; shift: number; pairs: number };
  bound: { scale: number; shift: number };
}

interface Pairs {
  x: Float64Array;
  y: Float64Array;
  roundedX: boolean;
  roundedY: boolean;
}

function sum(n: number, f: (i: number) => number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += f(i);
  return s;
}

function fitBound(p: Pairs, L: number, withShift: boolean, scale: number): { scale: number; shift: number } {
  const { x, y } = p;
  const n = x.length;
  const mx = sum(n, (i) => x[i]) / n;
  const my = sum(n, (i) => y[i]) / n;
  const cxx = sum(n, (i) => (x[i] - mx) ** 2);
  const cyy = sum(n, (i) => (y[i] - my) ** 2);
  const maxX = x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const maxY = y.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const dMx = (3 * L + (p.roundedX ? 2.5 : 0)) * U * maxX;
  const dMy = (3 * L + (p.roundedY ? 2.5 : 0)) * U * maxY;
  const merged = (caa: number, cbb: number, da: number, db: number) => 5 * L * U * Math.sqrt(caa * cbb) + L * n * da * db;
  const dCxx = (p.roundedX ? 2 * 2.5 * U * sum(n, (i) => Math.abs(x[i] * (x[i] - mx))) : 0) + merged(cxx, cxx, dMx, dMx);
  const dCxy =
    (p.roundedX ? 2.5 * U * sum(n, (i) => Math.abs(x[i] * (y[i] - my))) : 0) +
    (p.roundedY ? 2.5 * U * sum(n, (i) => Math.abs(y[i] * (x[i] - mx))) : 0) +
    merged(cxx, cyy, dMx, dMy);
  if (withShift) {
    const dScale = (dCxy + Math.abs(scale) * dCxx) / cxx;
    return { scale: dScale, shift: dMy + dScale * Math.abs(mx) + Math.abs(scale) * dMx };
  }
  const sxx = cxx + n * mx * mx;
  const dSxy = dCxy + n * (Math.abs(mx) * dMy + Math.abs(my) * dMx + dMx * dMy);
  const dSxx = dCxx + n * (2 * Math.abs(mx) * dMx + dMx * dMx);
  return { scale: (dSxy + Math.abs(scale) * dSxx) / sxx, shift: 0 };
}

/**
 * The alignment fitted from GPU sums alone (its RangeError, if any, propagates), and
 * the number of pairs the GPU's mask took (from the same pass's sums).
 */
export async function gpuFit(s: AlignmentScenario): Promise<Alignment & { pairs: number }> {
  const input = scenarioInput(s);
  const factor = s.gpuPredictionFactor;
  return onGpu({ ...input, pred: factor ? input.pred.map((v) => v * factor) : input.pred }, async (device, g) => {
    const pass = new AlignmentPass(device);
    try {
      const { n } = await pass.sums(g, alignmentSpace(s.method), s.kind);
      return { ...(await pass.fit(g, s.method, s.kind)), pairs: n };
    } finally {
      pass.destroy();
    }
  });
}

export async function compareAlignment(s: AlignmentScenario): Promise<AlignmentComparison> {
  const input = scenarioInput(s);
  const { pred, ref, alignment: cpu } = input;
  const gpu = await gpuFit(s);

  const space = alignmentSpace(s.method);
  const mask = fitMask(input, space, s.kind);
  const x: number[] = [];
  const y: number[] = [];
  mask.forEach((m, i) => {
    if (!m) return;
    x.push(alignmentInput(pred[i], space, s.kind));
    y.push(space === 'inverse' ? 1 / ref[i] : ref[i]);
  });
  const pairs = { x: Float64Array.from(x), y: Float64Array.from(y), roundedX: (space === 'inverse') !== (s.kind === 'inverse'), roundedY: space === 'inverse' };
  const bound = fitBound(pairs, additionsPerTerm(windowOf(input.width, input.height, s.settings).rect), s.method === 'lsq-scale-shift-inverse', cpu.scale);
  return { gpu: { scale: gpu.scale, shift: gpu.shift, pairs: gpu.pairs }, cpu: { scale: cpu.scale, shift: cpu.shift, pairs: x.length }, bound };
}
