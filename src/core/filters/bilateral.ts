/**
 * Bilateral filter for depth: smooths sensor noise on surfaces while keeping depth
 * edges, because samples at a very different depth get almost no weight.
 *
 * For each VALID centre c = (x, y) with depth dc, over every VALID sample q = (x+dx, y+dy)
 * with |dx|, |dy| <= radius inside the image (the (2r+1)^2 window clipped at the border;
 * the centre itself included):
 *
 *   w(q) = exp(-(dx^2 + dy^2) / (2 sigmaS^2)) * exp(-(dq - dc)^2 / (2 sigmaR^2))
 *   out  = sum(w * dq) / sum(w)
 *
 * sigmaS = sigmaSpatialPx (pixels). sigmaR = sigmaRange (metres) in 'absolute' mode, or
 * sigmaRange * |dc| in 'relative' mode (sensor noise grows with depth, so a fixed
 * fraction of the depth treats near and far alike; |dc| so that the rule is defined
 * for any valid value). The range factor is exactly 1 when dq == dc (the centre
 * included), and 0 when dq != dc and 2 sigmaR^2 is 0 (relative mode at dc = 0, or
 * underflow): its limit, computed without ever dividing 0 by 0.
 *
 * Invalid centre -> NaN; invalid samples get no weight. Holes are neither used nor
 * filled nor created: the centre always has weight 1, so sum(w) >= 1, and the output
 * is a convex combination of valid window samples, within their [min, max].
 *
 * Reference of the bilateral WGSL kernel (one invocation per pixel; it may tabulate the
 * spatial factor per (dx, dy) as here).
 */
import { checkField, checkInteger, checkNumber, isValidDepth } from './depth-field';
import { forValidInWindow } from './window';

export type RangeMode = 'absolute' | 'relative';

export interface BilateralParams {
  /** Window half-size in pixels, 1..8. */
  radius: number;
  /** Spatial Gaussian sigma in pixels, > 0. */
  sigmaSpatialPx: number;
  /** Range sigma: metres ('absolute') or a fraction of the centre depth ('relative'); > 0. */
  sigmaRange: number;
  rangeMode: RangeMode;
}

export const MAX_BILATERAL_RADIUS = 8;

export function bilateral(depth: Float32Array, width: number, height: number, p: BilateralParams): Float32Array {
  checkField(depth, width, height, 'bilateral');
  checkInteger(p.radius, 1, MAX_BILATERAL_RADIUS, 'The bilateral radius');
  checkNumber(p.sigmaSpatialPx, Number.MIN_VALUE, Number.MAX_VALUE, 'The spatial sigma (px)');
  checkNumber(p.sigmaRange, Number.MIN_VALUE, Number.MAX_VALUE, 'The range sigma');
  if (p.rangeMode !== 'absolute' && p.rangeMode !== 'relative') {
    throw new RangeError(`The range mode must be 'absolute' or 'relative', not ${String(p.rangeMode)}.`);
  }
  const r = p.radius;
  const side = 2 * r + 1;
  const spatial = new Float64Array(side * side);
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) {
      spatial[(dy + r) * side + (dx + r)] = Math.exp(-(dx * dx + dy * dy) / (2 * p.sigmaSpatialPx * p.sigmaSpatialPx));
    }
  }
  const relative = p.rangeMode === 'relative';
  const out = new Float32Array(depth.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const dc = depth[i];
      if (!isValidDepth(dc)) {
        out[i] = Number.NaN;
        continue;
      }
      const sigmaR = relative ? p.sigmaRange * Math.abs(dc) : p.sigmaRange;
      const twoSigmaR2 = 2 * sigmaR * sigmaR;
      let sumW = 0;
      let sumWd = 0;
      forValidInWindow(depth, width, height, { x, y, r }, isValidDepth, (dq, dx, dy) => {
        const diff = dq - dc;
        // diff === 0 first: with twoSigmaR2 === 0, 0 / 0 would be NaN.
        const range = diff === 0 ? 1 : twoSigmaR2 === 0 ? 0 : Math.exp(-(diff * diff) / twoSigmaR2);
        const w = spatial[(dy + r) * side + (dx + r)] * range;
        sumW += w;
        sumWd += w * dq;
      });
      out[i] = sumWd / sumW;
    }
  }
  return out;
}
