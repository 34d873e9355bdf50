/**
 * The benchmark page (scripts/bench.ts drives it): each GPU kernel, its CPU
 * reference and, where there is one, the OpenCV.js counterpart, timed on the
 * same input in the same browser session.
 *
 * GPU time: with the 'timestamp-query' feature, the GPU's own clock from the
 * start of a kernel's first compute pass to the end of its last (the passes are
 * given timestampWrites through a wrapped encoder, so multi-pass kernels are
 * timed whole); always also dispatch -> onSubmittedWorkDone on the wall clock.
 * Input: the synthetic scene's measurement at each size (holes at edges, on the
 * dark poster and in speckles, about 5%).
 */
import { acquireGpu } from '../src/gpu/gpu-context';
import { timestamped } from './bench-timestamps';
import { HeatmapPass } from '../src/gpu/heatmap-pass';
import { uploadF32 } from '../src/gpu/readback';
import { colorize } from '../src/core/colorize';
import { colormapTable } from '../src/core/colormap-tables';
import { makeSyntheticScene } from '../src/core/synthetic-scene';
import { openCvCase, type OpenCvOp } from './bench-opencv';
import { KERNEL_CASES, type KernelCase } from './bench-kernels';

async function gpu(): Promise<{ device: GPUDevice; timestamps: boolean; adapter: string }> {
  const r = await acquireGpu();
  if (!r.ok) throw new Error(`WebGPU unavailable: ${r.detail}`);
  // The shared context asks for 'timestamp-query' whenever the adapter has it.
  return { device: r.gpu.device, timestamps: r.gpu.features.has('timestamp-query'), adapter: r.gpu.adapterInfo };
}

/** Median of the times of `reps` runs of `fn`, in ms (fn may return its own measure instead). */
async function medianMs(reps: number, fn: () => Promise<number | void> | number | void): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const own = await fn();
    times.push(typeof own === 'number' ? own : performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}


const scenes = new Map<string, Float32Array>();
function sceneDepth(width: number, height: number): Float32Array {
  const key = `${width}x${height}`;
  let depth = scenes.get(key);
  if (!depth) {
    depth = makeSyntheticScene({ width, height }).measuredM;
    scenes.set(key, depth);
  }
  return depth;
}

