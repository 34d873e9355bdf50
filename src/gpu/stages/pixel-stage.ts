/**
 * The common shape of a stage whose kernel maps pixel to pixel (same size in and
 * out): one pipeline, one uniform buffer written per encode, one dispatch.
 */
import type { GpuStage, Size } from '../gpu-stage';
import { Kernel, TILE, Uniform, type ParamWord } from './kernel';

export interface PixelKernelSpec<P> {
  label: string;
  code: string;
  /** 32-bit words of the WGSL Params struct (a multiple of 4). */
  words: number;
  /** The Params fields for one run, in declaration order. */
  fields: (size: Size, params: P) => ParamWord[];
  constants?: Record<string, number>;
  /** The WGSL entry point ('main' if absent). */
  entryPoint?: string;
  /**
   * Output pixels one workgroup covers, [x, y]: default one 8 x 8 tile. Kernels that
   * compute several pixels per invocation (the medians, bilateral) cover more.
   */
  groupPixels?: readonly [number, number];
}

export function pixelStage<P>(device: GPUDevice, spec: PixelKernelSpec<P>): GpuStage<P> {
  const kernel = new Kernel(device, spec.label, spec.code, spec.constants, spec.entryPoint);
  const uniform = new Uniform(device, `${spec.label}-params`, spec.words);
  return {
    outputSize: (size) => size,
    encode(encoder, input, output, size, params) {
      if (size.width === 0 || size.height === 0) return;
      uniform.write(spec.fields(size, params));
      const pass = encoder.beginComputePass({ label: spec.label });
      const [gx, gy] = spec.groupPixels ?? [TILE, TILE];
      kernel.dispatch(pass, [uniform.buffer, input, output], Math.ceil(size.width / gx), Math.ceil(size.height / gy));
      pass.end();
    },
    destroy() {
      kernel.destroy();
      uniform.destroy();
    },
  };
}

/** Width and height, the first two words of most kernels' Params. */
export const sizeWords = (size: Size): ParamWord[] => [{ u32: size.width }, { u32: size.height }];
