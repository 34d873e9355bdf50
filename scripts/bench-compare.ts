/**
 * `npm run bench -- compare`: the cost of comparing a depth map with a reference.
 *
 * 1. compare-kernel (e2e/bench-page.html + e2e/bench-compare-page.ts), at
 *    640x480 and 3840x2160 (BENCH_SIZES narrows; BENCH_CASES=metrics,plots the cases,
 *    by prefix): on the shared WebGPU device,
 *    what the app waits for after a change (alignment fit + metrics with their
 *    small read backs; median scaling reads the prediction back and fits on the
 *    CPU, as the app does), each error map (kernel to GPU completion), and the
 *    plots' two histograms; against the float64 TypeScript references of
 *    src/core on the same pair in the same page. ratio = GPU / CPU.
 * 2. compare-batch (scripts/bench-compare-batch.ts): the Batch panel of the app
 *    on BENCH_PAIRS NYU-sized pairs (default 654, NYU's test split), pairs per
 *    second and the tab's memory sampled during the run.
 * Here WebGPU runs on SwiftShader (a CPU driver): ratios and growth with size
 * mean something; absolute GPU times do not.
 */
import type { Browser } from '@playwright/test';
import { benchCompareBatch } from './bench-compare-batch';

type Emit = (record: Record<string, unknown>) => void;

const SIZES = [[640, 480], [3840, 2160]] as const;
const DEFAULT_PAIRS = 654;

async function benchCompareKernels(browser: Browser, base: string, emit: Emit): Promise<void> {
  const page = await browser.newPage();
  page.setDefaultTimeout(1_500_000);
  await page.goto(`${base}/e2e/bench-page.html`);
  await page.waitForFunction(() => 'benchPage' in window);
  await page.evaluate('import("/e2e/bench-compare-page.ts")');
  const info = await page.evaluate(() => window.benchPage.info());
  emit({ bench: 'compare-setup', adapter: info.adapter, cores: info.cores, user_agent: info.userAgent });
  const only = process.env.BENCH_SIZES?.split(',');
  for (const [width, height] of SIZES.filter(([w, h]) => !only || only.includes(`${w}x${h}`))) {
    // SwiftShader takes seconds per reduction at 4K: 3 runs there (after a warm-up).
    const reps = width * height > 2e6 ? 3 : 11;
    const cases = process.env.BENCH_CASES?.split(',');
    const rows = await page.evaluate(({ width, height, reps, cases }) => window.benchCompare.run(width, height, reps, cases), { width, height, reps, cases });
    for (const r of rows) {
      emit({
        bench: 'compare-kernel', case: r.case, width, height, pixels: width * height,
        gpu_ms: r.gpuMs, gpu_timer: 'wall, to the result read back (metrics, plots) or GPU done (error maps)',
        cpu_ms: r.cpuMs, reference: 'float64 TypeScript reference of src/core, same pair and page', ratio: r.gpuMs / r.cpuMs,
        // The issue 17 goal's name for the same ratio (metrics: <= 2 on this machine).
        gpu_per_reference: r.gpuMs / r.cpuMs, ...r.detail,
      });
    }
  }
  await page.close();
}

export async function benchCompare(browser: Browser, base: string, emit: Emit): Promise<void> {
  const pairs = Number(process.env.BENCH_PAIRS ?? DEFAULT_PAIRS);
  if (!Number.isInteger(pairs) || pairs < 0) throw new Error(`BENCH_PAIRS must be a whole number, not ${process.env.BENCH_PAIRS}`);
  if (process.env.BENCH_COMPARE !== 'batch') await benchCompareKernels(browser, base, emit);
  if (pairs > 0 && process.env.BENCH_COMPARE !== 'kernels') await benchCompareBatch(browser, base, emit, pairs);
}
