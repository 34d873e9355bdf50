/**
 * Scores a filtered depth map against ground truth: what the quality benchmark
 * (scripts/bench-quality.ts) prints and the chain's tests assert on. Pure.
 *
 * Errors are taken only where both maps have a depth, so a filter that drops
 * pixels is not rewarded by a lower RMSE alone: the valid fraction and the
 * holes it closed are reported beside it, and pixels a filter invented (holes
 * it filled) are scored apart from the ones it only smoothed.
 */

export interface DepthScore {
  /** Pixels where output and truth both have a depth. */
  scored: number;
  /** Root mean square and mean absolute error over them, metres. */
  rmse: number;
  mae: number;
  /** Mean of |error| / true depth: noise grows with depth, so this weighs near and far alike. */
  relMae: number;
  /** Valid output pixels / all pixels. */
  validFraction: number;
  /** Pixels that had a depth in the input too: the effect of smoothing alone. */
  rmseKept: number;
  /** Of the pixels with a true depth but none in the input, the share the output gives one. */
  holesClosed: number;
  /** Mean absolute error on those filled pixels, metres (NaN when none were filled). */
  filledMae: number;
  /**
   * The same two, per hole label (when labels are given, e.g. the synthetic
   * scene's holeCause): index = label; NaN where a label has no holes or no fills.
   */
  closedByLabel: number[];
  filledMaeByLabel: number[];
}

/**
 * `output` and `truth` share one grid; `input` is the unfiltered map on that grid
 * (for the kept/filled split). All are metres, NaN (or any non-finite) = no depth.
 * `holeLabels` (optional, same grid, small integers) splits the fill figures.
 */
export function scoreDepth(output: Float32Array, truth: Float32Array, input: Float32Array, holeLabels?: Uint8Array): DepthScore {
  if (output.length !== truth.length || input.length !== truth.length || (holeLabels && holeLabels.length !== truth.length)) {
    throw new RangeError(`scoreDepth: sizes differ (output ${output.length}, truth ${truth.length}, input ${input.length}).`);
  }
  const labelHoles: number[] = [];
  const labelFilled: number[] = [];
  const labelAbs: number[] = [];
  // Counts and sums over the scored pixels, those whose input was valid (kept) and the holes.
  const n = { scored: 0, sumSq: 0, sumAbs: 0, sumRel: 0, valid: 0, kept: 0, keptSq: 0, holes: 0, filled: 0, filledAbs: 0 };
  for (let i = 0; i < truth.length; i++) {
    const o = output[i];
    const t = truth[i];
    const oValid = Number.isFinite(o);
    if (oValid) n.valid++;
    if (!Number.isFinite(t)) continue;
    const inValid = Number.isFinite(input[i]);
    const label = holeLabels ? holeLabels[i] : 0;
    if (!inValid) {
      n.holes++;
      labelHoles[label] = (labelHoles[label] ?? 0) + 1;
    }
    if (!oValid) continue;
    const e = o - t;
    n.scored++;
    n.sumSq += e * e;
    n.sumAbs += Math.abs(e);
    n.sumRel += Math.abs(e) / Math.abs(t);
    if (inValid) {
      n.kept++;
      n.keptSq += e * e;
    } else {
      n.filled++;
      n.filledAbs += Math.abs(e);
      labelFilled[label] = (labelFilled[label] ?? 0) + 1;
      labelAbs[label] = (labelAbs[label] ?? 0) + Math.abs(e);
    }
  }
  return {
    scored: n.scored,
    rmse: Math.sqrt(n.sumSq / n.scored),
    mae: n.sumAbs / n.scored,
    relMae: n.sumRel / n.scored,
    validFraction: n.valid / truth.length,
    rmseKept: Math.sqrt(n.keptSq / n.kept),
    holesClosed: n.holes === 0 ? 0 : n.filled / n.holes,
    filledMae: n.filled === 0 ? Number.NaN : n.filledAbs / n.filled,
    closedByLabel: Array.from(labelHoles, (h, k) => (h ? (labelFilled[k] ?? 0) / h : Number.NaN)),
    filledMaeByLabel: Array.from(labelHoles, (h, k) => (labelFilled[k] ? labelAbs[k] / labelFilled[k] : Number.NaN)),
  };
}
