/**
 * Browser side of `npm run bench -- cloud` (scripts/bench-cloud.ts drives it).
 * Imported into a page served by Vite (`import('/e2e/bench-cloud-page.ts')`), so
 * the modules below are the very instances the app on that page uses: the same
 * store and the same shared GPUDevice.
 *
 * - kernels(): shaders/backproject.wgsl (and, for the mesh, its cut plus
 *   shaders/mesh-index.wgsl) on the shared device, dispatch -> onSubmittedWorkDone
 *   (and the GPU's own timestamps where the adapter has them), against the CPU
 *   references in src/core/backproject.ts on the same input.
 * - install() and the rest: watch the real app's 3-D view. A frame of the cloud
 *   canvas is seen when three.js asks the canvas for its texture
 *   (GPUCanvasContext.getCurrentTexture); after the task that drew it, the shared
 *   device's onSubmittedWorkDone says when the GPU has finished it.
 */
import { BackprojectPass, MeshIndexPass } from '../src/gpu/backproject-pass';
import { acquireGpu } from '../src/gpu/gpu-context';
import { sharedDevice, median } from './bench-common';
import { timestamped } from './bench-timestamps';
import { uploadF32 } from '../src/gpu/readback';
import { backproject, cloudSize, meshIndices } from '../src/core/backproject';
import { makeSyntheticScene, syntheticIntrinsics } from '../src/core/synthetic-scene';
import { DEFAULT_EDGE_JUMP } from '../src/core/surface-views';
import { setState, store } from '../src/state/store';
import { addStage, removeStage } from '../src/state/chain-actions';

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}

// ---------------------------------------------------------------- kernels


