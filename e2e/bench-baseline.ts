/**
 * The kernels as they were before issue 17's rework, kept only so that the benchmark
 * page can time old and new in the same page (an A/B on the same input and driver):
 * `npm run bench -- filters` prints them as `<name>@before` lines. Their WGSL is frozen
 * in e2e/bench-baseline/ (median 3 x 3: an insertion sort per pixel; median 5 x 5: the
 * selection network on an 8 x 8 tile, one pixel per invocation; bilateral: a per-pixel
 * loop evaluating both exp() per sample). The app never loads them.
 */
import median3x3Before from './bench-baseline/median-3x3.wgsl?raw';
import median5x5Before from './bench-baseline/median-5x5.wgsl?raw';
import bilateralBefore from './bench-baseline/bilateral.wgsl?raw';
import type { GpuStage } from '../src/gpu/gpu-stage';
import { pixelStage, sizeWords } from '../src/gpu/stages/pixel-stage';
import type { BilateralParams } from '../src/core/filters/bilateral';

type Empty = Record<string, never>;

export const median3x3BeforeStage = (device: GPUDevice): GpuStage<Empty> =>
  pixelStage<Empty>(device, { label: 'median-3x3-before', code: median3x3Before, words: 4, fields: sizeWords, constants: { RADIUS: 1 } });

export const median5x5BeforeStage = (device: GPUDevice): GpuStage<Empty> =>
  pixelStage<Empty>(device, { label: 'median-5x5-before', code: median5x5Before, words: 4, fields: sizeWords });

export const bilateralBeforeStage = (device: GPUDevice): GpuStage<BilateralParams> =>
  pixelStage<BilateralParams>(device, {
    label: 'bilateral-before',
    code: bilateralBefore,
    words: 8,
    fields: (size, p) => [...sizeWords(size), { u32: p.radius }, { u32: p.rangeMode === 'relative' ? 1 : 0 }, { f32: p.sigmaSpatialPx }, { f32: p.sigmaRange }],
  });
