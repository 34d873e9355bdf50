/**
 * What the link tests share: copying the link as a user does (the button,
 * then the clipboard), opening it in a browser context that shares nothing
 * with the first, and reading what a user would compare: data attributes of
 * the probes, statistics and measurement, and the pixels of the view.
 */
import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { decode, encode } from 'fast-png';
import { writeFileSync } from 'node:fs';

/** Clicks "Copy link" and returns what landed on the clipboard. */
export async function copyLink(page: Page): Promise<string> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-status')).toHaveText('Copied');
  return page.evaluate(() => navigator.clipboard.readText());
}

/** A new context: no cookies, storage or cache shared with the page the link came from. */
export async function openInFreshContext(
  browser: Browser,
  baseURL: string,
  link: string,
  { waitForMap = true } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(link);
  if (waitForMap) await expect(page.getByTestId('stats')).toHaveAttribute('data-width', /\d+/);
  return { context, page };
}

/** Every data-* attribute of each element, in order. */
export async function datasets(locator: Locator): Promise<Record<string, string>[]> {
  return locator.evaluateAll((els) => els.map((e) => ({ ...(e as HTMLElement).dataset }) as Record<string, string>));
}

/** RGB, 3 bytes a pixel (screenshots are opaque). */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8Array;
}

async function shot(locator: Locator): Promise<Pixels> {
  const png = decode(await locator.screenshot({ animations: 'disabled' }));
  if (png.depth !== 8 || png.channels < 3) throw new Error(`unexpected screenshot: ${png.depth}-bit, ${png.channels} channels`);
  const rgb = new Uint8Array(png.width * png.height * 3);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += png.channels) rgb.set(png.data.subarray(j, j + 3), i);
  return { width: png.width, height: png.height, data: rgb };
}

const samePixels = (a: Pixels, b: Pixels) => a.width === b.width && a.height === b.height && a.data.every((v, i) => v === b.data[i]);

/**
 * The element's pixels once two screenshots in a row agree: a view drawn by
 * the GPU settles a few frames after its inputs arrive (SwiftShader is a CPU).
 */
export async function settledPixels(locator: Locator): Promise<Pixels> {
  let last = await shot(locator);
  for (let i = 0; i < 40; i++) {
    await locator.page().waitForTimeout(250);
    const now = await shot(locator);
    if (samePixels(now, last)) return now;
    last = now;
  }
  throw new Error('the view kept changing');
}

const samePixel = (a: Pixels, i: number, b: Pixels, j: number) => a.data[i] === b.data[j] && a.data[i + 1] === b.data[j + 1] && a.data[i + 2] === b.data[j + 2];

/**
 * How two pictures differ: `differing` pixels, and of those the `unmatched`
 * ones, whose colour is nowhere within one pixel in the other picture (a
 * drawn point that moved by one pixel is differing but matched).
 */
export function comparePixels(got: Pixels, expected: Pixels): { differing: number; unmatched: number } {
  if (got.width !== expected.width || got.height !== expected.height) {
    throw new Error(`sizes differ: ${got.width}×${got.height} vs ${expected.width}×${expected.height}`);
  }
  const { width, height } = got;
  let differing = 0;
  let unmatched = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      if (samePixel(got, i, expected, i)) continue;
      differing++;
      let matched = false;
      for (let dy = -1; dy <= 1 && !matched; dy++) {
        for (let dx = -1; dx <= 1 && !matched; dx++) {
          const [nx, ny] = [x + dx, y + dy];
          matched = nx >= 0 && ny >= 0 && nx < width && ny < height && samePixel(got, i, expected, (ny * width + nx) * 3);
        }
      }
      if (!matched) unmatched++;
    }
  }
  return { differing, unmatched };
}

/** Pixels that are not the page background: a blank canvas must not pass as "identical". */
export function distinctColours(p: Pixels): number {
  const seen = new Set<number>();
  for (let i = 0; i < p.data.length; i += 3) seen.add((p.data[i] << 16) | (p.data[i + 1] << 8) | p.data[i + 2]);
  return seen.size;
}

/**
 * Asserts that at most `limits.differing` pixels differ, and at most
 * `limits.unmatched` of them have no match within one pixel (both 0 by
 * default: identical). On failure both pictures are attached to the report.
 */
export async function expectSamePixels(got: Pixels, expected: Pixels, what: string, limits = { differing: 0, unmatched: 0 }): Promise<void> {
  const found = comparePixels(got, expected);
  if (found.differing > limits.differing || found.unmatched > limits.unmatched) {
    for (const [name, p] of [['expected', expected], ['got', got]] as const) {
      const png = Buffer.from(encode({ width: p.width, height: p.height, data: p.data, channels: 3, depth: 8 }));
      const path = test.info().outputPath(`${what}-${name}.png`);
      writeFileSync(path, png);
      await test.info().attach(`${what}-${name}.png`, { path, contentType: 'image/png' });
    }
  }
  expect(found.differing, `${what}: differing pixels`).toBeLessThanOrEqual(limits.differing);
  expect(found.unmatched, `${what}: differing pixels with no match within one pixel`).toBeLessThanOrEqual(limits.unmatched);
}
