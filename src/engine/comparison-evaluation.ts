/**
 * Keeps the comparison's metrics current: whenever the map's filtered output,
 * the reference or the evaluation settings change, the alignment is fitted and
 * the metrics computed on the GPU (src/gpu/alignment-pass.ts and
 * depth-metrics-pass.ts: reductions that read back tens of bytes), on the
 * filtered map as the chain left it. Median scaling needs a selection, not a
 * sum, so it reads the filtered map back once per change (never per frame).
 * The plots' histograms follow (a few kilobytes read back; see state/compare-plots.ts).
 * Without WebGPU the float64 references of src/core do the same on the CPU.
 * One evaluation runs at a time; changes during it are coalesced into one more.
 */
import { fitAlignment, type Alignment } from '../core/depth-alignment';
import { evaluateDepth, type DepthMetrics } from '../core/depth-metrics';
import type { EvaluationInput } from '../core/evaluation-input';
import type { EvalSettings } from '../core/eval-crops';
import { AlignmentPass } from '../gpu/alignment-pass';
import { DepthMetricsPass } from '../gpu/depth-metrics-pass';
import { uploadF32 } from '../gpu/readback';
import { HistogramPass } from '../gpu/histogram-pass';
import { compareStore, setCompare, type CompareResult } from '../state/compare-store';
import { evalSettingsOn, referenceOnGrid } from '../state/compare-grid';
import { cpuPlots, plotEdges, type PlotData } from '../state/compare-plots';
import { store, type FilteredOutput } from '../state/store';
import { filteredReaders, type FilteredReaders } from '../state/filtered-readers';

/** The output with its readers (filtered-readers.ts), as the evaluation uses it. */
type Output = FilteredOutput & FilteredReaders;

/** GPU objects of one device: the passes, and the reference uploaded at one grid size. */
interface GpuEval {
  device: GPUDevice;
  metrics: DepthMetricsPass;
  alignment: AlignmentPass;
  reference: { data: Float32Array; buffer: GPUBuffer } | null;
}

let gpuEval: GpuEval | null = null;

function gpuFor(device: GPUDevice): GpuEval {
  if (gpuEval?.device !== device) {
    // A new device (after a loss): the old objects belong to the lost one.
    gpuEval = { device, metrics: new DepthMetricsPass(device), alignment: new AlignmentPass(device), reference: null };
  }
  return gpuEval;
}

function referenceBuffer(g: GpuEval, data: Float32Array): GPUBuffer {
  if (g.reference?.data !== data) {
    g.reference?.buffer.destroy();
    g.reference = { data, buffer: uploadF32(g.device, data, 'compare-reference') };
  }
  return g.reference.buffer;
}

let histogramPass: { device: GPUDevice; histograms: HistogramPass } | null = null;

/** On the GPU; the caller checks that `pred` is still current right before (its buffer may be replaced). */
export async function gpuPlots(device: GPUDevice, input: EvaluationInput<GPUBuffer>, refValues: Float32Array): Promise<PlotData | null> {
  const edges = plotEdges(refValues);
  if (!edges) return null;
  if (histogramPass?.device !== device) histogramPass = { device, histograms: new HistogramPass(device) };
  // Both dispatches are submitted before the first read-back is awaited.
  const density = histogramPass.histograms.predictionReference(input, edges);
  const byDepth = histogramPass.histograms.errorByDepth(input, edges);
  return { edges, density: await density, byDepth: await byDepth };
}

class Stale extends Error {}

/** Throws Stale when the filtered output was replaced (its GPU buffer may be gone). */
function checkCurrent(f: Output): void {
  if (store.getState().filtered?.version !== f.version) throw new Stale();
}

