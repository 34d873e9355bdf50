/**
 * What the end-to-end tests do as a user: open files through the real file
 * input, find where an image pixel is on screen, and read the colour there.
 */
import { expect, type Page } from '@playwright/test';
import { decode } from 'fast-png';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SHARED_SAMPLES = path.resolve(here, '../../shared/samples');
export const sample = (rel: string) => path.join(SHARED_SAMPLES, rel);

export interface ViewInfo {
  cx: number;
  cy: number;
  zoom: number;
}

/** Opens the app with a query string and waits until it has drawn its first image. */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query}`);
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', /\d+/);
  await waitForView(page);
}

export async function waitForView(page: Page): Promise<ViewInfo> {
  await expect(page.getByTestId('viewport')).toHaveAttribute('data-view', /\d/);
  return viewInfo(page);
}

export async function viewInfo(page: Page): Promise<ViewInfo> {
  const attr = await page.getByTestId('viewport').getAttribute('data-view');
  const [cx, cy, zoom] = (attr ?? '').split(',').map(Number);
  return { cx, cy, zoom };
}

/** Opens a file through the real <input type=file>, as a user picking it would. */
export async function chooseFile(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByTestId('file-input').setInputFiles(file);
}

const nextFrames = (page: Page) =>
  page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));

/**
 * The viewport's box and view once they have stopped changing. A control that
 * appears with a new file (a page picker) can re-wrap the toolbar, and the
 * view then refits: a person aims after that, and so must the tests.
 */
async function settledGeometry(page: Page) {
  const read = async () => {
    const box = await page.getByTestId('viewport').boundingBox();
    if (!box) throw new Error('viewport not visible');
    return { box, view: await viewInfo(page) };
  };
  let last = await read();
  for (let i = 0; i < 50; i++) {
    await nextFrames(page);
    const now = await read();
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  throw new Error('the viewport kept moving');
}

/** Page coordinates of the centre of image pixel (x, y). */
export async function pixelOnScreen(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const { box, view: v } = await settledGeometry(page);
  return {
    x: box.x + box.width / 2 + (x + 0.5 - v.cx) * v.zoom,
    y: box.y + box.height / 2 + (y + 0.5 - v.cy) * v.zoom,
  };
}

/** RGBA on screen at the centre of image pixel (x, y), from a real screenshot of the page. */
export async function screenColor(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const p = await pixelOnScreen(page, x, y);
  const png = await page.screenshot({ clip: { x: Math.floor(p.x), y: Math.floor(p.y), width: 1, height: 1 } });
  const { data, depth } = decode(png);
  if (depth !== 8) throw new Error(`unexpected ${depth}-bit screenshot`);
  return [data[0], data[1], data[2]];
}

export async function setUnits(page: Page, preset: string) {
  await page.getByTestId('units').selectOption(preset);
}

export async function clickPixel(page: Page, x: number, y: number) {
  const p = await pixelOnScreen(page, x, y);
  await page.mouse.click(p.x, p.y);
}

export async function hoverPixel(page: Page, x: number, y: number) {
  const p = await pixelOnScreen(page, x, y);
  await page.mouse.move(p.x, p.y);
}

export function colorClose(a: readonly number[], b: readonly number[], tol: number): boolean {
  return a.every((v, i) => Math.abs(v - b[i]) <= tol);
}

/** Loses the app's GPU device, as a driver reset would: its own module instance (the dev server serves one per URL) destroys it. */
export async function destroyAppDevice(page: Page): Promise<void> {
  await page.evaluate(async (url) => {
    const { acquireGpu } = (await import(url)) as typeof import('../src/gpu/gpu-context');
    const r = await acquireGpu();
    if (r.ok) r.gpu.device.destroy();
  }, '/src/gpu/gpu-context.ts');
}
