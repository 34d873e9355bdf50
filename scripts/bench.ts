/**
 * npm run bench [-- decode|colormap|frame ...]
 *
 * Prints one JSON line per case: the input size, the time of our code, a
 * reference run in the same process, and their ratio (ours / reference).
 * - decode (Node): each decoder on a synthetic depth map at 640x480 and 4K.
 *   Reference: the library underneath (fast-png, tiff) or, for our own
 *   parsers (PGM, PFM, NPY), copying the payload into a typed array.
 * - colormap (Chromium): shaders/colormap.wgsl on WebGPU vs its CPU reference.
 * - filters (Chromium): each depth-filter kernel on WebGPU (timestamp queries
 *   where the adapter has them), its CPU reference and OpenCV.js's counterpart
 *   (medianBlur, bilateralFilter, inpaint) in the same page (e2e/bench-page.ts),
 *   at 640x480, 1280x720, 1920x1080 and 3840x2160.
 * - quality (Node): each filter and preset against the synthetic scene's ground
 *   truth over a sequence of frames (scripts/bench-quality.ts, docs/quality.md).
 * - frame (Chromium): file chosen -> first heatmap frame in the app, WebGPU vs
 *   the WebGL/CPU fallback.
 * - cloud (Chromium): the 3-D view, 640x480 to 4K: back-projection kernels vs
 *   their CPU reference, and in the app the switch to 3-D, orbit frame times,
 *   a filter change and the mesh (scripts/bench-cloud.ts).
 * - compare (Chromium): comparing with a reference, 640x480 and 4K: metrics
 *   under each alignment, the error maps and the plots' histograms on WebGPU vs
 *   the float64 TypeScript references; then the app's Batch panel on
 *   BENCH_PAIRS (default 654) NYU-sized pairs: pairs per second and the tab's
 *   memory (scripts/bench-compare.ts).
 * - live (Chromium): the webcam path on Chromium's fake camera with the tiny
 *   model: capture, preprocessing, inference and showing per frame, depth fps
 *   (scripts/bench-live.ts).
 * - hostile (Node, then Chromium): the crafted files and links of issue 13
 *   (src/io/hostile-files.ts): size, decode time, the answer (values ok or the
 *   refusal), and time per ordinary file of the same pixel count; link parse
 *   time of 40,000-digit numbers; then the files opened in the app, chosen ->
 *   worker answer (scripts/bench-hostile.ts).
 * - recordings (Node): a generated 2 GB ROS bag (indexed, then re-indexed)
 *   and MCAP file at 640x480: open time, bytes read to open, heap after
 *   opening, random frame access (scripts/bench-recordings.ts), and each file
 *   opened in the app through the file input: open time, bytes read, the
 *   tab's memory after opening and scrubbing (scripts/bench-recordings-big-app.ts);
 *   then playback fps of a bag at 640x480 and 1280x720 against the reader
 *   alone, and where a frame's time goes (scripts/bench-recordings-app.ts).
 * - recon (Node, then Chromium): TSDF fusion of the synthetic room: F-score at
 *   1 cm and 2 cm against the true surface, integration per frame and marching
 *   cubes per million voxels, WebGPU vs the CPU reference (scripts/bench-recon.ts).
 * Here WebGPU runs on SwiftShader (a CPU driver): ratios and growth with size
 * mean something; absolute GPU times do not.
 */
import { chromium, type Browser } from '@playwright/test';
import { decode as decodePngLib } from 'fast-png';
import { decode as decodeTiffLib } from 'tiff';
import { createServer } from 'vite';
import { makeSyntheticScene, measuredAsMillimetres } from '../src/core/synthetic-scene';
import { decodeDepth } from '../src/io/decode-depth';
import { encodePng16 } from '../src/io/encode-png16';
import { encodeTiff } from '../src/io/encode-tiff';
import { encodePgm } from '../src/io/encode-pgm';
import { encodePfm } from '../src/io/encode-pfm';
import { encodeNpy } from '../src/io/encode-npy';
import { chromiumPath, WEBGPU_FLAGS } from '../e2e/chromium';
import { benchQuality } from './bench-quality';
import { benchCloud } from './bench-cloud';
import { pairedMedians } from './bench-timing';
import { benchLive } from './bench-live';
import { benchCompare } from './bench-compare';
import { benchHostile, benchHostileInApp } from './bench-hostile';
import { benchRecordings } from './bench-recordings';
import { benchRecordingsInApp } from './bench-recordings-app';
import { benchBigFileInApp } from './bench-recordings-big-app';
import { benchRecon, benchReconQuality, reconCase } from './bench-recon';

const SIZES = [
  [640, 480],
  [3840, 2160],
] as const;
const KERNEL_SIZES = [[640, 480], [1280, 720], [1920, 1080], [3840, 2160]] as const;

function emit(record: Record<string, unknown>): void {
  const round = (v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(4)) : v);
  console.log(JSON.stringify(Object.fromEntries(Object.entries(record).map(([k, v]) => [k, round(v)]))));
}