async function evaluateOnGpu(
  f: Output & { gpu: NonNullable<Output['gpu']> },
  ref: Float32Array,
  settings: EvalSettings,
  method: CompareResult['settings']['method'],
  prediction: CompareResult['settings']['prediction'],
): Promise<{ alignment: Alignment; metrics: DepthMetrics; plots: PlotData | null }> {
  const g = gpuFor(f.gpu.device);
  const input: EvaluationInput<GPUBuffer> = { pred: f.gpu.buffer, ref: referenceBuffer(g, ref), width: f.width, height: f.height, settings };
  g.device.pushErrorScope('validation');
  let scopeError: GPUError | null = null;
  let alignment: Alignment;
  let metrics: DepthMetrics;
  let plots: PlotData | null;
  try {
    if (method === 'median') {
      alignment = fitAlignment({ ...input, pred: await f.readAll(), ref }, method, prediction);
    } else {
      checkCurrent(f);
      alignment = await g.alignment.fit(input, method, prediction);
    }
    checkCurrent(f);
    metrics = await g.metrics.metrics({ ...input, alignment });
    checkCurrent(f);
    plots = await gpuPlots(g.device, { ...input, alignment }, ref);
  } finally {
    scopeError = await g.device.popErrorScope();
  }
  if (scopeError) throw new Error(`the GPU refused the evaluation (${scopeError.message})`);
  return { alignment, metrics, plots };
}

async function evaluateOnCpu(f: Output, ref: Float32Array, settings: EvalSettings, method: CompareResult['settings']['method'], prediction: CompareResult['settings']['prediction']) {
  const input: EvaluationInput = { pred: await f.readAll(), ref, width: f.width, height: f.height, settings };
  const { alignment, metrics } = evaluateDepth(input, method, prediction);
  return { alignment, metrics, plots: cpuPlots({ ...input, alignment }) };
}

async function evaluateOnce(): Promise<void> {
  const published = store.getState().filtered;
  const readers = published ? filteredReaders(published.version) : null;
  const f: Output | null = published && readers ? { ...published, ...readers } : null;
  const { reference, settings } = compareStore.getState();
  if (!f || !reference) {
    if (compareStore.getState().result) setCompare({ result: null });
    return;
  }
  // A recording's ground truth is scored against its own frame only: while a step is
  // on its way, the map and the reference belong to different frames for a moment.
  const shown = store.getState().source?.frame;
  if (reference.frame && shown?.sequence === reference.frame.sequence && shown.index !== reference.frame.index) return;
  const on = evalSettingsOn(settings, f.width, f.height, f.factor);
  if (!on.ok) {
    setCompare({ result: null, error: on.message });
    return;
  }
  const ref = referenceOnGrid(reference, f.width, f.height);
  try {
    const { alignment, metrics, plots } = f.gpu
      ? await evaluateOnGpu(f as Output & { gpu: NonNullable<Output['gpu']> }, ref, on.settings, settings.method, settings.prediction)
      : await evaluateOnCpu(f, ref, on.settings, settings.method, settings.prediction);
    // Published only if nothing it was computed from changed meanwhile (else the next run replaces it).
    const now = compareStore.getState();
    if (store.getState().filtered !== published || now.reference !== reference || now.settings !== settings) return;
    setCompare({
      result: { metrics, alignment, plots, settings, backend: f.gpu ? 'webgpu' : 'cpu', width: f.width, height: f.height, filteredVersion: f.version, referenceId: reference.id, referenceFrame: reference.frame?.index ?? null },
      error: null,
    });
  } catch (e) {
    // A replaced output is evaluated by the run its change scheduled.
    if (e instanceof Stale || store.getState().filtered !== published) return;
    // A fit with too few pixels says so (solveLineFit's RangeError); the old numbers must not stay as if current.
    setCompare({ result: null, error: `Could not evaluate: ${e instanceof Error ? e.message : String(e)}` });
  }
}

let running = false;
let again = false;

async function evaluateLoop(): Promise<void> {
  if (running) {
    again = true;
    return;
  }
  running = true;
  try {
    do {
      again = false;
      await evaluateOnce();
    } while (again);
  } finally {
    running = false;
  }
}

/** Starts evaluating on every relevant change; returns the unsubscribe function. */
export function watchComparison(): () => void {
  // A microtask later, so the store changes of one user action (a new frame publishes its
  // filtered output inside the same update) are read once, as they ended up.
  const schedule = () => queueMicrotask(() => void evaluateLoop());
  const offMain = store.subscribe((s, prev) => {
    if (s.filtered !== prev.filtered) schedule();
  });
  const offCompare = compareStore.subscribe((s, prev) => {
    if (s.reference !== prev.reference || s.settings !== prev.settings) schedule();
  });
  schedule();
  return () => {
    offMain();
    offCompare();
  };
}
