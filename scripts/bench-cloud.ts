/**
 * `npm run bench -- cloud`: the 3-D view's cost, 640x480 to 4K (BENCH_SIZES
 * narrows the sizes; 640x480 is always measured, as the reference).
 *
 * 1. cloud-kernel (e2e/bench-page.html + e2e/bench-cloud-page.ts): the
 *    back-projection kernel (shaders/backproject.wgsl) and, for the mesh, the
 *    kernel with its discontinuity cut plus shaders/mesh-index.wgsl, on the
 *    shared device, dispatch -> onSubmittedWorkDone, against the CPU
 *    references (src/core/backproject.ts) on the same input in the same page.
 *    ratio = GPU / CPU.
 * 2. cloud-view: the real app (index.html). A synthetic depth map of each size
 *    is opened through the file input (16-bit NPY, millimetres); then, with the
 *    app's own store and shared device (e2e/bench-cloud-page.ts):
 *    - switch to the 3-D view: ms until the view's data-ready, and until the
 *      first cloud frame is finished on the GPU;
 *    - orbit: a continuous drag on the canvas with the mouse (OrbitControls);
 *      frame time = interval between consecutive frames' GPU completions
 *      (onSubmittedWorkDone after each frame), median and p95, and fps;
 *    - latency: one mouse move, then wait: move -> that frame done on the GPU;
 *    - a filter change in 3-D: a median 3x3 stage added (and removed) via the
 *      store, ms until the cloud is redrawn with it (GPU done);
 *    - the same for the mesh (surface switched in the store: ms to the first
 *      mesh frame, then orbit and latency).
 *    ratio_* = this size / the same measurement at 640x480 in this process.
 * Here WebGPU runs on SwiftShader (a CPU driver): ratios and growth with size
 * mean something; absolute times do not.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { makeSyntheticScene, measuredAsMillimetres } from '../src/core/synthetic-scene';
import { encodeNpy } from '../src/io/encode-npy';

type Emit = (record: Record<string, unknown>) => void;

const ALL_SIZES = [[640, 480], [1280, 720], [1920, 1080], [3840, 2160]] as const;
const REFERENCE = '640x480';

function wantedSizes(): (readonly [number, number])[] {
  const only = process.env.BENCH_SIZES?.split(',');
  return ALL_SIZES.filter(([w, h]) => !only || only.includes(`${w}x${h}`));
}

interface OrbitResult {
  frames: number;
  moves: number;
  medianMs: number | null;
  p95Ms: number | null;
  rafMedianMs: number | null;
  cpuMedianMs: number | null;
  gpuTailMedianMs: number | null;
}

interface ViewResult {
  firstFrameMs: number;
  readyMs: number | null;
  orbit: OrbitResult;
  latency: { medianMs: number; p95Ms: number; n: number };
  filterMs: number | null;
  unfilterMs: number | null;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const p95 = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
};

async function canvasCentre(page: Page) {
  const box = await page.locator('[data-testid=cloud-canvas] canvas').boundingBox();
  if (!box) throw new Error('no cloud canvas');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * How many repetitions fit a measurement: SwiftShader takes from about a second
 * to minutes per frame here, so each measurement gets about BUDGET_MS, given the
 * frame time `estMs` seen when the view (or surface) was switched.
 */
const BUDGET_MS = 30_000;
const fit = (estMs: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.floor(BUDGET_MS / estMs)));

/**
 * A continuous drag (mouse moves sent back to back, 5 px apart, swinging
 * +-120 px), until `frames` cloud frames are drawn (frame time = interval
 * between consecutive frames' GPU completions, so frames - 1 intervals).
 */
async function orbit(page: Page, frames: number): Promise<OrbitResult> {
  const c = await canvasCentre(page);
  await page.mouse.move(c.x, c.y);
  const t = await page.evaluate(() => window.benchCloud.mark());
  await page.mouse.down();
  let x = c.x;
  let dir = 1;
  for (let i = 1; ; i++) {
    x += 5 * dir;
    if (Math.abs(x - c.x) >= 120) dir = -dir;
    await page.mouse.move(x, c.y + (x - c.x) * 0.2);
    if (i % 5 === 0 && (await page.evaluate((since) => window.benchCloud.framesSince(since), t)) >= frames) break;
  }
  await page.mouse.up();
  return page.evaluate((since) => window.benchCloud.orbitStats(since), t);
}

