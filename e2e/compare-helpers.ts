/**
 * What the comparison specs share: opening a map and a reference as a user does,
 * the expected evaluation from the float64 references of src/core (no GPU code),
 * how far the app's GPU numbers may be from it (derived below), reading the
 * metrics element, and the colours the views must show.
 */
import { expect, type Page } from '@playwright/test';
import { evaluateDepth, forEachEvaluated, type DepthMetrics } from '../src/core/depth-metrics';
import type { Alignment, AlignmentMethod } from '../src/core/depth-alignment';
import type { EvalSettings } from '../src/core/eval-crops';
import { colormapIndex, colormapPosition, type ColorizeParams } from '../src/core/colorize';
import { chooseFile, colorClose, screenColor, waitForView } from './helpers';
import { scaledPfm, TUM_FILE, tumMetres, type Field } from './compare-fixtures';

export const W = 640;
export const H = 480;

export const ATTRS: Record<Exclude<keyof DepthMetrics, 'count'>, string> = {
  absRel: 'data-absrel',
  sqRel: 'data-sqrel',
  rmse: 'data-rmse',
  rmseLog: 'data-rmse-log',
  log10: 'data-log10',
  silog: 'data-silog',
  delta1: 'data-delta1',
  delta2: 'data-delta2',
  delta3: 'data-delta3',
};

export const U = 2 ** -24;

/**
 * How far the app's GPU numbers may be from the float64 reference, in two parts.
 * Sums: the app sums in f32 over at most 640 x 480 pixels, each term through at most
 * 2 levels x 12 additions of the reduction (e2e/harness-metrics.ts derives this per
 * pixel): about 24 · 2^-24 ≈ 1.4e-6 relative, so 1e-5 relative leaves a margin of 7.
 * Log-based metrics also carry WGSL's absolute log accuracy (2^-21 ≈ 4.8e-7 per
 * logarithm, two per pixel): 2e-6 absolute, x 100 for SILog.
 * Per pixel: the GPU's aligned prediction p is f32 (scale rounded, product, in inverse
 * space a sum and a reciprocal: at most (8 κ + 1) u, κ ≈ 1 as the fitted shifts here are
 * near 0), so each p may be off by η = 10 u p. When the errors are near zero (after
 * alignment) that dominates: |Δ AbsRel| ≤ mean(η / g), |Δ RMSE| ≤ RMS(η) (triangle
 * inequality), |Δ SqRel| ≤ 2 sqrt(SqRel · mean(η² / g)) + mean(η² / g) (Cauchy-Schwarz).
 * δ shares are counts: a pixel whose ratio is within f32 rounding of a threshold may
 * fall either side, so a few pixels' worth.
 * A plausible bug (the unfiltered map, a wrong crop or units, no alignment) moves the
 * numbers by far more: each test checks its expected values differ by more than this.
 */
export function roundingFloors(pred: Field, ref: Field, alignment: Alignment, settings: EvalSettings, sqRel: number) {
  let n = 0;
  let absRel = 0;
  let sq = 0;
  let sqOverG = 0;
  forEachEvaluated({ pred: pred.depth, ref: ref.depth, width: pred.width, height: pred.height, settings, alignment }, (_i, p, g) => {
    const eta = 10 * U * p;
    n++;
    absRel += eta / g;
    sq += eta * eta;
    sqOverG += (eta * eta) / g;
  });
  return { absRel: absRel / n, rmse: Math.sqrt(sq / n), sqRel: 2 * Math.sqrt((sqRel * sqOverG) / n) + sqOverG / n };
}

export type Floors = ReturnType<typeof roundingFloors>;

export function tolerance(key: keyof typeof ATTRS, expected: number, count: number, floors: Floors): number {
  if (key.startsWith('delta')) return 3 / count;
  const floor = key === 'silog' ? 2e-4 : key === 'rmseLog' || key === 'log10' ? 2e-6 : floors[key as keyof Floors];
  return 1e-5 * Math.abs(expected) + floor;
}

export interface Expected {
  metrics: DepthMetrics;
  alignment: Alignment;
  floors: Floors;
}

export interface Shown {
  metrics: Record<string, number>;
  count: number;
  scale: number;
  shift: number;
  method: string;
  crop: string;
  backend: string;
}

export async function readShown(page: Page): Promise<Shown | null> {
  return page.getByTestId('metrics').evaluate((el: HTMLElement, attrs) => {
    if (el.dataset.state !== 'ready') return null;
    const metrics: Record<string, number> = {};
    for (const [key, attr] of Object.entries(attrs)) metrics[key] = Number(el.getAttribute(attr));
    const d = el.dataset;
    return { metrics, count: Number(d.count), scale: Number(d.scale), shift: Number(d.shift), method: d.method!, crop: d.crop!, backend: d.backend! };
  }, ATTRS);
}

