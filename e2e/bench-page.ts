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
import { openCvCase } from './bench-opencv';
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

/** Median of a list of times. */
function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * One GPU stage ready to time on `depth`: once() runs it (dispatch -> onSubmittedWorkDone)
 * and records its wall time and, with timestamp-query, its GPU time; buffers and
 * pipeline are made once, and the first run (a warm-up) is checked for validation errors.
 */
async function gpuTimer(name: string, make: KernelCase['gpu'], depth: Float32Array, width: number, height: number) {
  const { device, timestamps } = await gpu();
  const size = { width, height };
  const stage = make(device);
  const out = stage.outputSize(size);
  const input = uploadF32(device, depth, 'bench-input');
  const output = device.createBuffer({ label: 'bench-output', size: Math.max(4, out.width * out.height * 4 * (stage.outputWords ?? 1)), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
  const querySet = timestamps ? device.createQuerySet({ type: 'timestamp', count: 2 }) : null;
  const resolve = device.createBuffer({ size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
  const read = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const stamps: number[] = [];
  const walls: number[] = [];
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
    walls.push(performance.now() - t0);
    stage.advance?.(); // the temporal stage: each run is the next frame
    if (querySet) {
      await read.mapAsync(GPUMapMode.READ);
      const [begin, end] = new BigInt64Array(read.getMappedRange());
      stamps.push(Number(end - begin) / 1e6);
      read.unmap();
    }
  };
  device.pushErrorScope('validation');
  await once(); // warm-up: pipeline compiled, buffers resident
  const error = await device.popErrorScope();
  if (error) throw new Error(`GPU validation error in ${name}: ${error.message}`);
  stamps.length = 0;
  walls.length = 0;
  return {
    once,
    /** GPU ms (timestamps, or the wall clock when there are none) and wall ms: medians of the runs since the warm-up. */
    result() {
      const wallMs = median(walls);
      const stampMs = querySet ? median(stamps) : 0;
      // SwiftShader's timestamps can read 0 (no real GPU clock): then the wall clock stands.
      const usable = querySet !== null && stampMs > 0;
      const minMs = usable ? Math.min(...stamps) : Math.min(...walls);
      return { gpuMs: usable ? stampMs : wallMs, gpuMinMs: minMs, gpuTimer: usable ? 'timestamp-query' : 'submit-to-done', wallMs };
    },
    destroy() {
      stage.destroy();
      [input, output, resolve, read].forEach((b) => b.destroy());
      querySet?.destroy();
    },
  };
}

/**
 * The kernel, its previous version (an A/B) and its OpenCV counterpart, each run once per
 * round for `reps` rounds after a warm-up: interleaved, so that load from other processes
 * on this shared machine falls on all of them alike and their ratios stay meaningful.
 */
async function timeInterleaved(c: KernelCase, depth: Float32Array, width: number, height: number, reps: number) {
  const now = await gpuTimer(c.name, c.gpu, depth, width, height);
  const before = c.before ? await gpuTimer(`${c.name} (before)`, c.before, depth, width, height) : null;
  const cv = c.opencv ? await openCvCase(c.opencv.op, depth, width, height, c.opencv.bilateral) : null;
  cv?.run(); // warm-up
  const cvTimes: number[] = [];
  for (let i = 0; i < reps; i++) {
    // Alternate which GPU kernel goes first: the first run after OpenCV's pays more here.
    if (i % 2 === 0) {
      await now.once();
      await before?.once();
    } else {
      await before?.once();
      await now.once();
    }
    if (cv) {
      const t0 = performance.now();
      cv.run();
      cvTimes.push(performance.now() - t0);
    }
  }
  const b = before?.result();
  const result = {
    ...now.result(),
    beforeMs: b ? b.gpuMs : null,
    beforeMinMs: b ? b.gpuMinMs : null,
    opencvMs: cv ? median(cvTimes) : null,
    opencvMinMs: cv ? Math.min(...cvTimes) : null,
  };
  [now, before].forEach((t) => t?.destroy());
  cv?.destroy();
  return result;
}

const benchPage = {
  async info() {
    const g = await gpu();
    return { adapter: g.adapter, timestamps: g.timestamps, userAgent: navigator.userAgent, cores: navigator.hardwareConcurrency };
  },
  caseNames: () => KERNEL_CASES.map((c) => c.name),
  /** One kernel at one size: GPU, its previous version and OpenCV.js (interleaved; null when there is none), and the CPU reference. */
  async kernel(name: string, width: number, height: number, reps: number) {
    const c = KERNEL_CASES.find((k) => k.name === name);
    if (!c) throw new Error(`no kernel case ${name}`);
    const depth = sceneDepth(width, height);
    const g = await timeInterleaved(c, depth, width, height, reps);
    const big = width * height > 2e6;
    // The JIT is warm from the smaller sizes by the time the big ones run.
    if (!big) c.cpu(depth, width, height);
    const cpuMs = await medianMs(big ? 1 : 3, () => void c.cpu(depth, width, height));
    return { ...g, cpuMs, opencv: c.opencv?.op ?? null, args: c.args };
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