/** `n` single mouse moves of a drag, each waited for: move -> that frame finished on the GPU. */
async function latency(page: Page, n: number): Promise<{ medianMs: number; p95Ms: number; n: number }> {
  const c = await canvasCentre(page);
  await page.mouse.move(c.x, c.y);
  await page.mouse.down();
  const times: number[] = [];
  for (let i = 1; i <= n; i++) {
    const t = await page.evaluate(() => window.benchCloud.mark());
    await page.mouse.move(c.x - 8 * i, c.y);
    times.push(await page.evaluate((since) => window.benchCloud.latencySince(since), t));
  }
  await page.mouse.up();
  return { medianMs: median(times), p95Ms: p95(times), n };
}

async function openWith(browser: Browser, base: string, file: string, width: number, height: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  page.setDefaultTimeout(1_500_000);
  await page.goto(`${base}/`);
  await page.waitForFunction(() => performance.getEntriesByName('depthscope:first-frame').length > 0, null, { timeout: 120_000 });
  // The Vite URL of the module, so its imports are the app's own module instances.
  await page.evaluate('import("/e2e/bench-cloud-page.ts")');
  await page.evaluate(() => window.benchCloud.install());
  const before = await page.evaluate(() => performance.getEntriesByName('depthscope:first-frame').length);
  await page.locator('[data-testid=file-input]').setInputFiles(file);
  await page.waitForFunction(
    ({ size, before }) => window.benchCloud.sourceSize() === size && performance.getEntriesByName('depthscope:first-frame').length > before,
    { size: `${width}x${height}`, before },
    { timeout: 300_000 },
  );
  return page;
}

/** One size in the app: points (switch, orbit, latency, filter change), then the mesh (switch, orbit, latency). */
async function measureView(browser: Browser, base: string, file: string, width: number, height: number) {
  const page = await openWith(browser, base, file, width, height);
  const sw = await page.evaluate(() => window.benchCloud.switchToCloud());
  const canvas = await page.evaluate(() => window.benchCloud.canvasSize());
  // At least 3 frames (2 intervals); 2 frames (1 interval) where one frame takes over a minute.
  const minFrames = (est: number) => (est > 60_000 ? 2 : 3);
  const points: ViewResult = {
    firstFrameMs: sw.firstFrameMs,
    readyMs: sw.readyMs,
    orbit: await orbit(page, fit(sw.firstFrameMs, minFrames(sw.firstFrameMs), 40)),
    latency: await latency(page, fit(sw.firstFrameMs, 1, 11)),
    filterMs: null,
    unfilterMs: null,
  };
  const adds: number[] = [];
  const removes: number[] = [];
  for (let i = 0; i < fit(2 * sw.firstFrameMs, 1, 3); i++) {
    adds.push(await page.evaluate(() => window.benchCloud.timeChange('add-median3')));
    // Over a minute a frame: the stage stays (the mesh is then measured with it; see meshFiltered).
    if (sw.firstFrameMs > 60_000) break;
    removes.push(await page.evaluate(() => window.benchCloud.timeChange('remove-last')));
  }
  points.filterMs = median(adds);
  points.unfilterMs = removes.length ? median(removes) : null;
  const meshFiltered = removes.length < adds.length;
  const meshFirst = await page.evaluate(() => window.benchCloud.timeChange('mesh'));
  const mesh: ViewResult = {
    firstFrameMs: meshFirst,
    readyMs: null,
    orbit: await orbit(page, fit(meshFirst, minFrames(meshFirst), 30)),
    latency: await latency(page, fit(meshFirst, 1, 7)),
    filterMs: null,
    unfilterMs: null,
  };
  await page.close();
  return { canvas, points, mesh, meshFiltered };
}

