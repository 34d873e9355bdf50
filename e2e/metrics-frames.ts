/**
 * What the evaluation kernel specs share: the harness page with the real TUM and
 * NYU frames of ../shared/samples loaded into it (e2e/harness-metrics.ts keeps them
 * for the scenarios), each checked to hold a real frame's worth of valid depths.
 */
import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { sample } from './helpers';

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
