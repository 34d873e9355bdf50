/**
 * The depth-filter stages (src/gpu/stages) next to their CPU references, for the
 * kernel tests and the filter benchmarks: each entry builds the stage and its
 * parameters from a list of numbers, runs the reference, and says how far the GPU
 * may be from it at each pixel (no entry: bit for bit). Tolerances are derived here
 * and in e2e/kernel-*.spec.ts.
 */
import type { GpuStage } from '../src/gpu/gpu-stage';
import {
  bilateralStage,
  decimateStage,
  fillFromLeftStage,
  fillFromNeighboursStage,
  disparityStage,
  inverseDepthStage,
  medianStage,
  pushPullStage,
  spatialStage,
  thresholdStage,
} from '../src/gpu/stages';
import { threshold } from '../src/core/filters/threshold';
import { median } from '../src/core/filters/median';
import { bilateral } from '../src/core/filters/bilateral';
import { decimate, type DecimationVariant } from '../src/core/filters/decimate';
import { toInverseDepth } from '../src/core/filters/disparity';
import { depthToDisparity, disparityToDepth, type StereoDisparity } from '../src/core/filters/disparity-librealsense';
import { fillFromLeft, fillFromNeighbours } from '../src/core/filters/hole-fill';
import { pushPullFill, type PushPullOptions } from '../src/core/filters/push-pull';
import { spatialFilter, type SpatialFilterParams, type SpatialHoleFill, type SpatialVariant } from '../src/core/filters/spatial-domain-transform';

export interface DepthCase {
  depth: Float32Array;
  width: number;
  height: number;
}

/** f32 unit roundoff: the relative error of one correctly rounded f32 operation. */
export const U = 2 ** -24;

interface KernelEntry<P> {
  make: (device: GPUDevice) => GpuStage<P>;
  params: (args: number[]) => P;
  reference: (c: DepthCase, args: number[]) => DepthCase;
  /** Allowed |gpu - cpu| per pixel of the output; absent: bit-identical. */
  tolerance?: (c: DepthCase, args: number[], cpu: DepthCase) => (i: number) => number;
}

// Erases the parameter type: each entry pairs its factory with its own params().
const entry = <P>(e: KernelEntry<P>) => e as unknown as KernelEntry<unknown>;

/** The bilateral stage in one range mode, args [radius, sigmaSpatialPx, sigmaRange], within bilateralBound. */
const bilateralEntry = (rangeMode: 'absolute' | 'relative') =>
  entry({
    make: bilateralStage,
    params: ([radius, sigmaSpatialPx, sigmaRange]) => ({ radius, sigmaSpatialPx, sigmaRange, rangeMode }),
    reference: (c, [radius, sigmaSpatialPx, sigmaRange]) => same(c, bilateral(c.depth, c.width, c.height, { radius, sigmaSpatialPx, sigmaRange, rangeMode })),
    tolerance: (_c, [r], cpu) => (i) => bilateralBound(r) * Math.abs(cpu.depth[i]),
  });
const same = (c: DepthCase, depth: Float32Array): DepthCase => ({ depth, width: c.width, height: c.height });

export const KERNELS = {
  threshold: entry({
    make: thresholdStage,
    params: ([lo, hi]) => ({ lo, hi }),
    reference: (c, [lo, hi]) => same(c, threshold(c.depth, lo, hi)),
  }),
  median3: entry({ make: medianStage, params: () => ({ size: 3 }), reference: (c) => same(c, median(c.depth, c.width, c.height, 1)) }),
  median5: entry({ make: medianStage, params: () => ({ size: 5 }), reference: (c) => same(c, median(c.depth, c.width, c.height, 2)) }),
  'bilateral-abs': bilateralEntry('absolute'),
  'bilateral-rel': bilateralEntry('relative'),
  'fill-farthest': entry({
    make: fillFromNeighboursStage,
    params: () => ({ pick: 'farthest' as const }),
    reference: (c) => same(c, fillFromNeighbours(c.depth, c.width, c.height, 'farthest')),
  }),
  'fill-nearest': entry({
    make: fillFromNeighboursStage,
    params: () => ({ pick: 'nearest' as const }),
    reference: (c) => same(c, fillFromNeighbours(c.depth, c.width, c.height, 'nearest')),
  }),
  'fill-left': entry({ make: fillFromLeftStage, params: () => ({}), reference: (c) => same(c, fillFromLeft(c.depth, c.width, c.height)) }),
  decimate: entry({
    make: decimateStage,
    // [factor, metres per unit (absent or 0: float)]
    params: ([factor, unitM]) => ({ factor, variant: decimationArg(unitM) }),
    reference: (c, [factor, unitM]) => decimate(c.depth, c.width, c.height, factor, decimationArg(unitM)),
    tolerance: (c, [factor, unitM]) => {
      // Medians select and the units mean is integer arithmetic: exact. The float mean of
      // n <= 64 samples: the f32 sum errs by at most (n - 1) u sum|v|, the division (WGSL:
      // 2.5 ulp) by 5 u |mean|, the reference rounds once (0.5 u): within 70 u mean|v|.
      if (factor <= 3 || unitM) return () => 0;
      const magnitude = decimate(c.depth.map(Math.abs), c.width, c.height, factor).depth;
      return (i) => 70 * U * magnitude[i];
    },
  }),
  'inverse-depth': entry({ make: inverseDepthStage, params: () => ({}), reference: (c) => same(c, toInverseDepth(c.depth)) }),
  // librealsense's disparity: [factor (an f32), metres per unit (0: a float source)]. Exact:
  // the kernel divides by integer long division, correctly rounded as the reference's f32 quotient.
  'disparity-to': entry({
    make: disparityStage,
    params: (args) => ({ kind: 'to-disparity' as const, stereo: stereoArg(args) }),
    reference: (c, args) => same(c, depthToDisparity(c.depth, stereoArg(args))),
  }),
  'disparity-back': entry({
    make: disparityStage,
    params: (args) => ({ kind: 'to-depth' as const, stereo: stereoArg(args) }),
    reference: (c, args) => same(c, disparityToDepth(c.depth, stereoArg(args))),
  }),
  'push-pull': entry({
    make: pushPullStage,
    // [levels, edge-aware (1) or not (0), inverse depth (1) or depth (0)]
    params: (args) => ({ levels: args[0], ...pushPullArgs(args) }),
    reference: (c, args) => same(c, pushPullFill(c.depth, c.width, c.height, args[0], pushPullArgs(args))),
    tolerance: (c, [levels]) => {
      const bound = pushPullBound(levels) * maxMagnitude(c.depth);
      return () => bound;
    },
  }),
  spatial: entry({
    make: spatialStage,
    params: (args) => ({ ...spatialArgs(args), variant: spatialVariantArg(args) }),
    reference: (c, args) => same(c, spatialFilter(c.depth, c.width, c.height, spatialArgs(args), spatialVariantArg(args))),
    // No tolerance: the reference is librealsense's C++ float arithmetic, op for op, which
    // WGSL's correctly rounded f32 +, -, * reproduce; units are whole numbers.
  }),
};

