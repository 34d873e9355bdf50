/**
 * The kernels the benchmark page times: each GPU stage with fixed parameters,
 * its CPU reference under the same parameters, and the OpenCV.js operation it
 * is compared with, where OpenCV has one (see ./bench-opencv for how they differ).
 */
import type { GpuStage, Size } from '../src/gpu/gpu-stage';
import {
  bilateralStage,
  decimateStage,
  discontinuityMaskPass,
  fillFromLeftStage,
  fillFromNeighboursStage,
  inverseDepthStage,
  medianStage,
  normalsPass,
  pushPullStage,
  spatialStage,
  temporalStage,
  thresholdStage,
} from '../src/gpu/stages';
import { DEFAULT_PARAMS } from '../src/core/filter-chain';
import { bilateral, type BilateralParams } from '../src/core/filters/bilateral';
import { decimate } from '../src/core/filters/decimate';
import { toInverseDepth } from '../src/core/filters/disparity';
import { fillFromLeft, fillFromNeighbours } from '../src/core/filters/hole-fill';
import { pushPullFill } from '../src/core/filters/push-pull';
import { median } from '../src/core/filters/median';
import { discontinuityMask, normalsFromDepth } from '../src/core/filters/normals';
import { spatialFilter } from '../src/core/filters/spatial-domain-transform';
import { createTemporalState, temporalStep } from '../src/core/filters/temporal';
import { threshold } from '../src/core/filters/threshold';
import { syntheticIntrinsics } from '../src/core/synthetic-scene';
import type { OpenCvOp } from './bench-opencv';
import { bilateralBeforeStage, median3x3BeforeStage, median5x5BeforeStage } from './bench-baseline';

/** A GPU stage with its parameters bound: what the page times. */
export interface BenchStage {
  outputSize(size: Size): Size;
  /** 32-bit words per output pixel (1 unless said: normals write 3). */
  outputWords?: number;
  encode(encoder: GPUCommandEncoder, input: GPUBuffer, output: GPUBuffer, size: Size): void;
  /** Stateful stages (temporal): the next run is the next frame. */
  advance?(): void;
  destroy(): void;
}

export interface KernelCase {
  name: string;
  /** The parameters, as printed in the benchmark's JSON line. */
  args: string;
  gpu: (device: GPUDevice) => BenchStage;
  cpu: (depth: Float32Array, width: number, height: number) => unknown;
  /** The kernel before issue 17's rework (e2e/bench-baseline.ts), timed in the same rounds: the A/B. */
  before?: (device: GPUDevice) => BenchStage;
  opencv?: { op: OpenCvOp; bilateral?: { d: number; sigmaColor: number; sigmaSpace: number } };
}

export function bind<P>(make: (device: GPUDevice) => GpuStage<P>, params: P): (device: GPUDevice) => BenchStage {
  return (device) => {
    const stage = make(device);
    const advance = 'advance' in stage && typeof stage.advance === 'function' ? () => (stage.advance as () => void)() : undefined;
    return {
      outputSize: (size) => stage.outputSize(size, params),
      encode: (encoder, input, output, size) => stage.encode(encoder, input, output, size, params),
      advance,
      destroy: () => stage.destroy(),
    };
  };
}

/** The two passes that are not depth -> depth stages, wrapped to look like one. */
function normalsBench(device: GPUDevice): BenchStage {
  const pass = normalsPass(device);
  return {
    outputSize: (size) => size,
    outputWords: 3,
    encode: (encoder, input, output, size) => pass.encode(encoder, input, output, size, syntheticIntrinsics(size.width, size.height)),
    destroy: () => pass.destroy(),
  };
}
function discontinuityBench(device: GPUDevice): BenchStage {
  const pass = discontinuityMaskPass(device);
  return {
    outputSize: (size) => size,
    encode: (encoder, input, output, size) => pass.encode(encoder, input, output, size, 0.05),
    destroy: () => pass.destroy(),
  };
}

const SPATIAL = DEFAULT_PARAMS.spatial;
const TEMPORAL = DEFAULT_PARAMS.temporal;

