/**
 * Exposes the GPU kernels and their CPU references to Playwright tests, which
 * run both on the same inputs in the real browser and compare.
 */
import { acquireGpu } from '../src/gpu/gpu-context';
import { HeatmapPass } from '../src/gpu/heatmap-pass';
import { readBufferF32, readTextureRgba8, uploadF32 } from '../src/gpu/readback';
import { colorize, colormapPosition, type ColorizeParams } from '../src/core/colorize';
import { colormapTable, type ColormapName } from '../src/core/colormap-tables';
import { decodeDepth } from '../src/io/decode-depth';
import { convertToDepth, DEFAULT_UNITS, type UnitPreset } from '../src/core/units';
import type { PinholeIntrinsics } from '../src/core/filters/depth-field';
import { mulberry32 } from '../src/core/seeded-random';
import { KERNELS, type DepthCase, type KernelName } from './harness-kernels';
import { bitDiff, compareMask, compareNormals, compareTemporal, submitChecked, type TemporalRun } from './harness-compare';

// Validation errors outside any error scope (a bad pipeline built by a stage's
// constructor, say) are kept here, and every comparison then fails.
const uncaptured: string[] = [];
const watched = new WeakSet<GPUDevice>();

async function device(): Promise<GPUDevice> {
  const r = await acquireGpu();
  if (!r.ok) throw new Error(`WebGPU unavailable: ${r.detail}`);
  const dev = r.gpu.device;
  if (!watched.has(dev)) {
    watched.add(dev);
    dev.addEventListener('uncapturederror', (e) => uncaptured.push((e as GPUUncapturedErrorEvent).error.message));
  }
  return dev;
}

function checkUncaptured(): void {
  if (uncaptured.length > 0) throw new Error(`GPU error outside a checked submit: ${uncaptured.join('; ')}`);
}