function benchDecode(): void {
  for (const [width, height] of SIZES) {
    const scene = makeSyntheticScene({ width, height });
    const mm = measuredAsMillimetres(scene);
    const metres = new Float32Array(scene.measuredM);
    const cases: { format: string; bytes: Uint8Array; reference: string; ref: (b: Uint8Array) => unknown }[] = [
      { format: 'png16', bytes: encodePng16({ width, height, data: mm }), reference: 'fast-png decode', ref: (b) => decodePngLib(b) },
      { format: 'tiff-u16', bytes: encodeTiff({ width, height, data: mm }), reference: 'tiff decode', ref: (b) => decodeTiffLib(b) },
      { format: 'tiff-f32', bytes: encodeTiff({ width, height, data: metres }), reference: 'tiff decode', ref: (b) => decodeTiffLib(b) },
      { format: 'pgm16', bytes: encodePgm({ width, height, data: mm }), reference: 'payload copy', ref: copyTail(width * height * 2) },
      { format: 'pfm', bytes: encodePfm({ width, height, data: metres }), reference: 'payload copy', ref: copyTail(width * height * 4) },
      { format: 'npy-u2', bytes: encodeNpy({ width, height, data: mm }), reference: 'payload copy', ref: copyTail(width * height * 2) },
      { format: 'npy-f4', bytes: encodeNpy({ width, height, data: metres }), reference: 'payload copy', ref: copyTail(width * height * 4) },
    ];
    const reps = width * height > 1e6 ? 9 : 21;
    for (const c of cases) {
      const { ms, referenceMs, ratio } = pairedMedians(reps, () => decodeDepth(c.bytes), () => c.ref(c.bytes));
      emit({ bench: 'decode', format: c.format, width, height, bytes: c.bytes.length, ms, mb_per_s: c.bytes.length / 1e6 / (ms / 1000), reference: c.reference, reference_ms: referenceMs, ratio });
    }
  }
}

/** Copies the last n bytes into a fresh typed array: the least any decoder must do. */
function copyTail(n: number): (b: Uint8Array) => unknown {
  return (b) => new Uint8Array(b.subarray(b.length - n));
}

// Not the ports of the dev server (5173) or of test runs (5199, 530x), so a benchmark can run beside them.
const PORT = Number(process.env.BENCH_PORT ?? 5310);