async function benchKernels(browser: Browser, base: string, emit: Emit): Promise<void> {
  const page = await browser.newPage();
  page.setDefaultTimeout(1_500_000);
  await page.goto(`${base}/e2e/bench-page.html`);
  await page.evaluate('import("/e2e/bench-cloud-page.ts")');
  const info = await page.evaluate(() => window.benchCloud.install());
  emit({ bench: 'cloud-setup', adapter: info.adapter, cores: info.cores, user_agent: info.userAgent, max_storage_buffer_binding_size: info.maxStorageBufferBindingSize, max_buffer_size: info.maxBufferSize });
  for (const [width, height] of wantedSizes()) {
    const reps = width * height > 2e6 ? 5 : 11;
    const r = await page.evaluate(({ width, height, reps }) => window.benchCloud.kernels(width, height, reps), { width, height, reps });
    const reference = 'cpu reference, src/core/backproject.ts, same input and page';
    emit({
      bench: 'cloud-kernel', case: 'backproject', width, height, points: r.points,
      gpu_ms: r.gpuPoints.wallMs, gpu_timer: 'submit-to-done', gpu_timestamp_ms: r.gpuPoints.timestampMs,
      cpu_ms: r.cpuPoints, reference, ratio: r.gpuPoints.wallMs / r.cpuPoints,
    });
    emit({
      bench: 'cloud-kernel', case: 'backproject-cut+mesh-index', width, height, points: r.points, triangles: r.triangles,
      gpu_ms: r.gpuMesh.wallMs, gpu_timer: 'submit-to-done', gpu_timestamp_ms: r.gpuMesh.timestampMs,
      cpu_ms: r.cpuMesh, reference, ratio: r.gpuMesh.wallMs / r.cpuMesh,
    });
    // Keep last frames: the GPU-to-GPU copy of a frame's points into the ring, against the back-projection it follows.
    emit({
      bench: 'cloud-kernel', case: 'keep-copy', width, height, points: r.points, bytes: r.points * 16,
      gpu_ms: r.gpuKeep.wallMs, gpu_timer: 'submit-to-done', gpu_timestamp_ms: r.gpuKeep.timestampMs,
      reference: 'backproject on the GPU, same size and page', ratio: r.gpuKeep.wallMs / r.gpuPoints.wallMs,
    });
  }
  await page.close();
}

