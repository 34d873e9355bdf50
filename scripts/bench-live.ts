/**
 * Live depth in the app, frame by frame: Chromium's fake camera plays a
 * generated video (e2e/live-helpers.ts) at 640x480, the Live panel runs the
 * depth model on it, and each depth frame's time is split into capture
 * (createImageBitmap), preprocessing and inference (in the model's worker),
 * showing (analysis in the load worker, store update) and drawing (to the
 * heatmap's next draw). One JSON line per frame, then a summary with the
 * camera and depth rates, the frames dropped, the measures (infer_ms;
 * other_ms, everything else per frame; readback_bytes; depth_fps against
 * 0.9 x min(camera fps, 1 / inference)) and the page's responsiveness while it
 * runs (long tasks, and how late a 10 ms timer fires on the main thread).
 *
 * Both paths are timed, each in its own Chromium: 'app-device' (the model on
 * the app's GPU device, frames normalised in WGSL: what the app does) and
 * 'worker' (the model in its worker, transformers.js normalising on the CPU;
 * chosen with the localStorage switch main.tsx reads).
 *
 *   npx tsx scripts/bench-live.ts [--model=/models/tiny-depth-anything/] [--frames=30] [--height=480] [--path=app-device,worker]
 *
 * or, once hooked into scripts/bench.ts, `npm run bench -- live`. The default
 * model is the generated tiny one (this machine cannot download weights); give
 * a folder holding Depth Anything V2 small (served under public/) to time it.
 * On SwiftShader the times say where the work goes, not how fast a GPU is.
 */
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { pathToFileURL } from 'node:url';
import { chromiumPath, WEBGPU_FLAGS } from '../e2e/chromium';
import { writeCameraVideo } from '../e2e/live-helpers';

type Emit = (record: Record<string, unknown>) => void;

export interface LiveBenchOptions {
  model: string;
  /** Depth frames timed, after WARMUP frames that are not. */
  frames: number;
  /** Camera frame height (4:3). */
  height: number;
  /** The live paths to time (see the header). */
  paths: LivePath[];
}

export type LivePath = 'app-device' | 'worker';

export const DEFAULT_LIVE_BENCH: LiveBenchOptions = { model: '/models/tiny-depth-anything/', frames: 30, height: 480, paths: ['app-device', 'worker'] };
/** The first frames pay for shader compilation and buffer creation. */
const WARMUP = 3;

interface FrameRecord {
  captureMs: number;
  preprocessMs: number;
  inferenceMs: number;
  showMs: number;
  readbackBytes: number;
  drawMs: number | null;
}

/** Installed before the app's scripts: long tasks and the lateness of a 10 ms timer, the page's responsiveness. */
function watchResponsiveness(): void {
  const w = window as unknown as { __longTasks: number[]; __timerLag: number[] };
  w.__longTasks = [];
  w.__timerLag = [];
  new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    w.__timerLag.push(Math.max(0, now - last - 10));
    last = now;
  }, 10);
}

/** Runs against the app served at `base`, in its own Chromium (the fake camera needs launch flags). */
export async function benchLive(base: string, emit: Emit, options: LiveBenchOptions = DEFAULT_LIVE_BENCH): Promise<void> {
  const video = writeCameraVideo(Math.round((options.height * 4) / 3), options.height);
  for (const path of options.paths) await benchLivePath(base, emit, options, video, path);
}

