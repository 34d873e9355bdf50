/**
 * One filter chain runs for the source, whichever view is open: the engine owns
 * it (src/engine/source-chain.ts) and the heatmap, the 3-D view and the AR
 * preview draw its output. Counted from outside the app: every compute dispatch
 * recorded into a chain stage's command encoder (labelled `chain-…`) is tallied.
 * Opening a view runs no chain; a filter change runs as many chain dispatches
 * in the 3-D and AR views as in the heatmap, that is one chain's.
 */
import { test, expect, type Page } from '@playwright/test';
import { openApp } from './helpers';

/** Counts dispatches in compute passes of command encoders whose label starts with `chain-`. */
function countChainDispatches() {
  const w = window as unknown as { __chainDispatches: number };
  w.__chainDispatches = 0;
  const encoders = GPUCommandEncoder.prototype;
  const begin = encoders.beginComputePass;
  const ofChain = new WeakSet<GPUComputePassEncoder>();
  encoders.beginComputePass = function (this: GPUCommandEncoder, descriptor?: GPUComputePassDescriptor) {
    const pass = begin.call(this, descriptor);
    if (this.label.startsWith('chain-')) ofChain.add(pass);
    return pass;
  };
  const passes = GPUComputePassEncoder.prototype;
  const dispatch = passes.dispatchWorkgroups;
  passes.dispatchWorkgroups = function (this: GPUComputePassEncoder, x: number, y?: number, z?: number) {
    if (ofChain.has(this)) w.__chainDispatches++;
    return dispatch.call(this, x, y, z);
  };
}

const dispatches = (page: Page) => page.evaluate(() => (window as unknown as { __chainDispatches: number }).__chainDispatches);

/** The version of the chain's published output (the app's own store module: the dev server serves one per URL). */
const outputVersion = (page: Page) =>
  page.evaluate(async (url) => {
    const { store } = (await import(url)) as typeof import('../src/state/store');
    return store.getState().filtered?.version ?? 0;
  }, '/src/state/store.ts');

/** Toggles the median off, then on again: the chain dispatches of each change, once its output is published. */
async function toggleMedian(page: Page): Promise<[number, number]> {
  const counts: number[] = [];
  for (const on of [false, true]) {
    const version = await outputVersion(page);
    const before = await dispatches(page);
    await page.getByRole('checkbox', { name: 'Median on' }).setChecked(on);
    await expect.poll(() => outputVersion(page)).toBeGreaterThan(version);
    counts.push((await dispatches(page)) - before);
  }
  return counts as [number, number];
}

test('one filter chain runs per change, whichever view is open; opening a view runs none', async ({ page }) => {
  await page.addInitScript(countChainDispatches);
  await openApp(page, '?src=/samples/tum-depth.png&scale=tum&filters=median:3;hole-fill:farthest,4');
  await expect.poll(() => outputVersion(page)).toBeGreaterThan(0);
  const inHeatmap = await toggleMedian(page);
  expect(inHeatmap[0]).toBeGreaterThan(0);
  expect(inHeatmap[1]).toBeGreaterThan(inHeatmap[0]);

  for (const [mode, ready] of [
    ['cloud', page.getByTestId('cloud-canvas')],
    ['ar', page.getByTestId('ar-frame')],
    ['heatmap', page.getByTestId('viewport')],
  ] as const) {
    const version = await outputVersion(page);
    const before = await dispatches(page);
    await page.getByTestId('mode').selectOption(mode);
    if (mode !== 'heatmap') await expect(ready).toHaveAttribute('data-ready', 'true');
    else await expect(ready).toHaveAttribute('data-view', /\d/);
    expect(await dispatches(page), `opening the ${mode} view`).toBe(before);
    expect(await outputVersion(page), `opening the ${mode} view`).toBe(version);
    expect(await toggleMedian(page), `a filter change in the ${mode} view`).toEqual(inHeatmap);
  }
});