function fromBase64(b64: string): Uint8Array {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/** Kept for the colormap tests' name: a registered depth input. */
export type ColormapCase = DepthCase;

const cases = new Map<string, DepthCase>();

function getCase(name: string): DepthCase {
  const c = cases.get(name);
  if (!c) throw new Error(`no case ${name}`);
  return c;
}

/** Runs one filter stage on the GPU (its stage built with `args`) and reads the output back. */
async function runKernel(dev: GPUDevice, name: KernelName, c: DepthCase, args: number[]): Promise<DepthCase> {
  const k = KERNELS[name];
  const params = k.params(args);
  const stage = k.make(dev);
  const size = { width: c.width, height: c.height };
  const out = stage.outputSize(size, params);
  const input = uploadF32(dev, c.depth, 'test-input');
  const output = uploadF32(dev, new Float32Array(Math.max(1, out.width * out.height)), 'test-output');
  // Any validation error (a WGSL that does not compile, a bad binding) fails the test
  // instead of leaving a silently unwritten output buffer.
  await submitChecked(dev, name, (encoder) => stage.encode(encoder, input, output, size, params));
  const depth = out.width * out.height > 0 ? await readBufferF32(dev, output, out.width * out.height) : new Float32Array(0);
  stage.destroy();
  input.destroy();
  output.destroy();
  checkUncaptured();
  return { depth, ...out };
}

const harness = {
  /**
   * A filter stage vs its reference on a registered input: pixels whose bits differ
   * (NaN equals NaN), validity mismatches, the largest differences, and the pixels
   * beyond the kernel's tolerance (every differing one for exact kernels). `gpuArgs`
   * runs the GPU with other parameters: the tests use it to show they can fail.
   */
  async compareFilter(caseName: string, name: KernelName, args: number[], gpuArgs: number[] = args) {
    const c = getCase(caseName);
    const dev = await device();
    const gpu = await runKernel(dev, name, c, gpuArgs);
    const cpu = KERNELS[name].reference(c, args);
    if (gpu.width !== cpu.width || gpu.height !== cpu.height) {
      throw new Error(`${name}: GPU output ${gpu.width}x${gpu.height}, reference ${cpu.width}x${cpu.height}`);
    }
    const tol = KERNELS[name].tolerance?.(c, args, cpu) ?? (() => 0);
    const { diffCount, diffs, validityMismatches, maxAbs } = bitDiff(gpu.depth, cpu.depth);
    let valid = 0;
    let maxRel = 0;
    let overBound = 0;
    let worst = 0;
    for (let i = 0; i < cpu.depth.length; i++) {
      const g = gpu.depth[i];
      const r = cpu.depth[i];
      if (Number.isNaN(r)) continue;
      valid++;
      if (Number.isNaN(g)) continue; // counted in validityMismatches
      const err = Math.abs(g - r);
      maxRel = Math.max(maxRel, err / Math.max(Math.abs(r), 1e-30));
      const t = tol(i);
      if (err > t || (t === 0 && Object.is(g, -0) !== Object.is(r, -0))) overBound++;
      else if (t > 0) worst = Math.max(worst, err / t);
    }
    return { width: cpu.width, height: cpu.height, pixels: cpu.depth.length, valid, diffCount, diffs, validityMismatches, maxAbs, maxRel, overBound, worst };
  },
  /** The temporal stage over a generated sequence (see compareTemporal in harness-compare.ts). */
  async compareTemporal(caseName: string, run: TemporalRun) {
    const r = await compareTemporal(await device(), getCase(caseName), run);
    checkUncaptured();
    return r;
  },
  async compareNormals(caseName: string, intr: PinholeIntrinsics, gpuIntr?: PinholeIntrinsics) {
    const r = await compareNormals(await device(), getCase(caseName), intr, gpuIntr);
    checkUncaptured();
    return r;
  },
  async compareMask(caseName: string, jump: number, gpuJump?: number, reject = false) {
    const r = await compareMask(await device(), getCase(caseName), jump, gpuJump, reject);
    checkUncaptured();
    return r;
  },
  /** Binds a buffer without STORAGE usage to a stage: must throw, or the tests could pass on unwritten outputs. */
  async provokeValidationError() {
    const dev = await device();
    const stage = KERNELS.threshold.make(dev);
    const bad = dev.createBuffer({ size: 64, usage: GPUBufferUsage.COPY_DST });
    const output = uploadF32(dev, new Float32Array(16), 'test-output');
    try {
      await submitChecked(dev, 'provoked', (e) => stage.encode(e, bad, output, { width: 4, height: 4 }, KERNELS.threshold.params([0, 1])));
    } finally {
      stage.destroy();
      bad.destroy();
      output.destroy();
    }
  },
  async adapterInfo() {
    const r = await acquireGpu();
    return r.ok ? { ok: true, info: r.gpu.adapterInfo, features: [...r.gpu.features] } : { ok: false, info: r.detail };
  },
  /** Registers an input: a depth file decoded and converted with a unit preset. */
  addFileCase(name: string, fileBase64: string, scale: UnitPreset) {
    const raw = decodeDepth(fromBase64(fileBase64));
    cases.set(name, { depth: convertToDepth(raw, { ...DEFAULT_UNITS, scale }), width: raw.width, height: raw.height });
  },
  /** Registers a width x height window of a registered input, at (x0, y0). */
  addCropCase(name: string, from: string, x0: number, y0: number, width: number, height: number) {
    const c = getCase(from);
    const depth = new Float32Array(width * height);
    for (let y = 0; y < height; y++) depth.set(c.depth.subarray((y0 + y) * c.width + x0, (y0 + y) * c.width + x0 + width), y * width);
    cases.set(name, { depth, width, height });
  },
  /** Registers random f32 bit patterns (every exponent, subnormals, NaNs, infinities, both signs). */
  addRandomBitsCase(name: string, width: number, height: number, seed: number) {
    const r = mulberry32(seed);
    const bits = Uint32Array.from({ length: width * height }, () => Math.floor(r() * 2 ** 32));
    cases.set(name, { depth: new Float32Array(bits.buffer), width, height });
  },
  /** Registers an input given as numbers (NaN and Infinity allowed as strings "NaN", "Infinity"). */
  addValuesCase(name: string, values: (number | string)[], width: number, height: number) {
    cases.set(name, { depth: new Float32Array(values.map(Number)), width, height });
  },
  /**
   * Runs the colormap kernel and the CPU reference on a registered input. Returns
   * the pixels where they differ, each with the reference's table position.
   */
  async compareColormap(name: string, colormap: ColormapName, params: ColorizeParams) {
    const c = getCase(name);
    const dev = await device();
    const table = colormapTable(colormap);
    const pass = new HeatmapPass(dev);
    pass.setDepth(c.depth, c.width, c.height);
    pass.setTable(table);
    pass.setParams(params);
    pass.run();
    const gpu = await readTextureRgba8(dev, pass.texture!);
    pass.destroy();
    const cpu = colorize(c.depth, c.width, c.height, table, params);
    const diffs: { i: number; t: number | null; gpu: number[]; cpu: number[] }[] = [];
    for (let i = 0; i < c.width * c.height; i++) {
      const o = i * 4;
      if (gpu[o] !== cpu[o] || gpu[o + 1] !== cpu[o + 1] || gpu[o + 2] !== cpu[o + 2] || gpu[o + 3] !== cpu[o + 3]) {
        diffs.push({ i, t: colormapPosition(c.depth[i], params), gpu: [...gpu.subarray(o, o + 4)], cpu: [...cpu.subarray(o, o + 4)] });
      }
    }
    return { pixels: c.width * c.height, diffs: diffs.slice(0, 200), diffCount: diffs.length, table: [...table] };
  },
};

declare global {
  interface Window {
    harness: typeof harness;
  }
}
window.harness = harness;
