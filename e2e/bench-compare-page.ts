/**
 * Browser side of `npm run bench -- compare` (scripts/bench-compare.ts drives it),
 * imported into e2e/bench-page.html: the evaluation on the shared GPUDevice
 * against the float64 TypeScript references of src/core, on the same pair in
 * the same page.
 *
 * The pair: reference = the synthetic scene's simulated sensor (noise, about 5%
 * holes), prediction = 1.1 x its ground truth + 0.05 m (a scale and a shift,
 * so every alignment has something to fit), NYU's depth cap (1 mm to 10 m).
 *
 * GPU time is what the app waits for (src/state/compare-metrics.ts): both maps
 * already on the GPU, the alignment fitted (least squares: one reduction and a
 * 20-byte read back; median: the prediction read back and fitted on the CPU, as
 * the app does), then the metrics reduction and its 40-byte read back; wall
 * clock, since both steps end in a read back. Error maps: the kernel into a GPU
 * buffer (the heatmap's input, nothing read back), dispatch -> onSubmittedWorkDone.
 */
import { acquireGpu } from '../src/gpu/gpu-context';
import { AlignmentPass } from '../src/gpu/alignment-pass';
import { DepthMetricsPass } from '../src/gpu/depth-metrics-pass';
import { ErrorMapPass } from '../src/gpu/error-map-pass';
import { readBufferF32, uploadF32 } from '../src/gpu/readback';
import { fitAlignment, type Alignment, type AlignmentMethod } from '../src/core/depth-alignment';
import { evaluateDepth, NO_ALIGNMENT, type DepthMetrics } from '../src/core/depth-metrics';
import { EvaluationBefore } from './bench-baseline-reduction';
import { errorMap, type ErrorMapMode } from '../src/core/depth-metrics-maps';
import type { EvalSettings } from '../src/core/eval-crops';
import type { EvaluationInput } from '../src/core/evaluation-input';
import { makeSyntheticScene } from '../src/core/synthetic-scene';
import { cpuPlots } from '../src/state/compare-plots';
import { gpuPlots } from '../src/engine/comparison-evaluation';

const SETTINGS: EvalSettings = { cap: { min: 1e-3, max: 10 } };

async function device(): Promise<GPUDevice> {
  const r = await acquireGpu();
  if (!r.ok) throw new Error(`WebGPU unavailable: ${r.detail}`);
  return r.gpu.device;
}

type Timed = () => Promise<unknown> | unknown;

/**
 * Median ms of `reps` runs of each function after one warm-up each (pipelines
 * compiled, JIT warm, buffers resident), run round by round, the first of each round
 * rotating: an A/B in the same page sees the same load from other processes.
 */
async function interleavedMedianMs(reps: number, fns: Timed[]): Promise<number[]> {
  for (const fn of fns) await fn();
  const times = fns.map(() => [] as number[]);
  for (let i = 0; i < reps; i++) {
    for (let k = 0; k < fns.length; k++) {
      const j = (i + k) % fns.length;
      const t0 = performance.now();
      await fns[j]();
      times[j].push(performance.now() - t0);
    }
  }
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(reps / 2)]);
}

const medianMs = async (reps: number, fn: Timed) => (await interleavedMedianMs(reps, [fn]))[0];

interface Pair {
  width: number;
  height: number;
  pred: Float32Array;
  ref: Float32Array;
}

function makePair(width: number, height: number): Pair {
  const scene = makeSyntheticScene({ width, height });
  const pred = Float32Array.from(scene.groundTruthM, (z) => 1.1 * z + 0.05);
  return { width, height, pred, ref: scene.measuredM };
}

/** The relative difference of two metric values (0 when both are equal, NaN included). */
const relDiff = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

/** How far the GPU's metrics are from the reference's: the largest relative difference over all of them. */
function worstDiff(gpu: DepthMetrics, cpu: DepthMetrics): number {
  return Math.max(...(Object.keys(cpu) as (keyof DepthMetrics)[]).map((k) => relDiff(gpu[k], cpu[k])));
}

const METHODS: AlignmentMethod[] = ['none', 'median', 'lsq-scale', 'lsq-scale-shift-inverse'];
const MODES: ErrorMapMode[] = ['signed', 'abs-rel', 'delta'];

/**
 * Every case at one size (or those whose name starts with one of `only`): the metrics
 * under each alignment (against the kernels before issue 17 too, e2e/bench-baseline-reduction.ts),
 * the three error maps and the plots' histograms.
 */
