/**
 * Exposes the GPU kernels and their CPU references to Playwright tests, which
 * run both on the same inputs in the real browser and compare.
 */
import { acquireGpu } from '../src/gpu/gpu-context';
import { HeatmapPass } from '../src/gpu/heatmap-pass';
import { readBufferF32, readTextureRgba8, uploadF32 } from '../src/gpu/readback';
import { bilateralPass, holeFillNeighboursPass, medianPass, thresholdPass } from '../src/gpu/kernels';
import { threshold } from '../src/core/filters/threshold';
import { median } from '../src/core/filters/median';
import { bilateral } from '../src/core/filters/bilateral';
import { fillFromNeighbours } from '../src/core/filters/hole-fill';
import { colorize, colormapPosition, type ColorizeParams } from '../src/core/colorize';
import { colormapTable, type ColormapName } from '../src/core/colormap-tables';
import { decodeDepth } from '../src/io/decode-depth';
import { convertToDepth, DEFAULT_UNITS, type UnitPreset } from '../src/core/units';

async function device(): Promise<GPUDevice> {
  const r = await acquireGpu();
  if (!r.ok) throw new Error(`WebGPU unavailable: ${r.detail}`);
  return r.gpu.device;
}

function fromBase64(b64: string): Uint8Array {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

export interface ColormapCase {
  depth: Float32Array;
  width: number;
  height: number;
}

const cases = new Map<string, ColormapCase>();

type FilterName = 'threshold' | 'median3' | 'median5' | 'bilateral-abs' | 'bilateral-rel' | 'fill-farthest' | 'fill-nearest';

/** A filter kernel set up for one image size, with its CPU reference under the same parameters. */
function filterKernel(dev: GPUDevice, name: FilterName, width: number, height: number, args: number[]) {
  if (name === 'threshold') {
    const k = thresholdPass(dev);
    k.set(width, height, args[0], args[1]);
    return { pass: k.pass, reference: (d: Float32Array) => threshold(d, args[0], args[1]) };
  }
  if (name === 'median3' || name === 'median5') {
    const radius = name === 'median3' ? 1 : 2;
    const k = medianPass(dev, radius);
    k.set(width, height);
    return { pass: k.pass, reference: (d: Float32Array) => median(d, width, height, radius) };
  }
  if (name === 'bilateral-abs' || name === 'bilateral-rel') {
    const p = { radius: args[0], sigmaSpatialPx: args[1], sigmaRange: args[2], rangeMode: name === 'bilateral-rel' ? 'relative' : 'absolute' } as const;
    const k = bilateralPass(dev);
    k.set(width, height, p);
    return { pass: k.pass, reference: (d: Float32Array) => bilateral(d, width, height, p) };
  }
  const pick = name === 'fill-farthest' ? 'farthest' : 'nearest';
  const k = holeFillNeighboursPass(dev, pick);
  k.set(width, height);
  return { pass: k.pass, reference: (d: Float32Array) => fillFromNeighbours(d, width, height, pick) };
}

/** Runs one filter kernel on the GPU and its reference on the CPU. */
async function runFilter(name: FilterName, c: ColormapCase, args: number[]): Promise<{ gpu: Float32Array; cpu: Float32Array }> {
  const dev = await device();
  const { depth, width, height } = c;
  // Any validation error (a WGSL that does not compile, a bad binding) fails the test
  // instead of leaving a silently unwritten output buffer.
  dev.pushErrorScope('validation');
  const input = uploadF32(dev, depth, 'test-input');
  const output = uploadF32(dev, new Float32Array(depth.length), 'test-output');
  const kernel = filterKernel(dev, name, width, height, args);
  const encoder = dev.createCommandEncoder();
  kernel.pass.encode(encoder, input, output, width, height);
  dev.queue.submit([encoder.finish()]);
  const error = await dev.popErrorScope();
  if (error) throw new Error(`GPU validation error in ${name}: ${error.message}`);
  const gpu = await readBufferF32(dev, output, depth.length);
  kernel.pass.destroy();
  input.destroy();
  output.destroy();
  return { gpu, cpu: kernel.reference(depth) };
}

const harness = {
  /** Pixels where the GPU and CPU results differ in their bits (NaN counts as equal to NaN). */
  async compareFilter(caseName: string, name: FilterName, args: number[]) {
    const c = cases.get(caseName);
    if (!c) throw new Error(`no case ${caseName}`);
    const { gpu, cpu } = await runFilter(name, c, args);
    const gb = new Uint32Array(gpu.buffer);
    const cb = new Uint32Array(cpu.buffer);
    const diffs: { i: number; gpu: number; cpu: number }[] = [];
    let valid = 0;
    let validityMismatches = 0;
    let maxAbs = 0;
    let maxRel = 0;
    for (let i = 0; i < gpu.length; i++) {
      const gNaN = Number.isNaN(gpu[i]);
      const cNaN = Number.isNaN(cpu[i]);
      if (!cNaN) valid++;
      if (gNaN !== cNaN) validityMismatches++;
      else if (!cNaN) {
        const abs = Math.abs(gpu[i] - cpu[i]);
        maxAbs = Math.max(maxAbs, abs);
        maxRel = Math.max(maxRel, abs / Math.max(Math.abs(cpu[i]), 1e-30));
      }
      const same = gb[i] === cb[i] || (gNaN && cNaN);
      if (!same && diffs.length < 20) diffs.push({ i, gpu: gpu[i], cpu: cpu[i] });
      else if (!same) diffs.length++;
    }
    return { pixels: gpu.length, valid, diffCount: diffs.length, diffs: diffs.slice(0, 20), validityMismatches, maxAbs, maxRel };
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
  /** Registers an input given as numbers (NaN and Infinity allowed as strings "NaN", "Infinity"). */
  addValuesCase(name: string, values: (number | string)[], width: number, height: number) {
    cases.set(name, { depth: new Float32Array(values.map(Number)), width, height });
  },
  /**
   * Runs the colormap kernel and the CPU reference on a registered input. Returns
   * the pixels where they differ, each with the reference's table position.
   */
  async compareColormap(name: string, colormap: ColormapName, params: ColorizeParams) {
    const c = cases.get(name);
    if (!c) throw new Error(`no case ${name}`);
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

/** Median of the times of `reps` runs of `fn`, in ms. */
async function medianMs(reps: number, fn: () => Promise<void> | void): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const bench = {
  filter: benchFilter,
  /** Colormap kernel (dispatch to GPU completion) vs the CPU reference, on a synthetic field. */
  async colormap(width: number, height: number, reps: number) {
    const dev = await device();
    const depth = new Float32Array(width * height);
    for (let i = 0; i < depth.length; i++) depth[i] = i % 97 === 0 ? NaN : 0.5 + ((i * 7919) % 4000) / 1000;
    const table = colormapTable('turbo');
    const params = { lo: 0.5, hi: 4.5, logScale: false, reverse: false, checkerPx: 4 };
    const pass = new HeatmapPass(dev);
    pass.setDepth(depth, width, height);
    pass.setTable(table);
    pass.setParams(params);
    pass.run();
    await dev.queue.onSubmittedWorkDone(); // warm-up: pipeline compiled, buffers resident
    const gpuMs = await medianMs(reps, async () => {
      pass.run();
      await dev.queue.onSubmittedWorkDone();
    });
    pass.destroy();
    const out = new Uint8Array(width * height * 4);
    const cpuMs = await medianMs(Math.max(3, Math.ceil(reps / 3)), () => void colorize(depth, width, height, table, params, out));
    return { gpuMs, cpuMs };
  },
};

/** One filter kernel (dispatch to GPU completion, buffers made once) vs its CPU reference. */
async function benchFilter(name: FilterName, width: number, height: number, args: number[], reps: number) {
  const dev = await device();
  const depth = new Float32Array(width * height);
  for (let i = 0; i < depth.length; i++) depth[i] = i % 53 === 0 ? NaN : 1 + ((i * 7919) % 3000) / 1000;
  const input = uploadF32(dev, depth, 'bench-input');
  const output = uploadF32(dev, new Float32Array(depth.length), 'bench-output');
  const kernel = filterKernel(dev, name, width, height, args);
  const runGpu = async () => {
    const encoder = dev.createCommandEncoder();
    kernel.pass.encode(encoder, input, output, width, height);
    dev.queue.submit([encoder.finish()]);
    await dev.queue.onSubmittedWorkDone();
  };
  await runGpu(); // warm-up: pipeline compiled, buffers resident
  const gpuMs = await medianMs(reps, runGpu);
  const cpuMs = await medianMs(Math.max(1, Math.ceil(reps / 5)), () => void kernel.reference(depth));
  kernel.pass.destroy();
  input.destroy();
  output.destroy();
  return { gpuMs, cpuMs };
}

declare global {
  interface Window {
    harness: typeof harness;
    bench: typeof bench;
  }
}
window.harness = harness;
window.bench = bench;