/** Median wall ms (submit -> onSubmittedWorkDone) and, where there are timestamps, GPU ms of `encode`, after a warm-up. */
async function timeGpu(dev: GPUDevice, reps: number, encode: (encoder: GPUCommandEncoder) => void) {
  const stamps = dev.features.has('timestamp-query');
  const querySet = stamps ? dev.createQuerySet({ type: 'timestamp', count: 2 }) : null;
  const resolve = dev.createBuffer({ size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
  const read = dev.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const walls: number[] = [];
  const gpus: number[] = [];
  for (let i = 0; i <= reps; i++) {
    if (i === 0) dev.pushErrorScope('validation');
    const t0 = performance.now();
    const encoder = dev.createCommandEncoder({ label: 'bench-cloud' });
    encode(querySet ? timestamped(encoder, querySet) : encoder);
    if (querySet) {
      encoder.resolveQuerySet(querySet, 0, 2, resolve, 0);
      encoder.copyBufferToBuffer(resolve, 0, read, 0, 16);
    }
    dev.queue.submit([encoder.finish()]);
    await dev.queue.onSubmittedWorkDone();
    const wall = performance.now() - t0;
    if (i === 0) {
      // Warm-up: pipeline compiled, buffers resident; not counted.
      const error = await dev.popErrorScope();
      if (error) throw new Error(`GPU validation error: ${error.message}`);
    } else walls.push(wall);
    if (querySet) {
      await read.mapAsync(GPUMapMode.READ);
      const [begin, end] = new BigInt64Array(read.getMappedRange());
      if (i > 0) gpus.push(Number(end - begin) / 1e6);
      read.unmap();
    }
  }
  querySet?.destroy();
  resolve.destroy();
  read.destroy();
  const stampMs = gpus.length ? median(gpus) : null;
  // SwiftShader's timestamps can read 0 (no real GPU clock): report null then.
  return { wallMs: median(walls), timestampMs: stampMs !== null && stampMs > 0 ? stampMs : null };
}

async function timeCpu(reps: number, fn: () => unknown): Promise<number> {
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return median(t);
}

/** Back-projection (points) and back-projection with cut + mesh indices (mesh), GPU vs CPU reference, on the synthetic scene. */
async function kernels(width: number, height: number, reps: number) {
  const dev = await sharedDevice();
  const depth = makeSyntheticScene({ width, height }).measuredM;
  const intr = syntheticIntrinsics(width, height);
  const size = { width, height };
  const { columns, rows, count } = cloudSize(width, height, 1);
  const input = uploadF32(dev, depth, 'bench-cloud-depth');
  const points = dev.createBuffer({ label: 'bench-cloud-points', size: count * 16, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.VERTEX | GPUBufferUsage.COPY_SRC });
  // One buffer of the kept-frames ring (render/kept-clouds.ts): what keeping a frame adds per frame is this copy.
  const kept = dev.createBuffer({ label: 'bench-cloud-kept', size: count * 16, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.VERTEX | GPUBufferUsage.COPY_DST });
  const indices = dev.createBuffer({ label: 'bench-cloud-indices', size: Math.max(4, 6 * (columns - 1) * (rows - 1) * 4), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.INDEX });
  const pass = new BackprojectPass(dev);
  const mesh = new MeshIndexPass(dev);
  const gpuPoints = await timeGpu(dev, reps, (e) => pass.encode(e, input, size, intr, 1, false, points, 0));
  const gpuMesh = await timeGpu(dev, reps, (e) => {
    pass.encode(e, input, size, intr, 1, false, points, DEFAULT_EDGE_JUMP);
    mesh.encode(e, points, columns, rows, indices);
  });
  const gpuKeep = await timeGpu(dev, reps, (e) => e.copyBufferToBuffer(points, 0, kept, 0, count * 16));
  pass.destroy();
  mesh.destroy();
  [input, points, indices, kept].forEach((b) => b.destroy());
  const big = count > 2e6;
  const cpuReps = big ? 1 : 3;
  if (!big) backproject(depth, width, height, intr, { stride: 1, rayLength: false }); // JIT warm-up; warm from the smaller sizes at 4K
  const cpuPoints = await timeCpu(cpuReps, () => backproject(depth, width, height, intr, { stride: 1, rayLength: false }));
  const cpuMesh = await timeCpu(cpuReps, () => meshIndices(backproject(depth, width, height, intr, { stride: 1, rayLength: false, cutJump: DEFAULT_EDGE_JUMP }), columns, rows));
  return { points: count, triangles: 2 * (columns - 1) * (rows - 1), gpuPoints, gpuMesh, gpuKeep, cpuPoints, cpuMesh };
}

// ---------------------------------------------------------------- draw paths

const QUADS_WGSL = /* wgsl */ `
struct Params { columns: u32, rows: u32, half_x: f32, half_y: f32 }
@group(0) @binding(0) var<uniform> params: Params;
struct Out { @builtin(position) position: vec4f }
// Point i of a columns x rows grid as a quad of 2 x 2 screen pixels spread over the canvas.
fn corner(i: u32, k: u32) -> Out {
  let corners = array(vec2f(-1, -1), vec2f(1, -1), vec2f(-1, 1), vec2f(-1, 1), vec2f(1, -1), vec2f(1, 1));
  let x = (f32(i % params.columns) + 0.5) / f32(params.columns) * 2.0 - 1.0;
  let y = 1.0 - (f32(i / params.columns) + 0.5) / f32(params.rows) * 2.0;
  var o: Out;
  o.position = vec4f(x + corners[k].x * params.half_x, y + corners[k].y * params.half_y, 0.5, 1.0);
  return o;
}
@vertex fn instanced(@builtin(vertex_index) v: u32, @builtin(instance_index) i: u32) -> Out { return corner(i, v); }
@vertex fn oneDraw(@builtin(vertex_index) v: u32) -> Out { return corner(v / 6u, v % 6u); }
@fragment fn colour() -> @location(0) vec4f { return vec4f(1.0, 0.5, 0.0, 1.0); }
`;

/**
 * The draw alone, without three.js: one 2 x 2 px quad per point drawn on a canvas
 * of the app's 3-D view size, either as the app draws its points (one instance
 * per point: draw(6, points)) or as a single non-instanced draw(6 * points)
 * whose vertex shader finds its point from vertex_index. Median ms, submit -> done.
 */
async function drawQuads(points: number, columns: number, canvasWidth: number, canvasHeight: number, instanced: boolean, reps: number): Promise<number> {
  const dev = await sharedDevice();
  const canvas = document.createElement('canvas');
  canvas.width = canvasWidth;
  canvas.height = canvasHeight;
  document.body.append(canvas);
  const context = canvas.getContext('webgpu');
  if (!context) throw new Error('no webgpu canvas context');
  const format = navigator.gpu.getPreferredCanvasFormat();
  context.configure({ device: dev, format });
  const module = dev.createShaderModule({ code: QUADS_WGSL });
  const pipeline = dev.createRenderPipeline({
    layout: 'auto',
    vertex: { module, entryPoint: instanced ? 'instanced' : 'oneDraw' },
    fragment: { module, entryPoint: 'colour', targets: [{ format }] },
    primitive: { topology: 'triangle-list' },
  });
  const uniform = dev.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  const rows = Math.ceil(points / columns);
  dev.queue.writeBuffer(uniform, 0, new Uint32Array([columns, rows]));
  dev.queue.writeBuffer(uniform, 8, new Float32Array([2 / canvasWidth, 2 / canvasHeight]));
  const group = dev.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: uniform } }] });
  const times: number[] = [];
  for (let i = 0; i <= reps; i++) {
    const encoder = dev.createCommandEncoder();
    const pass = encoder.beginRenderPass({ colorAttachments: [{ view: context.getCurrentTexture().createView(), loadOp: 'clear', storeOp: 'store', clearValue: [0, 0, 0, 1] }] });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    if (instanced) pass.draw(6, points);
    else pass.draw(6 * points);
    pass.end();
    const t0 = performance.now();
    dev.queue.submit([encoder.finish()]);
    await dev.queue.onSubmittedWorkDone();
    if (i > 0) times.push(performance.now() - t0); // the first run compiles and warms up
  }
  uniform.destroy();
  context.unconfigure();
  canvas.remove();
  return median(times);
}