async function run(width: number, height: number, reps: number, only?: string[]) {
  const wanted = (name: string) => !only || only.some((prefix) => name.startsWith(prefix));
  const dev = await device();
  const p = makePair(width, height);
  const predBuf = uploadF32(dev, p.pred, 'bench-compare-pred');
  const refBuf = uploadF32(dev, p.ref, 'bench-compare-ref');
  const out = dev.createBuffer({ label: 'bench-compare-error-map', size: width * height * 4, usage: GPUBufferUsage.STORAGE });
  const alignPass = new AlignmentPass(dev);
  const metricsPass = new DepthMetricsPass(dev);
  const errorPass = new ErrorMapPass(dev);
  const before = new EvaluationBefore(dev);
  const cpuReps = width * height > 2e6 ? Math.min(reps, 3) : reps;
  const rows: { case: string; gpuMs: number; cpuMs: number; detail: Record<string, unknown> }[] = [];
  dev.pushErrorScope('validation');
  let error: GPUError | null = null;
  const cpuInput: EvaluationInput = { pred: p.pred, ref: p.ref, width, height, settings: SETTINGS };
  const gpuInput: EvaluationInput<GPUBuffer> = { ...cpuInput, pred: predBuf, ref: refBuf };
  try {
    for (const method of METHODS.filter((m) => wanted(`metrics:${m}`))) {
      const cpuFit = async () => fitAlignment({ ...cpuInput, pred: await readBufferF32(dev, predBuf, width * height) }, 'median', 'depth');
      const gpuEvaluate = async () => {
        const alignment: Alignment = method === 'median' ? await cpuFit() : await alignPass.fit(gpuInput, method, 'depth');
        return { alignment, metrics: await metricsPass.metrics({ ...gpuInput, alignment }) };
      };
      const beforeEvaluate = async () => {
        const alignment: Alignment = method === 'median' ? await cpuFit() : method === 'none' ? NO_ALIGNMENT : await before.fit(gpuInput, method);
        return before.evaluate({ ...gpuInput, alignment });
      };
      // The last timed run's results are kept, to compare GPU with CPU without another run.
      const last: { g?: Awaited<ReturnType<typeof gpuEvaluate>>; b?: DepthMetrics; c?: ReturnType<typeof evaluateDepth> } = {};
      const [gpuMs, beforeMs] = await interleavedMedianMs(reps, [async () => void (last.g = await gpuEvaluate()), async () => void (last.b = await beforeEvaluate())]);
      const cpuMs = await medianMs(cpuReps, () => void (last.c = evaluateDepth(cpuInput, method, 'depth')));
      const { g, b, c } = last;
      if (!g || !b || !c) throw new Error('nothing was run');
      rows.push({
        case: `metrics:${method}`,
        gpuMs,
        cpuMs,
        detail: {
          count: c.metrics.count, scale: c.alignment.scale, shift: c.alignment.shift, abs_rel: c.metrics.absRel, gpu_vs_cpu_max_rel_diff: worstDiff(g.metrics, c.metrics),
          before_ms: beforeMs, gpu_per_before: gpuMs / beforeMs, before_per_reference: beforeMs / cpuMs, before_vs_cpu_max_rel_diff: worstDiff(b, c.metrics),
        },
      });
    }
    // The error maps and plots under the affine-invariant fit (the alignment shapes their per-pixel work most).
    const alignment = fitAlignment(cpuInput, 'lsq-scale-shift-inverse', 'depth');
    for (const mode of MODES.filter((m) => wanted(`error-map:${m}`))) {
      const gpuMs = await medianMs(reps, async () => {
        const encoder = dev.createCommandEncoder({ label: 'bench-compare-error-map' });
        errorPass.encode(encoder, { ...gpuInput, alignment }, mode, out);
        dev.queue.submit([encoder.finish()]);
        await dev.queue.onSubmittedWorkDone();
      });
      const cpuMs = await medianMs(cpuReps, () => errorMap({ ...cpuInput, alignment }, mode));
      rows.push({ case: `error-map:${mode}`, gpuMs, cpuMs, detail: {} });
    }
    if (wanted('plots')) {
      const gpuMs = await medianMs(reps, () => gpuPlots(dev, { ...gpuInput, alignment }, p.ref));
      const cpuMs = await medianMs(cpuReps, () => cpuPlots({ ...cpuInput, alignment }));
      rows.push({ case: 'plots:histograms', gpuMs, cpuMs, detail: {} });
    }
    // What the metrics' GPU time is made of: the reduction alone (to GPU done, nothing
    // read back), and a 40-byte read back of a finished buffer alone.
    if (!wanted('metrics:reduction-only')) return rows;
    const reduceMs = await medianMs(reps, async () => {
      const encoder = dev.createCommandEncoder({ label: 'bench-compare-reduce' });
      metricsPass.encode(encoder, { ...gpuInput, alignment });
      dev.queue.submit([encoder.finish()]);
      await dev.queue.onSubmittedWorkDone();
    });
    const readMs = await medianMs(reps, () => readBufferF32(dev, predBuf, 10));
    rows.push({ case: 'metrics:reduction-only', gpuMs: reduceMs, cpuMs: rows.find((r) => r.case === 'metrics:none')?.cpuMs ?? Number.NaN, detail: { read_back_40_bytes_ms: readMs } });
  } finally {
    error = await dev.popErrorScope();
    [predBuf, refBuf, out].forEach((b) => b.destroy());
    alignPass.destroy();
    metricsPass.destroy();
    errorPass.destroy();
    before.destroy();
  }
  if (error) throw new Error(`GPU validation error: ${error.message}`);
  return rows;
}

const benchCompare = { run };

declare global {
  interface Window {
    benchCompare: typeof benchCompare;
  }
}
window.benchCompare = benchCompare;