const BILATERAL_ABS: BilateralParams = { radius: 3, sigmaSpatialPx: 2, sigmaRange: 0.05, rangeMode: 'absolute' };
const BILATERAL_REL: BilateralParams = { radius: 3, sigmaSpatialPx: 2, sigmaRange: 0.02, rangeMode: 'relative' };

/** A bilateral case: the reworked stage, its version before issue 17, the float64 reference and OpenCV's bilateralFilter. */
const bilateralCase = (name: string, args: string, p: BilateralParams): KernelCase => ({
  name,
  args,
  gpu: bind(bilateralStage, p),
  before: bind(bilateralBeforeStage, p),
  cpu: (d, w, h) => bilateral(d, w, h, p),
  opencv: { op: 'bilateralFilter', bilateral: OPENCV_BILATERAL },
});
// OpenCV's bilateralFilter with the same window (d = 2r + 1) and sigmas; its range sigma is absolute.
const OPENCV_BILATERAL = { d: 7, sigmaColor: 0.05, sigmaSpace: 2 };

export const KERNEL_CASES: KernelCase[] = [
  { name: 'threshold', args: 'lo=1.5,hi=3', gpu: bind(thresholdStage, { lo: 1.5, hi: 3 }), cpu: (d) => threshold(d, 1.5, 3) },
  { name: 'inverse-depth', args: '', gpu: bind(inverseDepthStage, {}), cpu: (d) => toInverseDepth(d) },
  { name: 'decimate2', args: 'factor=2', gpu: bind(decimateStage, { factor: 2 }), cpu: (d, w, h) => decimate(d, w, h, 2) },
  { name: 'median3', args: 'size=3', gpu: bind(medianStage, { size: 3 }), before: bind(median3x3BeforeStage, {}), cpu: (d, w, h) => median(d, w, h, 1), opencv: { op: 'medianBlur3' } },
  { name: 'median5', args: 'size=5', gpu: bind(medianStage, { size: 5 }), before: bind(median5x5BeforeStage, {}), cpu: (d, w, h) => median(d, w, h, 2), opencv: { op: 'medianBlur5' } },
  bilateralCase('bilateral-abs', 'r=3,sigmaS=2,sigmaR=0.05m', BILATERAL_ABS),
  bilateralCase('bilateral-rel', 'r=3,sigmaS=2,sigmaR=0.02z', BILATERAL_REL),
  {
    name: 'fill-farthest',
    args: '4 neighbours',
    gpu: bind(fillFromNeighboursStage, { pick: 'farthest' as const }),
    cpu: (d, w, h) => fillFromNeighbours(d, w, h, 'farthest'),
    opencv: { op: 'inpaintTelea' },
  },
  { name: 'fill-left', args: '', gpu: bind(fillFromLeftStage, {}), cpu: (d, w, h) => fillFromLeft(d, w, h) },
  { name: 'push-pull4', args: 'levels=4', gpu: bind(pushPullStage, { levels: 4, fill: 'blend' as const, inverse: false }), cpu: (d, w, h) => pushPullFill(d, w, h, 4), opencv: { op: 'inpaintTelea' } },
  {
    name: 'spatial',
    args: `alpha=${SPATIAL.alpha},delta=${SPATIAL.delta},iterations=${SPATIAL.iterations}`,
    gpu: bind(spatialStage, SPATIAL),
    cpu: (d, w, h) => spatialFilter(d, w, h, SPATIAL),
  },
  {
    // One frame after another (advance() between runs); the CPU side is one step from a fresh state.
    name: 'temporal',
    args: `alpha=${TEMPORAL.alpha},delta=${TEMPORAL.delta},${TEMPORAL.persistence}`,
    gpu: bind(temporalStage, TEMPORAL),
    cpu: (d) => temporalStep(createTemporalState(d.length), d, TEMPORAL),
  },
  { name: 'normals', args: 'central differences', gpu: normalsBench, cpu: (d, w, h) => normalsFromDepth(d, w, h, syntheticIntrinsics(w, h)) },
  { name: 'discontinuity-mask', args: 'jump=5%', gpu: discontinuityBench, cpu: (d, w, h) => discontinuityMask(d, w, h, 0.05) },
];