/**
 * Spatial filter arguments: [alpha, delta, iterations, hole fill radius (0, 2, 4, 8, 16,
 * 255 = unlimited), variant (0 units, 1 float depth, 2 disparity), metres per unit].
 */
function spatialArgs([alpha, delta, iterations, radius]: number[]): SpatialFilterParams {
  return { alpha, delta, iterations, holeFill: radius === 255 ? 'unlimited' : (radius as SpatialHoleFill) };
}
function spatialVariantArg(args: number[]): SpatialVariant {
  const kind = args[4] ?? 1;
  if (kind === 0) return { kind: 'units', unitM: args[5] };
  return kind === 2 ? { kind: 'disparity' } : { kind: 'float' };
}

function stereoArg([factor, unitM]: number[]): StereoDisparity {
  return { factor: Math.fround(factor), unitM: unitM ? unitM : null };
}

function pushPullArgs([, edge, inverse]: number[]): PushPullOptions {
  return { fill: edge ? 'edge' : 'blend', inverse: inverse === 1 };
}

function maxMagnitude(depth: Float32Array): number {
  return depth.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0);
}

/**
 * Push-pull: |gpu - cpu| <= pushPullBound(levels) * M, M the largest |input value|. Every
 * value is a weighted mean (a convex combination) of inputs, so |values| <= M, any two
 * differ by <= 2M, and errors already in the candidates pass through a mean unchanged.
 * WGSL: +, -, * correctly rounded (u each), / within 2.5 ulp (5u); the reference rounds
 * each stored value once (0.5u). Which candidates count is exact (weights > 0 and keys
 * compared through correctly rounded products), and push weights are whole counts.
 * - Push, per level: 4 products and 3 sums (4u of the weighted mean of |v|), the division
 *   (5u), the reference's rounding: 9.5u M; after L levels 9.5 L u M.
 * - Pull weights (b_j w_j summed, / 4 exact): 4.5u relative per level (rho after m pulls
 *   <= 4.5 (m - 1) u for the coarse weights used, + u for the b_j w_j product). Weights off
 *   by a relative r move a weighted mean by <= 2r x (the spread, <= 2M): 4 (rho + u) M.
 * - Pull values: numerator 4u, denominator 3u, division 5u, reference 0.5u: 12.5u M.
 * Sum over L pulls: 9.5L + sum_m (16.5 + 18 (m - 1)) = 17L + 9L^2, in units of u M; one L
 * more covers the second-order terms dropped: (18L + 9L^2) u. (L = 12: 9.0e-5 M, 0.8 mm at 9 m.)
 */
export const pushPullBound = (levels: number) => (18 * levels + 9 * levels ** 2) * U;

function decimationArg(unitM: number | undefined): DecimationVariant {
  return unitM ? { kind: 'units', unitM } : { kind: 'float' };
}

export type KernelName = keyof typeof KERNELS;

/**
 * Bilateral, the bound e2e/kernel-filters.spec.ts derives and checks (repeated there:
 * the spec cannot import this module, whose stages import WGSL through Vite): a weighted mean of at most (2r+1)^2 samples;
 * WGSL allows exp() 3 + 2|x| ulp and division 2.5 ulp, f32 sums of n positive terms n
 * ulp: relative 4 (2r+1)^2 2^-23.
 */
export const bilateralBound = (r: number) => 4 * (2 * r + 1) ** 2 * 2 ** -23;
