/**
 * Formats as a user meets them: multi-page TIFF with a page picker, a
 * little-endian PGM with the byte-order switch, a file whose extension lies,
 * float NaN as "no depth", pasting a file, and a JPEG as relative depth.
 * Files are made here with the project's encoders, values known by construction.
 */
import { test, expect, type Page } from '@playwright/test';
import { encodeTiff } from '../src/io/encode-tiff';
import { encodePgm } from '../src/io/encode-pgm';
import { encodeNpy } from '../src/io/encode-npy';
import { encodePfm } from '../src/io/encode-pfm';
import { chooseFile, clickPixel, openApp, sample } from './helpers';

const W = 32;
const H = 24;
const filled = <T extends Uint16Array | Float32Array>(data: T, f: (x: number, y: number) => number): T => {
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) data[y * W + x] = f(x, y);
  return data;
};
const file = (name: string, bytes: Uint8Array) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });

async function probe(page: Page, x: number, y: number) {
  await clickPixel(page, x, y);
  return page.getByTestId('probe').last();
}

test('multi-page TIFF: first page by default, the page picker opens another, the link keeps it', async ({ page }) => {
  await openApp(page);
  const pages = [1000, 2500].map((v) => ({ width: W, height: H, data: filled(new Uint16Array(W * H), (x) => v + x) }));
  await chooseFile(page, file('stack.tif', encodeTiff(pages)));
  await expect(page.getByTestId('stats')).toContainText('page 1/2');
  const p = await probe(page, 3, 5);
  await expect(p).toHaveAttribute('data-raw', '1003');
  await page.getByRole('combobox', { name: 'TIFF page' }).selectOption('1');
  await expect(p).toHaveAttribute('data-raw', '2503');
  await expect(p).toHaveAttribute('data-depth-m', '2.503');
  await expect.poll(() => page.url()).toContain('page=1');
});

test('little-endian PGM: the byte-order switch reads it right', async ({ page }) => {
  await openApp(page);
  const data = filled(new Uint16Array(W * H), (x, y) => 1500 + x + 100 * y); // 0x05DC + ...
  await chooseFile(page, file('le.pgm', encodePgm({ width: W, height: H, data }, { byteOrder: 'little' })));
  const p = await probe(page, 0, 0);
  await expect(p).toHaveAttribute('data-raw', String(((1500 & 0xff) << 8) | (1500 >> 8))); // read big-endian
  await page.getByRole('combobox', { name: 'PGM byte order' }).selectOption('little');
  await expect(p).toHaveAttribute('data-raw', '1500');
  await expect(p).toHaveAttribute('data-depth-m', '1.5');
});

test('format by magic bytes: an NPY named .png opens as NPY; float NaN is no depth', async ({ page }) => {
  await openApp(page);
  const data = filled(new Float32Array(W * H), (x, y) => (x === 2 && y === 2 ? NaN : 0.5 + x / 100));
  await chooseFile(page, file('misnamed.png', encodeNpy({ width: W, height: H, data })));
  await expect(page.getByTestId('stats')).toContainText('NPY float32');
  await expect(page.getByTestId('units')).toHaveValue('m');
  await expect(await probe(page, 2, 2)).toHaveAttribute('data-depth-m', '');
  const p = await probe(page, 10, 3);
  await expect(p).toHaveAttribute('data-raw', String(Math.fround(0.6)));
  expect(Number(await p.getAttribute('data-depth-m'))).toBe(Math.fround(0.6));
});

test('PFM rows are stored bottom-up and shown top-down', async ({ page }) => {
  await openApp(page);
  const data = filled(new Float32Array(W * H), (_x, y) => 1 + y / 10);
  await chooseFile(page, file('depth.pfm', encodePfm({ width: W, height: H, data })));
  const p = await probe(page, 4, 0);
  await expect(p).toHaveAttribute('data-raw', '1');
  await expect(await probe(page, 4, 23)).toHaveAttribute('data-raw', String(Math.fround(1 + 23 / 10)));
});

test('pasting a file opens it', async ({ page }) => {
  await openApp(page);
  const bytes = encodeNpy({ width: W, height: H, data: filled(new Uint16Array(W * H), () => 1234) });
  await page.evaluate((b) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(b)], 'pasted.npy'));
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt }));
  }, Array.from(bytes));
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', String(W));
  await expect(await probe(page, 1, 1)).toHaveAttribute('data-depth-m', '1.234');
});

test('a JPEG photo opens as relative depth, with a note that colour was converted', async ({ page }) => {
  await openApp(page);
  await chooseFile(page, sample('sun/color.jpg'));
  await expect(page.getByTestId('units')).toHaveValue('relative');
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', '640');
  await expect(page.getByTestId('stats').locator('.notes')).toContainText(/colou?r/i);
  await expect(page.getByTestId('legend')).toContainText('relative depth (unitless)');
});

test('a 4K float TIFF: progress is shown, the page stays responsive, and it opens', async ({ page }) => {
  await openApp(page);
  const w = 3840;
  const h = 2160;
  const data = new Float32Array(w * h);
  for (let i = 0; i < data.length; i++) data[i] = 0.5 + ((i * 2654435761) % 4000) / 1000;
  await chooseFile(page, file('big.tif', encodeTiff({ width: w, height: h, data })));
  await expect(page.getByTestId('loading')).toBeVisible();
  await expect(page.getByTestId('loading')).toContainText('big.tif');
  // While the worker decodes and sorts 8 M floats, the page still answers the user.
  await page.getByTestId('colormap').selectOption('magma');
  await expect(page.getByTestId('colormap')).toHaveValue('magma');
  await expect(page.getByTestId('loading')).toBeVisible();
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', String(w), { timeout: 60_000 });
  await expect(page.getByTestId('loading')).toHaveCount(0);
  await expect(await probe(page, 100, 100)).toHaveAttribute('data-raw', String(data[100 * w + 100]));
});