// ---------------------------------------------------------------- the app's 3-D view

interface Frame {
  /** rAF time of the frame (document.timeline.currentTime while it was drawn). */
  raf: number;
  /** When three.js asked the canvas for its texture. */
  tex: number;
  /** After the task that drew it. */
  cpuEnd: number;
  /** When the GPU had finished everything submitted up to then (null until it has). */
  done: number | null;
}

const frames: Frame[] = [];
let inputs: number[] = [];
let installed = false;
let drawing: Frame | null = null;

/** Wraps getCurrentTexture to record every frame drawn on the cloud canvas, and records pointer moves. */
async function install(): Promise<{ adapter: string; cores: number; userAgent: string; maxStorageBufferBindingSize: number; maxBufferSize: number }> {
  const r = await acquireGpu();
  if (!r.ok) throw new Error(`WebGPU unavailable: ${r.detail}`);
  const dev = r.gpu.device;
  if (!installed) {
    installed = true;
    const original = GPUCanvasContext.prototype.getCurrentTexture;
    GPUCanvasContext.prototype.getCurrentTexture = function (this: GPUCanvasContext) {
      const canvas = this.canvas;
      if (!drawing && canvas instanceof HTMLCanvasElement && canvas.closest('[data-testid=cloud-canvas]')) {
        const f: Frame = { raf: document.timeline.currentTime as number, tex: performance.now(), cpuEnd: 0, done: null };
        drawing = f;
        frames.push(f);
        setTimeout(() => {
          f.cpuEnd = performance.now();
          drawing = null;
          void dev.queue.onSubmittedWorkDone().then(() => {
            f.done = performance.now();
          });
        }, 0);
      }
      return original.call(this);
    };
    window.addEventListener('pointermove', () => inputs.push(performance.now()), { capture: true });
  }
  return {
    adapter: r.gpu.adapterInfo,
    cores: navigator.hardwareConcurrency,
    userAgent: navigator.userAgent,
    maxStorageBufferBindingSize: dev.limits.maxStorageBufferBindingSize,
    maxBufferSize: dev.limits.maxBufferSize,
  };
}

const nextFrame = () => new Promise<number>((done) => requestAnimationFrame(done));