async function withApp<T>(fn: (browser: Browser, base: string) => Promise<T>): Promise<T> {
  // No HMR: a file saved while a benchmark runs must not reload the page under it.
  const server = await createServer({ server: { port: PORT, strictPort: true, host: '127.0.0.1', hmr: false }, logLevel: 'error' });
  await server.listen();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: WEBGPU_FLAGS });
  try {
    return await fn(browser, `http://127.0.0.1:${PORT}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

async function openBenchPage(browser: Browser, base: string) {
  const page = await browser.newPage();
  await page.goto(`${base}/e2e/bench-page.html`);
  await page.waitForFunction(() => 'benchPage' in window);
  return page;
}

async function benchColormap(browser: Browser, base: string): Promise<void> {
  const page = await openBenchPage(browser, base);
  for (const [width, height] of KERNEL_SIZES) {
    const r = await page.evaluate(([w, h]) => window.benchPage.colormap(w, h, 15), [width, height] as const);
    emit({ bench: 'colormap', width, height, pixels: width * height, ms: r.gpuMs, backend: 'webgpu', reference: 'cpu colorize', reference_ms: r.cpuMs, ratio: r.gpuMs / r.cpuMs });
  }
  await page.close();
}

async function benchFilters(browser: Browser, base: string): Promise<void> {
  const page = await openBenchPage(browser, base);
  const info = await page.evaluate(() => window.benchPage.info());
  emit({ bench: 'filter-setup', adapter: info.adapter, timestamp_query: info.timestamps, cores: info.cores, user_agent: info.userAgent });
  // BENCH_KERNELS=median3,spatial and BENCH_SIZES=640x480 narrow a run down.
  const only = process.env.BENCH_KERNELS?.split(',');
  const names = (await page.evaluate(() => window.benchPage.caseNames())).filter((n) => !only || only.includes(n));
  const sizes = KERNEL_SIZES.filter(([w, h]) => !process.env.BENCH_SIZES || process.env.BENCH_SIZES.split(',').includes(`${w}x${h}`));
  for (const name of names) {
    for (const [width, height] of sizes) {
      const reps = Number(process.env.BENCH_REPS ?? (width * height > 2e6 ? 5 : 11));
      const r = await page.evaluate(({ name, width, height, reps }) => window.benchPage.kernel(name, width, height, reps), { name, width, height, reps });
      emit({
        bench: 'filter', kernel: name, args: r.args, width, height, pixels: width * height,
        gpu_ms: r.gpuMs, gpu_timer: r.gpuTimer, gpu_wall_ms: r.wallMs, cpu_ms: r.cpuMs, opencv: r.opencv, opencv_ms: r.opencvMs,
        before_ms: r.beforeMs, gpu_per_cpu: r.gpuMs / r.cpuMs, gpu_per_opencv: r.opencvMs === null ? null : r.gpuMs / r.opencvMs,
        gpu_per_before: r.beforeMs === null ? null : r.gpuMs / r.beforeMs,
        // The fastest of the rounds: on a shared machine, load only ever adds time.
        gpu_min_ms: r.gpuMinMs, before_min_ms: r.beforeMinMs, opencv_min_ms: r.opencvMinMs,
      });
    }
  }
  await page.close();
}

/** ms from file chosen to the first frame that shows it, median of `reps` opens. */
interface FrameTiming {
  total: number;
  decode: number;
  analyze: number;
  /** File chosen -> worker result on the main thread, minus the worker's own stages: reading and transfers. */
  io: number;
  /** Worker result -> first frame drawn: React, upload, colormap kernel, draw. */
  show: number;
}

async function firstFrameMs(browser: Browser, base: string, file: { name: string; buffer: Buffer }, webgpu: boolean, reps: number): Promise<FrameTiming> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  if (!webgpu) await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined }));
  await page.goto(`${base}/`);
  await page.waitForFunction(() => performance.getEntriesByName('depthscope:first-frame').length > 0, null, { timeout: 60_000 });
  const times: FrameTiming[] = [];
  for (let i = 0; i < reps; i++) {
    const before = await page.evaluate(() => performance.getEntriesByName('depthscope:first-frame').length);
    await page.locator('[data-testid=file-input]').setInputFiles({ name: file.name, mimeType: 'image/png', buffer: file.buffer });
    await page.waitForFunction((n) => performance.getEntriesByName('depthscope:first-frame').length > n, before, { timeout: 120_000 });
    times.push(
      await page.evaluate(() => {
        // No helper functions in here: tsx would wrap them in a __name() the page does not have.
        const chosen = performance.getEntriesByName('depthscope:file-chosen').at(-1)!.startTime;
        const loaded = performance.getEntriesByName('depthscope:loaded').at(-1) as PerformanceMark;
        const frame = performance.getEntriesByName('depthscope:first-frame').at(-1)!.startTime;
        const { decodeMs, analyzeMs } = loaded.detail as { decodeMs: number; analyzeMs: number };
        return { total: frame - chosen, decode: decodeMs, analyze: analyzeMs, io: loaded.startTime - chosen - decodeMs - analyzeMs, show: frame - loaded.startTime };
      }),
    );
  }
  await page.close();
  return times.sort((a, b) => a.total - b.total)[Math.floor(reps / 2)];
}

async function benchFirstFrame(browser: Browser, base: string): Promise<void> {
  for (const [width, height] of SIZES) {
    const scene = makeSyntheticScene({ width, height });
    const buffer = Buffer.from(encodePng16({ width, height, data: measuredAsMillimetres(scene) }));
    const file = { name: `synthetic-${width}x${height}.png`, buffer };
    const reps = width * height > 1e6 ? 3 : 5;
    const gpu = await firstFrameMs(browser, base, file, true, reps);
    const cpu = await firstFrameMs(browser, base, file, false, reps);
    emit({
      bench: 'first-frame', format: 'png16', width, height, bytes: buffer.length, ms: gpu.total, backend: 'webgpu',
      decode_ms: gpu.decode, analyze_ms: gpu.analyze, io_ms: gpu.io, show_ms: gpu.show,
      reference: 'webgl + cpu colormap', reference_ms: cpu.total, reference_show_ms: cpu.show, ratio: gpu.total / cpu.total,
    });
  }
}

const wanted = new Set(process.argv.slice(2));
const run = (name: string) => wanted.size === 0 || wanted.has(name);
if (run('decode')) benchDecode();
if (run('quality')) benchQuality(emit);
if (run('recordings')) {
  await withApp(async (browser, base) => {
    await benchRecordings(emit, (path, format) => benchBigFileInApp(browser, base, path, format, emit));
    await benchRecordingsInApp(browser, base, emit);
  });
}
if (run('hostile')) {
  benchHostile(emit);
  await withApp((browser, base) => benchHostileInApp(browser, base, emit));
}
if (run('colormap') || run('frame') || run('filters')) {
  await withApp(async (browser, base) => {
    if (run('colormap')) await benchColormap(browser, base);
    if (run('filters')) await benchFilters(browser, base);
    if (run('frame')) await benchFirstFrame(browser, base);
  });
}
if (run('cloud')) await withApp((browser, base) => benchCloud(browser, base, emit));
if (run('compare')) await withApp((browser, base) => benchCompare(browser, base, emit));
if (run('recon')) {
  if (reconCase('fscore')) benchReconQuality(emit);
  await withApp((browser, base) => benchRecon(browser, base, emit));
}
// Live launches its own Chromium: the fake camera needs launch flags.
if (run('live')) await withApp((_browser, base) => benchLive(base, emit));
