/**
 * The batch evaluation in the real app (src/ui/BatchPanel.tsx): BENCH_PAIRS
 * NYU-sized (640x480) pairs written as files, chosen through the panel's two
 * file inputs (by path: disk-backed Files, as a user's folder would be), the
 * run clicked, and the panel's progress watched to the end. Meanwhile the tab's
 * memory is sampled about once a second (scripts/tab-memory.ts).
 *
 * The files: references as 16-bit PNG in millimetres (as NYU's ground truth is
 * usually shipped), predictions as float32 NPY in metres (a model's dump). Pair
 * k: the synthetic scene with seed k % SCENES, its sensor measurement as the
 * reference, (1.05 + 0.001 (k % 100)) x its ground truth + 0.02 m as the
 * prediction. Settings: the NYU protocol of a relative model: Eigen crop, cap
 * 1 mm to 10 m, least-squares scale and shift in inverse depth.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { makeSyntheticScene, measuredAsMillimetres } from '../src/core/synthetic-scene';
import { encodeNpy } from '../src/io/encode-npy';
import { encodePng16 } from '../src/io/encode-png16';
import { TabMemory, type MemorySample } from './tab-memory';

type Emit = (record: Record<string, unknown>) => void;

const WIDTH = 640;
const HEIGHT = 480;
/** Distinct scenes the references cycle through (a scene costs a ray cast per pixel to make). */
const SCENES = 8;
const SETTINGS = { method: 'lsq-scale-shift-inverse', prediction: 'depth', crop: 'eigen-nyu', cap: { min: 1e-3, max: 10 } };

function writePairs(dir: string, n: number): { predictions: string[]; references: string[]; bytes: number } {
  const scenes = Array.from({ length: Math.min(n, SCENES) }, (_, seed) => {
    const scene = makeSyntheticScene({ width: WIDTH, height: HEIGHT, seed: seed + 1 });
    return { truth: scene.groundTruthM, png: encodePng16({ width: WIDTH, height: HEIGHT, data: measuredAsMillimetres(scene) }) };
  });
  const predictions: string[] = [];
  const references: string[] = [];
  let bytes = 0;
  for (let k = 0; k < n; k++) {
    const s = scenes[k % scenes.length];
    const factor = 1.05 + 0.001 * (k % 100);
    const name = `frame_${String(k).padStart(5, '0')}`;
    const npy = encodeNpy({ width: WIDTH, height: HEIGHT, data: Float32Array.from(s.truth, (z) => factor * z + 0.02) });
    predictions.push(path.join(dir, 'pred', `${name}.npy`));
    references.push(path.join(dir, 'ref', `${name}.png`));
    writeFileSync(predictions[k], npy);
    writeFileSync(references[k], s.png);
    bytes += npy.length + s.png.length;
  }
  return { predictions, references, bytes };
}

const peak = (samples: MemorySample[], key: keyof MemorySample) => {
  const v = samples.map((s) => s[key]).filter((x): x is number => x !== null);
  return v.length ? Math.max(...v) : null;
};

export async function benchCompareBatch(browser: Browser, base: string, emit: Emit, pairs: number): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'depthscope-bench-batch-'));
  try {
    mkdirSync(path.join(dir, 'pred'));
    mkdirSync(path.join(dir, 'ref'));
    const files = writePairs(dir, pairs);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(3_600_000);
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    page.on('console', (m) => void (m.type() === 'error' && console.error(`console: ${m.text()}`)));
    await page.goto(`${base}/`);
    await page.waitForFunction(() => performance.getEntriesByName('depthscope:first-frame').length > 0, null, { timeout: 300_000 });
    await page.evaluate(`import('/src/state/compare-store.ts').then((m) => m.setCompareSettings(${JSON.stringify(SETTINGS)}))`);
    const memory = await TabMemory.attach(browser, page);
    await memory.collectGarbage();
    const before = await memory.sample();
    await page.getByTestId('batch-predictions').setInputFiles(files.predictions);
    await page.getByTestId('batch-references').setInputFiles(files.references);
    await page.getByTestId('batch-pairing').waitFor();
    const paired = Number(await page.getByTestId('batch-pairing').getAttribute('data-pairs'));
    if (paired !== pairs) throw new Error(`the panel paired ${paired} of ${pairs}`);
    const chosen = await memory.sample();
    const t0 = performance.now();
    await page.getByTestId('batch-run').click();
    const samples: MemorySample[] = [];
    let state = 'running';
    while (state === 'running') {
      samples.push(await memory.sample());
      await new Promise((r) => setTimeout(r, 1000));
      state = (await page.getByTestId('batch-progress').getAttribute('data-state')) ?? 'running';
    }
    // The progress says done when the last row has arrived: the end of the run, to within the poll.
    const seconds = (performance.now() - t0) / 1000;
    const end = await memory.sample();
    await memory.collectGarbage();
    const endGc = await memory.sample();
    const okRows = await page.evaluate(`import('/src/state/batch-actions.ts').then((m) => m.batchStore.getState().rows.filter((r) => r.ok).length)`);
    await memory.detach();
    await page.close();
    const mid = samples[Math.floor(samples.length / 2)];
    emit({
      bench: 'compare-batch', pairs, width: WIDTH, height: HEIGHT, ok_rows: okRows, files_mb: files.bytes / 1e6,
      settings: 'Eigen crop, cap 1e-3..10 m, lsq scale+shift in inverse depth; CPU float64 in a worker',
      seconds, pairs_per_s: pairs / seconds, ms_per_pair: (1000 * seconds) / pairs,
      memory_samples: samples.length,
      page_heap_mb_before: before.pageHeapMb, page_heap_mb_files_chosen: chosen.pageHeapMb, page_heap_mb_peak: peak(samples, 'pageHeapMb'), page_heap_mb_end: end.pageHeapMb, page_heap_mb_end_gc: endGc.pageHeapMb,
      worker_heap_mb_mid: mid?.workerHeapMb ?? null, worker_heap_mb_peak: peak(samples, 'workerHeapMb'),
      renderer_rss_mb_before: before.rendererRssMb, renderer_rss_mb_files_chosen: chosen.rendererRssMb, renderer_rss_mb_mid: mid?.rendererRssMb ?? null,
      renderer_rss_mb_peak: peak(samples, 'rendererRssMb'), renderer_rss_mb_end: end.rendererRssMb, renderer_rss_mb_end_gc: endGc.rendererRssMb,
    });
    if (process.env.BENCH_MEMORY_TRACE) for (const s of samples) emit({ bench: 'compare-batch-memory', ...s });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