/** Resolves with the first cloud frame begun at or after `since` once the GPU has finished it. */
async function frameDoneAfter(since: number, timeoutMs = 1_500_000): Promise<Frame> {
  const limit = performance.now() + timeoutMs;
  for (;;) {
    const f = frames.find((x) => x.tex >= since && x.done !== null);
    if (f) return f;
    if (performance.now() > limit) throw new Error('no cloud frame was drawn');
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Waits until nothing is being drawn: two animation frames without a new cloud frame, and the GPU idle. */
async function settle(): Promise<void> {
  const dev = await sharedDevice();
  for (;;) {
    const n = frames.length;
    await nextFrame();
    await nextFrame();
    await dev.queue.onSubmittedWorkDone();
    if (frames.length === n && frames.every((f) => f.done !== null)) return;
  }
}

/** View -> 3-D: ms until the 3-D view says data-ready, and until the first cloud frame is on screen (GPU done). */
async function switchToCloud(): Promise<{ readyMs: number; firstFrameMs: number }> {
  await settle();
  const t0 = performance.now();
  const isReady = () => document.querySelector('[data-testid="cloud-canvas"]')?.getAttribute('data-ready') === 'true';
  const ready = new Promise<number>((resolve) => {
    if (isReady()) throw new Error('the cloud is already shown');
    const watch = new MutationObserver(() => {
      if (isReady()) {
        watch.disconnect();
        resolve(performance.now());
      }
    });
    watch.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
  });
  setState({ mode: 'cloud' });
  const readyAt = await ready;
  const f = await frameDoneAfter(t0);
  return { readyMs: readyAt - t0, firstFrameMs: (f.done as number) - t0 };
}

/** Applies a store change that redraws the cloud; ms until the cloud shows it (first frame begun after the change, GPU done). */
async function timeChange(change: 'add-median3' | 'remove-last' | 'mesh' | 'points'): Promise<number> {
  await settle();
  const t0 = performance.now();
  const s = store.getState();
  if (change === 'add-median3') addStage('median');
  else if (change === 'remove-last') removeStage(s.chain[s.chain.length - 1].id);
  else setState({ cloud: { ...s.cloud, surface: change } });
  const f = await frameDoneAfter(t0);
  return (f.done as number) - t0;
}

/** Marks the start of an orbit: frames and pointer moves are counted from here. */
async function mark(): Promise<number> {
  await settle();
  inputs = [];
  return performance.now();
}

function framesSince(t: number): number {
  return frames.filter((f) => f.tex >= t).length;
}

/**
 * Frames drawn on the cloud canvas since `t` (a continuous drag), once the GPU
 * has finished them: intervals between consecutive frames' GPU completions
 * (the frame time a user sees while dragging) and between their rAF times, the
 * CPU part of a frame (rAF -> end of the task that drew it) and its GPU tail
 * (end of that task -> onSubmittedWorkDone).
 */
async function orbitStats(t: number) {
  await settle();
  const fs = frames.filter((f) => f.tex >= t);
  const done = fs.map((f) => f.done as number);
  const intervals = done.slice(1).map((d, i) => d - done[i]);
  const rafIntervals = fs.slice(1).map((f, i) => f.raf - fs[i].raf);
  return {
    frames: fs.length,
    moves: inputs.length,
    intervals,
    medianMs: intervals.length ? median(intervals) : null,
    p95Ms: intervals.length ? quantile(intervals, 0.95) : null,
    rafMedianMs: rafIntervals.length ? median(rafIntervals) : null,
    cpuMedianMs: fs.length ? median(fs.map((f) => f.cpuEnd - f.raf)) : null,
    gpuTailMedianMs: fs.length ? median(fs.map((f) => (f.done as number) - f.cpuEnd)) : null,
  };
}

/** Input -> frame on screen: from the last pointer move before the frame (recorded since `t`) to that frame's GPU completion. */
async function latencySince(t: number): Promise<number> {
  const f = await frameDoneAfter(t);
  const before = inputs.filter((i) => i <= f.tex);
  if (!before.length) throw new Error('no pointer move before the frame');
  return (f.done as number) - before[before.length - 1];
}

function canvasSize(): { width: number; height: number; dpr: number } {
  const c = document.querySelector<HTMLCanvasElement>('[data-testid=cloud-canvas] canvas');
  return { width: c?.width ?? 0, height: c?.height ?? 0, dpr: devicePixelRatio };
}

function sourceSize(): string | null {
  const s = store.getState().source;
  return s ? `${s.raw.width}x${s.raw.height}` : null;
}

const benchCloud = { kernels, drawQuads, install, switchToCloud, timeChange, mark, now: () => performance.now(), framesSince, orbitStats, latencySince, canvasSize, sourceSize, settle };

declare global {
  interface Window {
    benchCloud: typeof benchCloud;
  }
}
window.benchCloud = benchCloud;
