/**
 * A dropped file has no URL, so the link carries the map itself in its
 * fragment. The opener's values are read back through the Export panel (the
 * files a user would save), so what is compared is what the fresh page holds,
 * not what the link text says.
 */
import { test, expect, type Page } from '@playwright/test';
import { decode, encode } from 'fast-png';
import { readFileSync } from 'node:fs';
import { chooseFile, clickPixel } from './helpers';
import { copyLink, datasets, openInFreshContext } from './link-helpers';
import { encodeNpy } from '../src/io/encode-npy';
import { decodeNpy } from '../src/io/decode-npy';
import { mulberry32 } from '../src/core/seeded-random';

/** A sloped surface with sensor noise and a hole, like a real frame (noise keeps it from compressing to nothing). */
function surface(width: number, height: number, seed: number, at: (x: number, y: number, noise: number) => number): number[] {
  const rand = mulberry32(seed);
  const out: number[] = [];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out.push(x < 8 && y < 6 ? 0 : at(x, y, rand() - 0.5));
  return out;
}

async function openDropped(page: Page, file: { name: string; mimeType: string; buffer: Buffer }, width: number) {
  await page.goto('/');
  // The bundled sample opens first; the dropped file must come after it.
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', '640');
  await chooseFile(page, file);
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', String(width));
}

async function exported(page: Page, kind: 'png-mm' | 'npy'): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${kind}`).click()]);
  return readFileSync(await download.path());
}

test('a small 16-bit map travels exactly in the fragment: every raw value comes back', async ({ page, browser, baseURL }) => {
  const [w, h] = [120, 90];
  const raw = Uint16Array.from(surface(w, h, 1, (x, y, n) => 1500 + 4 * x + 2 * y + Math.round(6 * n)));
  await openDropped(page, { name: 'desk.png', mimeType: 'image/png', buffer: Buffer.from(encode({ width: w, height: h, data: raw, depth: 16, channels: 1 })) }, w);

  const link = await copyLink(page);
  await expect(page.getByTestId('link-depth')).toHaveText(/^The link holds this depth map exactly \(\d+\.\d KB\)\.$/);
  expect(new URL(link).hash).toMatch(/^#depth=[\w-]+$/);
  // Only the fragment holds the map: the part a browser sends to a server stays short.
  expect(new URL(link).search.length).toBeLessThan(200);
  const stats = await datasets(page.getByTestId('stats'));

  const { context, page: other } = await openInFreshContext(browser, baseURL!, link);
  await expect(other.getByTestId('stats')).toHaveAttribute('data-width', String(w));
  expect(await datasets(other.getByTestId('stats'))).toEqual(stats);
  await expect(other.getByTestId('stats').getByRole('heading')).toHaveText('desk.png');
  // Millimetre units: the exported 16-bit PNG holds the raw samples themselves.
  const png = decode(await exported(other, 'png-mm'));
  expect([png.width, png.height]).toEqual([w, h]);
  expect(Array.from(png.data)).toEqual(Array.from(raw));
  // The opener's own link is the same text again, not a re-encoding.
  expect(new URL(await copyLink(other)).hash).toBe(new URL(link).hash);
  await context.close();
});

test('a float map too large to be exact is quantized, and the values stay within the error the UI states', async ({ page, browser, baseURL }) => {
  // 192 × 144 float32 metres with 4 mm of noise: about 100 KB exact, more than a link carries.
  const [w, h] = [192, 144];
  const metres = Float32Array.from(surface(w, h, 2, (x, y, n) => 1.5 + 0.002 * x + 0.001 * y + 0.008 * n));
  const npy = encodeNpy({ width: w, height: h, data: metres });
  await openDropped(page, { name: 'noisy.npy', mimeType: 'application/octet-stream', buffer: Buffer.from(npy) }, w);

  const link = await copyLink(page);
  const note = page.getByTestId('link-depth');
  await expect(note).toHaveText(/quantized to 16 bits, each value within ±[\d.e-]+ m \([\d.e-]+ raw units\) of the original .* export it as a file to share it exactly/);
  const stated = Number(await note.getAttribute('data-max-error'));
  // Half a step of a ~0.55 m span in 65534 steps, plus float32 rounding: tens of micrometres, not millimetres.
  expect(stated).toBeGreaterThan(0);
  expect(stated).toBeLessThan(1e-5);

  const { context, page: other } = await openInFreshContext(browser, baseURL!, link);
  await expect(other.getByTestId('stats')).toHaveAttribute('data-width', String(w));
  // Whoever opens it is told, without asking, that the values are not exact.
  await expect(other.getByTestId('link-depth')).toContainText('Depth map from the link, quantized to 16 bits');
  await expect(other.getByTestId('link-depth')).toHaveAttribute('data-max-error', String(stated));
  const got = decodeNpy(new Uint8Array(await exported(other, 'npy'))).data as Float32Array;
  let worst = 0;
  let holes = 0;
  for (let i = 0; i < metres.length; i++) {
    if (metres[i] === 0) holes += Number.isNaN(got[i]) ? 1 : 0;
    else worst = Math.max(worst, Math.abs(got[i] - metres[i]));
  }
  expect(holes).toBe(48); // the 8 × 6 hole stays no depth
  expect(worst).toBeLessThanOrEqual(stated);
  // It really is lossy: a bound that is never approached would not be tested.
  expect(worst).toBeGreaterThan(stated / 4);
  await context.close();
});

test('a map too large for a link says why, offers the export, and the opener is asked for the file', async ({ page, browser, baseURL }) => {
  const [w, h] = [400, 300];
  const rand = mulberry32(3);
  // White noise does not compress: about 235 KB of link text, far over the limit.
  const raw = Uint16Array.from({ length: w * h }, () => 1000 + Math.floor(rand() * 60000));
  const file = { name: 'big.png', mimeType: 'image/png', buffer: Buffer.from(encode({ width: w, height: h, data: raw, depth: 16, channels: 1 })) };
  await openDropped(page, file, w);
  await page.getByTestId('units').selectOption('tum');
  await page.getByTestId('colormap').selectOption('inferno');
  await clickPixel(page, 200, 150);

  const link = await copyLink(page);
  expect(new URL(link).hash).toBe('');
  await expect(page.getByTestId('link-depth')).toHaveText(
    /^The link cannot hold this depth map: it needs \d+\.\d KB of link text and a link carries at most 64\.0 KB\. Export the depth as a file/,
  );
  // The export buttons wait for the filtered depth (re-made after the units change).
  await expect(page.getByTestId('export-png-mm')).toBeEnabled();
  await page.getByTestId('link-export').click();
  await expect(page.getByTestId('export-png-mm')).toBeFocused();
  const probes = await datasets(page.getByTestId('probe'));

  // The opener is not shown the bundled sample under these settings, but asked for the file.
  const { context, page: other } = await openInFreshContext(browser, baseURL!, link, { waitForMap: false });
  await expect(other.getByRole('alert')).toHaveText(/This link was made from the file “big\.png” \(400 × 300\), too large to travel in a link: open that file/);
  await expect(other.getByTestId('stats')).not.toHaveAttribute('data-width');
  await chooseFile(other, file);
  await expect(other.getByTestId('stats')).toHaveAttribute('data-width', String(w));
  // Once it is dropped, the link's settings apply to it: units, colormap and the probe.
  await expect(other.getByTestId('units')).toHaveValue('tum');
  await expect(other.getByTestId('colormap')).toHaveValue('inferno');
  expect(await datasets(other.getByTestId('probe'))).toEqual(probes);
  await context.close();
});