/** Returns, per size measured, the app's canvas and its points frame time while orbiting. */
async function benchView(browser: Browser, base: string, emit: Emit): Promise<Map<string, { canvas: { width: number; height: number }; pointsFrameMs: number | null }>> {
  const seen = new Map<string, { canvas: { width: number; height: number }; pointsFrameMs: number | null }>();
  const dir = mkdtempSync(path.join(tmpdir(), 'depthscope-bench-cloud-'));
  try {
    const sizes = wantedSizes();
    // 640x480 is the reference of the ratios: measured first, whatever BENCH_SIZES says.
    const order = [[640, 480] as const, ...sizes.filter(([w, h]) => `${w}x${h}` !== REFERENCE)];
    let ref: Awaited<ReturnType<typeof measureView>> | null = null;
    for (const [width, height] of order) {
      const scene = makeSyntheticScene({ width, height });
      const file = path.join(dir, `synthetic-${width}x${height}.npy`);
      writeFileSync(file, encodeNpy({ width, height, data: measuredAsMillimetres(scene) }));
      const r = await measureView(browser, base, file, width, height);
      ref ??= r;
      seen.set(`${width}x${height}`, { canvas: r.canvas, pointsFrameMs: r.points.orbit.medianMs });
      const columns = width;
      const rows = height;
      for (const surface of ['points', 'mesh'] as const) {
        const v = r[surface];
        const base0 = ref[surface];
        const ratio = (a: number | null, b: number | null) => (a === null || b === null ? null : a / b);
        emit({
          bench: 'cloud-view', case: surface, width, height, points: width * height,
          triangles: surface === 'mesh' ? 2 * (columns - 1) * (rows - 1) : undefined,
          stride: 1, canvas: `${r.canvas.width}x${r.canvas.height}`,
          chain: surface === 'mesh' && r.meshFiltered ? 'median 3x3 (left on)' : 'none',
          ready_ms: v.readyMs ?? undefined,
          first_frame_ms: v.firstFrameMs,
          first_frame_from: surface === 'points' ? 'view switched to 3-D' : 'surface switched from points to mesh',
          orbit_frames: v.orbit.frames, orbit_median_ms: v.orbit.medianMs, orbit_p95_ms: v.orbit.p95Ms,
          orbit_fps: v.orbit.medianMs ? 1000 / v.orbit.medianMs : null,
          orbit_raf_median_ms: v.orbit.rafMedianMs, frame_cpu_ms: v.orbit.cpuMedianMs, frame_gpu_tail_ms: v.orbit.gpuTailMedianMs,
          latency_n: v.latency.n, latency_median_ms: v.latency.medianMs, latency_p95_ms: v.latency.p95Ms,
          filter_median3_ms: v.filterMs ?? undefined, filter_remove_ms: v.unfilterMs ?? undefined,
          reference: 'this measurement at 640x480, same process',
          ratio_first_frame: ratio(v.firstFrameMs, base0.firstFrameMs),
          ratio_orbit: ratio(v.orbit.medianMs, base0.orbit.medianMs),
          ratio_latency: ratio(v.latency.medianMs, base0.latency.medianMs),
          ratio_filter: ratio(v.filterMs, base0.filterMs),
        });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return seen;
}

/**
 * The draw alone (e2e/bench-cloud-page.ts drawQuads): one 2 x 2 px quad per
 * point on a canvas of the app's 3-D view size, as one instance per point (the
 * app's sprites) and as a single non-instanced draw. Instanced only at 640x480
 * (it is the app's path, whose cost at every size the cloud-view lines give);
 * ratio = this / the instanced draw at 640x480.
 */
async function benchDraw(browser: Browser, base: string, emit: Emit, view: Map<string, { canvas: { width: number; height: number }; pointsFrameMs: number | null }>) {
  const ref = view.get(REFERENCE);
  if (!ref) throw new Error('no 640x480 reference view');
  const { width: cw, height: ch } = ref.canvas;
  const page = await browser.newPage();
  page.setDefaultTimeout(1_500_000);
  await page.goto(`${base}/e2e/bench-page.html`);
  await page.evaluate('import("/e2e/bench-cloud-page.ts")');
  const instancedMs = await page.evaluate(({ cw, ch }) => window.benchCloud.drawQuads(640 * 480, 640, cw, ch, true, 2), { cw, ch });
  emit({ bench: 'cloud-draw', case: 'quads-instanced', width: 640, height: 480, points: 640 * 480, canvas: `${cw}x${ch}`, ms: instancedMs, reference: 'itself', ratio: 1 });
  for (const [width, height] of [[640, 480] as const, ...wantedSizes().filter(([w, h]) => `${w}x${h}` !== REFERENCE)]) {
    const reps = width * height > 2e6 ? 3 : 5;
    const ms = await page.evaluate(({ n, w, cw, ch, reps }) => window.benchCloud.drawQuads(n, w, cw, ch, false, reps), { n: width * height, w: width, cw, ch, reps });
    emit({
      bench: 'cloud-draw', case: 'quads-one-draw', width, height, points: width * height, canvas: `${cw}x${ch}`, ms,
      app_points_frame_ms: view.get(`${width}x${height}`)?.pointsFrameMs ?? null,
      reference: 'the same quads instanced at 640x480, same page', reference_ms: instancedMs, ratio: ms / instancedMs,
    });
  }
  await page.close();
}

export async function benchCloud(browser: Browser, base: string, emit: Emit): Promise<void> {
  await benchKernels(browser, base, emit);
  const view = await benchView(browser, base, emit);
  await benchDraw(browser, base, emit, view);
}