async function benchLivePath(base: string, emit: Emit, options: LiveBenchOptions, video: string, path: LivePath): Promise<void> {
  const width = Math.round((options.height * 4) / 3);
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...WEBGPU_FLAGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
  try {
    const page = await browser.newPage();
    await page.addInitScript(watchResponsiveness);
    if (path === 'worker') await page.addInitScript(() => localStorage.setItem('depthscope:live-path', 'worker'));
    await page.goto(`${base}/?model=${encodeURIComponent(options.model)}`);
    await page.getByTestId('stats').and(page.locator('[data-width]')).waitFor({ timeout: 120_000 });
    await page.getByTestId('live-start').click();
    const framesShown = () => page.evaluate(() => performance.getEntriesByName('depthscope:live-frame').length);
    await page.waitForFunction((n) => performance.getEntriesByName('depthscope:live-frame').length >= n, WARMUP, { timeout: 300_000 });
    const from = await framesShown();
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[]; __timerLag: number[] };
      w.__longTasks.length = 0;
      w.__timerLag.length = 0;
    });
    await page.waitForFunction((n) => performance.getEntriesByName('depthscope:live-frame').length >= n, from + options.frames, {
      timeout: 600_000,
    });
    const info = await page.getByTestId('live-model-info').evaluate((e) => ({ device: (e as HTMLElement).dataset.device, path: (e as HTMLElement).dataset.path, text: e.textContent }));
    if (info.path !== path) throw new Error(`asked for the ${path} path, the page ran ${info.path}`);
    // Responsiveness over the timed frames only (loading the model is not live work).
    const responsiveness = await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[]; __timerLag: number[] };
      const lag = [...w.__timerLag].sort((a, b) => a - b);
      return { longTasks: w.__longTasks.length, longestTask: Math.max(0, ...w.__longTasks), lagP95: lag[Math.floor(lag.length * 0.95)] ?? 0, lagMax: lag.at(-1) ?? 0 };
    });
    const stats = await page.getByTestId('live-stats').evaluate((e) => ({ ...(e as HTMLElement).dataset }));
    const records = await page.evaluate(
      ([first, count]) => {
        const shown = performance.getEntriesByName('depthscope:live-frame').slice(first, first + count) as PerformanceMark[];
        const draws = performance.getEntriesByName('depthscope:first-frame').map((d) => d.startTime);
        return shown.map((m) => {
          // The heatmap's first draw after the frame was handed over is the one that shows it.
          const draw = draws.find((t) => t >= m.startTime);
          return { ...(m.detail as Omit<FrameRecord, 'drawMs'>), drawMs: draw === undefined ? null : draw - m.startTime };
        });
      },
      [from, options.frames] as const,
    );
    await page.getByTestId('live-stop').click();
    for (const [i, r] of records.entries()) {
      const total = r.captureMs + r.preprocessMs + r.inferenceMs + r.showMs + (r.drawMs ?? 0);
      emit({
        bench: 'live-frame', frame: i, path, model: options.model, device: info.device, camera_width: width, camera_height: options.height,
        capture_ms: r.captureMs, preprocess_ms: r.preprocessMs, inference_ms: r.inferenceMs, show_ms: r.showMs, draw_ms: r.drawMs, total_ms: total, readback_bytes: r.readbackBytes,
      });
    }
    const withOther = records.map((r) => ({ ...r, otherMs: r.captureMs + r.preprocessMs + r.showMs + (r.drawMs ?? 0) }));
    const median = (k: keyof FrameRecord | 'otherMs') => {
      const v = withOther.map((r) => r[k]).filter((x): x is number => x !== null).sort((a, b) => a - b);
      return v[Math.floor(v.length / 2)] ?? null;
    };
    const inferMs = median('inferenceMs') ?? Number.NaN;
    // Everything else a frame costs: capture, preprocessing, showing and drawing (medians of the per-frame sums).
    const otherMs = median('otherMs') ?? Number.NaN;
    const cameraFps = Number(stats.cameraFps);
    const depthFps = Number(stats.depthFps);
    const depthFpsGoal = 0.9 * Math.min(cameraFps, 1000 / inferMs);
    emit({
      bench: 'live', path, model: options.model, device: info.device, backend: info.text, camera_width: width, camera_height: options.height, frames: records.length,
      infer_ms: inferMs, other_ms: otherMs, other_per_infer: otherMs / inferMs, readback_bytes: median('readbackBytes'),
      camera_fps: cameraFps, depth_fps: depthFps, depth_fps_goal: depthFpsGoal, depth_fps_per_goal: depthFps / depthFpsGoal,
      latency_ms: Number(stats.latencyMs), dropped: Number(stats.dropped),
      median_capture_ms: median('captureMs'), median_preprocess_ms: median('preprocessMs'), median_show_ms: median('showMs'), median_draw_ms: median('drawMs'),
      long_tasks: responsiveness.longTasks, longest_task_ms: responsiveness.longestTask, timer_lag_p95_ms: responsiveness.lagP95, timer_lag_max_ms: responsiveness.lagMax,
    });
  } finally {
    await browser.close();
  }
}

function optionsFromArgs(args: string[]): LiveBenchOptions {
  const value = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  return {
    model: value('model') ?? DEFAULT_LIVE_BENCH.model,
    frames: Number(value('frames') ?? DEFAULT_LIVE_BENCH.frames),
    height: Number(value('height') ?? DEFAULT_LIVE_BENCH.height),
    paths: (value('path')?.split(',') as LivePath[] | undefined) ?? DEFAULT_LIVE_BENCH.paths,
  };
}

// Run on its own: serve the app (no HMR, so a saved file cannot reload the page mid-run) and time it.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.BENCH_PORT ?? 5299);
  const server = await createServer({ server: { port, strictPort: true, host: '127.0.0.1', hmr: false }, logLevel: 'error' });
  await server.listen();
  const round = (v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(4)) : v);
  try {
    await benchLive(`http://127.0.0.1:${port}`, (r) => console.log(JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v)])))), optionsFromArgs(process.argv.slice(2)));
  } finally {
    await server.close();
  }
}