/** GPU ms (timestamps, or wall when there are none) and wall ms of one kernel, median of `reps` after a warm-up. */
async function timeGpu(c: KernelCase, depth: Float32Array, width: number, height: number, reps: number) {
  const { device, timestamps } = await gpu();
  const size = { width, height };
  const stage = c.gpu(device);
  const out = stage.outputSize(size);
  const input = uploadF32(device, depth, 'bench-input');
  const output = device.createBuffer({ label: 'bench-output', size: Math.max(4, out.width * out.height * 4 * (stage.outputWords ?? 1)), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
  const querySet = timestamps ? device.createQuerySet({ type: 'timestamp', count: 2 }) : null;
  const resolve = device.createBuffer({ size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
  const read = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const gpuTimes: number[] = [];
  const once = async () => {
    const t0 = performance.now();
    const encoder = device.createCommandEncoder();
    stage.encode(querySet ? timestamped(encoder, querySet) : encoder, input, output, size);
    if (querySet) {
      encoder.resolveQuerySet(querySet, 0, 2, resolve, 0);
      encoder.copyBufferToBuffer(resolve, 0, read, 0, 16);
    }
    device.queue.submit([encoder.finish()]);
    await device.queue.onSubmittedWorkDone();
    const wall = performance.now() - t0;
    stage.advance?.(); // the temporal stage: each run is the next frame
    if (querySet) {
      await read.mapAsync(GPUMapMode.READ);
      const [begin, end] = new BigInt64Array(read.getMappedRange());
      gpuTimes.push(Number(end - begin) / 1e6);
      read.unmap();
    }
    return wall;
  };
  device.pushErrorScope('validation');
  await once(); // warm-up: pipeline compiled, buffers resident
  const error = await device.popErrorScope();
  if (error) throw new Error(`GPU validation error in ${c.name}: ${error.message}`);
  gpuTimes.length = 0;
  const wallMs = await medianMs(reps, once);
  gpuTimes.sort((a, b) => a - b);
  const stampMs = gpuTimes[Math.floor(gpuTimes.length / 2)];
  // SwiftShader's timestamps can read 0 (no real GPU clock): then the wall clock stands.
  const usable = querySet !== null && stampMs > 0;
  stage.destroy();
  [input, output, resolve, read].forEach((b) => b.destroy());
  querySet?.destroy();
  return { gpuMs: usable ? stampMs : wallMs, gpuTimer: usable ? 'timestamp-query' : 'submit-to-done', wallMs, timestampMs: querySet ? stampMs : null };
}

const openCvTimes = new Map<string, number>();
/** OpenCV ms of one op at one size, median of `reps` after a warm-up; measured once per page and op. */
async function timeOpenCv(op: OpenCvOp, depth: Float32Array, width: number, height: number, reps: number, bilateral?: { d: number; sigmaColor: number; sigmaSpace: number }): Promise<number> {
  const key = `${op}:${width}x${height}:${JSON.stringify(bilateral)}`;
  const known = openCvTimes.get(key);
  if (known !== undefined) return known;
  const c = await openCvCase(op, depth, width, height, bilateral);
  c.run(); // warm-up
  const ms = await medianMs(reps, c.run);
  c.destroy();
  openCvTimes.set(key, ms);
  return ms;
}

const benchPage = {
  async info() {
    const g = await gpu();
    return { adapter: g.adapter, timestamps: g.timestamps, userAgent: navigator.userAgent, cores: navigator.hardwareConcurrency };
  },
  caseNames: () => KERNEL_CASES.map((c) => c.name),
  /** One kernel at one size: GPU, CPU reference and OpenCV.js (null when it has no counterpart). */
  async kernel(name: string, width: number, height: number, reps: number) {
    const c = KERNEL_CASES.find((k) => k.name === name);
    if (!c) throw new Error(`no kernel case ${name}`);
    const depth = sceneDepth(width, height);
    const g = await timeGpu(c, depth, width, height, reps);
    const big = width * height > 2e6;
    // The JIT is warm from the smaller sizes by the time the big ones run.
    if (!big) c.cpu(depth, width, height);
    const cpuMs = await medianMs(big ? 1 : 3, () => void c.cpu(depth, width, height));
    const opencvMs = c.opencv ? await timeOpenCv(c.opencv.op, depth, width, height, big ? 3 : 5, c.opencv.bilateral) : null;
    return { ...g, cpuMs, opencv: c.opencv?.op ?? null, opencvMs, args: c.args };
  },
  /** Colormap kernel (dispatch to GPU completion) vs the CPU reference, on a synthetic field. */
  async colormap(width: number, height: number, reps: number) {
    const { device } = await gpu();
    const depth = new Float32Array(width * height);
    for (let i = 0; i < depth.length; i++) depth[i] = i % 97 === 0 ? NaN : 0.5 + ((i * 7919) % 4000) / 1000;
    const table = colormapTable('turbo');
    const params = { lo: 0.5, hi: 4.5, logScale: false, reverse: false, checkerPx: 4 };
    const pass = new HeatmapPass(device);
    pass.setDepth(depth, width, height);
    pass.setTable(table);
    pass.setParams(params);
    pass.run();
    await device.queue.onSubmittedWorkDone(); // warm-up: pipeline compiled, buffers resident
    const gpuMs = await medianMs(reps, async () => {
      pass.run();
      await device.queue.onSubmittedWorkDone();
    });
    pass.destroy();
    const out = new Uint8Array(width * height * 4);
    const cpuMs = await medianMs(Math.max(3, Math.ceil(reps / 3)), () => void colorize(depth, width, height, table, params, out));
    return { gpuMs, cpuMs };
  },
};

declare global {
  interface Window {
    benchPage: typeof benchPage;
  }
}
window.benchPage = benchPage;
