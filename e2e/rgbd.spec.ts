/**
 * An RGB-D pair as a user brings it: the TUM depth map and its colour frame
 * chosen together. The colour colours the 3-D points and the exported PLY;
 * the PLY is read back and checked point by point against the back-projection
 * computed here and the colour frame decoded here (fast-png, not the app's decoder).
 */
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { decode } from 'fast-png';
import { readPly } from '../src/io/read-ply';
import { colorClose, sample, setUnits } from './helpers';
import { tumMetres } from './chain-reference';

const raw = tumMetres();
const rgb = decode(readFileSync(sample('tum/color.png')));
const colourOf = (u: number, v: number) => [...rgb.data.subarray((v * rgb.width + u) * rgb.channels, (v * rgb.width + u) * rgb.channels + 3)];

async function openPair(page: Page, query: string) {
  await page.goto(`/${query}`);
  await page.getByTestId('file-input').setInputFiles([sample('tum/depth.png'), sample('tum/color.png')]);
  // The start-up sample may still be downloading: the file chosen after it must win.
  await expect(page.getByRole('region', { name: 'Statistics' }).getByRole('heading')).toHaveText('depth.png');
  await expect(page.getByTestId('colour-file').locator('..')).toContainText('colour: color.png');
  await expect(page.getByTestId('error')).toHaveCount(0);
  // A dropped 16-bit PNG opens as millimetres; TUM stores 1/5000 m.
  await setUnits(page, 'tum');
  await expect(page.getByTestId('units')).toHaveValue('tum');
}

/** Sensor view with the default intrinsics (fx = fy, centred): pixel (u, v) lands at the canvas centre + (u - cx, v - cy) * canvasHeight / 480. */
async function sensorColour(page: Page, u: number, v: number) {
  const box = await page.locator('[data-testid="viewport"] canvas').boundingBox();
  if (!box) throw new Error('no canvas');
  const k = box.height / raw.height;
  const x = box.x + box.width / 2 + (u - (raw.width - 1) / 2) * k;
  const y = box.y + box.height / 2 + (v - (raw.height - 1) / 2) * k;
  const png = decode(await page.screenshot({ clip: { x: Math.floor(x), y: Math.floor(y), width: 1, height: 1 } }));
  return [png.data[0], png.data[1], png.data[2]];
}

test('the cloud takes its colours from the paired colour frame, and can go back to the colormap', async ({ page }) => {
  await openPair(page, '?view=cloud&pointsize=3');
  await expect(page.getByTestId('color-by')).toHaveValue('image');
  for (const [u, v] of [[320, 240], [100, 200], [500, 400]]) {
    // A point covers a few screen pixels and neighbours overlap: the colour of the pixel or of a 3 x 3 neighbour.
    const options: number[][] = [];
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) options.push(colourOf(u + dx, v + dy));
    await expect.poll(async () => {
      const c = await sensorColour(page, u, v);
      return options.some((o) => colorClose(c, o, 3));
    }, { message: `colour of pixel (${u}, ${v})` }).toBe(true);
  }
  const byImage = await sensorColour(page, 320, 240);
  await page.getByTestId('color-by').selectOption('depth');
  await expect.poll(async () => colorClose(await sensorColour(page, 320, 240), byImage, 20)).toBe(false);
});

test('the PLY export carries the colour frame: every point read back equals the independent back-projection and pixel colour', async ({ page }) => {
  await openPair(page, '?view=cloud&stride=4');
  await expect(page.getByTestId('color-by')).toHaveValue('image');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ply').click()]);
  expect(download.suggestedFilename()).toBe('depth_raw_cloud.ply');
  const ply = readPly(readFileSync(await download.path()));
  expect(ply.props.map((p) => p.name)).toEqual(['x', 'y', 'z', 'red', 'green', 'blue']);
  expect(ply.comments).toContain('colours: colour image color.png');
  // Default intrinsics for 640 x 480 (PrimeSense): 525, 525, 319.5, 239.5; every 4th pixel, holes left out.
  const expected: number[][] = [];
  for (let v = 0; v < raw.height; v += 4) {
    for (let u = 0; u < raw.width; u += 4) {
      const z = raw.depth[v * raw.width + u];
      if (Number.isFinite(z)) expected.push([((u - 319.5) * z) / 525, ((v - 239.5) * z) / 525, z, ...colourOf(u, v)]);
    }
  }
  expect(ply.count).toBe(expected.length);
  let worst = 0;
  for (const [i, row] of ply.rows.entries()) {
    // float32 storage of metres a few units large: 1e-5 m is well above its rounding (~2.4e-7 m at 2 m).
    for (let k = 0; k < 3; k++) worst = Math.max(worst, Math.abs(row[k] - expected[i][k]));
    expect(row.slice(3), `colour of point ${i}`).toEqual(expected[i].slice(3));
  }
  expect(worst).toBeLessThan(1e-5);
});
