/**
 * What the evaluation kernel specs share: the harness page with the real TUM and
 * NYU frames of ../shared/samples loaded into it (e2e/harness-metrics.ts keeps them
 * for the scenarios), each checked to hold a real frame's worth of valid depths.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { sample } from './helpers';
import type { Scenario } from './harness-metrics';

// Served by the Vite dev server to the harness page (typed from the same file).
export const FRAMES_MODULE = '/e2e/harness-metrics.ts';

export async function openWithSampleFrames(page: Page): Promise<void> {
  await page.goto('/e2e/harness.html');
  for (const [name, file, scale] of [['tum', 'tum/depth.png', 'tum'], ['nyu', 'nyu/depth.pgm', 'nyu']] as const) {
    const b64 = readFileSync(sample(file)).toString('base64');
    const info = await page.evaluate(
      async ({ name, b64, scale, module }) => ((await import(module)) as typeof import('./harness-metrics')).addFrame(name, b64, scale),
      { name, b64, scale, module: FRAMES_MODULE },
    );
    expect(info.valid, name).toBeGreaterThan(100_000);
  }
}

/**
 * Calls the function `name` of the harness module served at `path` in the page, with
 * JSON `args`, and returns its JSON result (typed as F: `typeof import(...)['name']`).
 */
export function inHarness<F extends (...args: never[]) => unknown>(page: Page, path: string, name: string, ...args: Parameters<F>): Promise<Awaited<ReturnType<F>>> {
  return page.evaluate(
    async ({ path, name, args }) => ((await import(path)) as Record<string, (...a: unknown[]) => unknown>)[name](...args),
    { path, name, args: args as unknown[] },
  ) as Promise<Awaited<ReturnType<F>>>;
}

/** The evaluation scenarios the error-map and histogram specs share. */
export const MAP_SCENARIOS: [string, Scenario][] = [
  ['tum, no alignment, noise and holes', { frame: 'tum', prediction: 'noisy', kind: 'depth', method: 'none', settings: {} }],
  ['nyu, Eigen crop, cap 1e-3..3 m', { frame: 'nyu', prediction: 'far', kind: 'depth', method: 'none', settings: { crop: 'eigen-nyu', cap: { min: 1e-3, max: 3 } } }],
  ['nyu, region, least-squares scale', { frame: 'nyu', prediction: 'scaled', kind: 'depth', method: 'lsq-scale', settings: { region: { x0: 30, y0: 20, x1: 400, y1: 333 } } }],
  ['tum, scale and shift in inverse depth, cap 10 m', { frame: 'tum', prediction: 'affineInverse', kind: 'inverse', method: 'lsq-scale-shift-inverse', settings: { cap: { min: 1e-3, max: 10 } } }],
];

/** Opens the sample frames, then checks every scenario (for the specs' main tests). */
export async function checkScenarios<S>(page: Page, scenarios: [string, S][], check: (label: string, s: S) => Promise<void>): Promise<void> {
  // Every scenario runs its kernels and their float64 references: minutes on SwiftShader.
  test.setTimeout(180_000);
  await openWithSampleFrames(page);
  for (const [label, s] of scenarios) await check(label, s);
}