/** What differs between the shown evaluation and the expected one (empty when they agree). */
export function mismatches(shown: Shown | null, want: Expected, crop: string): string[] {
  if (!shown) return ['no metrics yet'];
  const out: string[] = [];
  if (shown.method !== want.alignment.method || shown.crop !== crop) out.push(`evaluated ${shown.method}/${shown.crop}`);
  if (shown.count !== want.metrics.count) out.push(`count ${shown.count} ≠ ${want.metrics.count}`);
  for (const key of Object.keys(ATTRS) as (keyof typeof ATTRS)[]) {
    const e = want.metrics[key];
    if (!(Math.abs(shown.metrics[key] - e) <= tolerance(key, e, want.metrics.count, want.floors))) out.push(`${key} ${shown.metrics[key]} ≠ ${e}`);
  }
  const a = want.alignment;
  if (!(Math.abs(shown.scale - a.scale) <= 1e-5 * Math.abs(a.scale))) out.push(`scale ${shown.scale} ≠ ${a.scale}`);
  if (!(Math.abs(shown.shift - a.shift) <= 1e-5 * Math.max(Math.abs(a.shift), 1))) out.push(`shift ${shown.shift} ≠ ${a.shift}`);
  return out;
}

export async function expectEvaluation(page: Page, want: Expected, crop = 'none', backend = 'webgpu') {
  await expect.poll(async () => mismatches(await readShown(page), want, crop), { message: `metrics for ${want.alignment.method}/${crop}` }).toEqual([]);
  expect((await readShown(page))!.backend).toBe(backend);
}

/** Opens the map (a PFM of the TUM frame times `factor`) and the TUM frame as the reference, in TUM units. */
export async function openPair(page: Page, factor: number, query = '') {
  const ref = tumMetres();
  const pred = scaledPfm(ref, factor, `prediction-x${factor}.pfm`);
  await page.goto(`/${query}`);
  await chooseFile(page, pred.file);
  await expect(page.getByTestId('stats').locator('h2')).toHaveText(pred.file.name);
  await waitForView(page);
  await page.getByTestId('reference-input').setInputFiles(TUM_FILE);
  // A 16-bit PNG opens as millimetres, as the map would; the user says it is TUM's 1/5000 m.
  await expect(page.getByTestId('reference')).toHaveAttribute('data-units', 'mm');
  await page.getByTestId('reference-units').selectOption('tum');
  await expect(page.getByTestId('reference')).toHaveAttribute('data-units', 'tum');
  return { ref, pred: { depth: pred.depth, width: W, height: H } as Field };
}

export function evaluate(pred: Field, ref: Field, method: AlignmentMethod, settings: EvalSettings = {}): Expected {
  const { metrics, alignment } = evaluateDepth({ pred: pred.depth, ref: ref.depth, width: pred.width, height: pred.height, settings }, method, 'depth');
  return { metrics, alignment, floors: roundingFloors(pred, ref, alignment, settings, metrics.sqRel) };
}

/**
 * The views. The map is drawn under a fixed viridis scale over 1.5-3.5 m (from the link),
 * the pixels are the README's TUM probes (inside flat regions), and colours are expected
 * within ±2 levels per channel (the page compositor may round once more; a wrong table
 * entry or a pixel from the other side of the divider is far further off).
 */
export const VIEW_QUERY = '?colormap=viridis&range=1.5,3.5';
export const RANGE = { lo: 1.5, hi: 3.5, logScale: false, reverse: false, checkerPx: 4 };
export const LEFT = { x: 100, y: 200 };
export const RIGHT = { x: 500, y: 400 };

export function colourOf(table: Uint8Array, v: number, params: ColorizeParams): number[] {
  const t = colormapPosition(v, params);
  if (t === null) throw new Error(`no colour for ${v}`);
  const k = colormapIndex(t) * 3;
  return [...table.subarray(k, k + 3)];
}

export async function expectColour(page: Page, p: { x: number; y: number }, rgb: number[], what: string) {
  await expect.poll(async () => colorClose(await screenColor(page, p.x, p.y), rgb, 2), { message: `${what} at (${p.x}, ${p.y}) ≈ ${rgb}` }).toBe(true);
}

export const at = (f: Field, p: { x: number; y: number }) => f.depth[p.y * W + p.x];

