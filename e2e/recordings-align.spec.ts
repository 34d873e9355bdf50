/**
 * "Align depth to colour" on an unaligned RealSense recording (the generated
 * realsense-unaligned.bag: 16 x 12 depth through a Brown-Conrady lens, 24 x 18
 * colour through an inverse Brown-Conrady lens, 15 mm and 0.5 degrees apart).
 * Off by default; turned on, the engine registers each frame on the GPU, the
 * intrinsics in force become the colour camera's and a probe on the colour grid
 * reads the registered depth, which must equal src/core/align-depth.ts's.
 *
 * Tolerance: none on the values (registration copies depths). Which colour
 * pixels a depth pixel covers may differ from the float64 reference where a
 * projected corner lies within float32 rounding of a pixel boundary: the bound
 * derived in e2e/kernel-align.spec.ts is 0.0094 px at fx = 925 and shrinks with
 * fx (30.5 here), so the probes are put only where the reference's bounds with
 * that spec's 0.01 px margin agree (the registration is exact there).
 */
import { test, expect, type Page } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chooseFile, clickPixel, openApp, screenColor } from './helpers';
import { DEPTH_CAL, W, H, depthMm } from '../scripts/recording-fixtures/content';
import { UNALIGNED } from '../scripts/make-recording-fixtures';
import { alignDepthToColourBounds, type SizedLensCamera } from '../src/core/align-depth';
import { convertToDepth, DEFAULT_UNITS } from '../src/core/units';
import { depthToColour, transformMatrix } from '../src/io/recordings/realsense';
import { encodePng16 } from '../src/io/encode-png16';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/io/__fixtures__/recordings/realsense-unaligned.bag');
const MARGIN_PX = 0.01;

const depthCamera: SizedLensCamera = { width: W, height: H, fx: DEPTH_CAL.fx, fy: DEPTH_CAL.fy, cx: DEPTH_CAL.cx, cy: DEPTH_CAL.cy, distortion: 'brown-conrady', coeffs: DEPTH_CAL.d };
const c = UNALIGNED.colourCal;
const colourCamera: SizedLensCamera = { ...UNALIGNED.colourSize, fx: c.fx, fy: c.fy, cx: c.cx, cy: c.cy, distortion: 'inverse-brown-conrady', coeffs: c.d };
// The bag records each stream's extrinsics to the depth stream (identity for depth itself).
const IDENTITY = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
const extrinsics = depthToColour(IDENTITY, transformMatrix(UNALIGNED.colourTf));

/** The registered depth of frame k: per colour pixel, the value when the reference is exact there, else undefined. */
function registered(k: number): (number | null | undefined)[] {
  const raw = { width: W, height: H, data: depthMm(k), sampleType: 'uint16' } as unknown as Parameters<typeof convertToDepth>[0];
  const metres = convertToDepth(raw, { ...DEFAULT_UNITS, scale: 'mm' });
  const { low, high } = alignDepthToColourBounds(metres, depthCamera, colourCamera, extrinsics, MARGIN_PX);
  return Array.from(low, (v, i) => (Number.isNaN(v) && Number.isNaN(high[i]) ? null : v === high[i] ? v : undefined));
}

/** A colour pixel near (x, y) where the reference is exact and `want` (a depth, or a hole). */
function pick(values: (number | null | undefined)[], want: 'depth' | 'hole', x0: number, y0: number) {
  const { width, height } = colourCamera;
  for (let r = 0; r < width; r++) {
    for (let y = Math.max(0, y0 - r); y <= Math.min(height - 1, y0 + r); y++) {
      for (let x = Math.max(0, x0 - r); x <= Math.min(width - 1, x0 + r); x++) {
        const v = values[y * width + x];
        if (v !== undefined && (want === 'hole') === (v === null)) return { x, y, value: v };
      }
    }
  }
  throw new Error(`no exact ${want} pixel`);
}

const probe = (page: Page, i: number) => page.getByTestId('probe').nth(i);

test('Align depth to colour: off by default; on, the colour intrinsics and grid, and probes read the reference registration', async ({ page }) => {
  await openApp(page);
  await chooseFile(page, FIXTURE);
  const recording = page.getByTestId('recording');
  await expect(recording).toHaveAttribute('data-kind', 'realsense-bag');
  const intrinsics = page.getByTestId('intrinsics');
  await expect(intrinsics).toHaveAttribute('data-fx', String(DEPTH_CAL.fx));
  const align = page.getByRole('checkbox', { name: 'Align depth to colour' });
  await expect(align).not.toBeChecked();

  await align.check();
  await expect(intrinsics).toHaveAttribute('data-fx', String(c.fx));
  await expect(intrinsics).toHaveAttribute('data-fy', String(c.fy));
  await expect(intrinsics).toHaveAttribute('data-cx', String(c.cx));
  await expect(intrinsics).toHaveAttribute('data-cy', String(c.cy));

  const frame0 = registered(0);
  const hit = pick(frame0, 'depth', 12, 9);
  const hole = pick(frame0, 'hole', 12, 9);
  // A pixel of the colour grid beyond the depth image's 16 x 12: only the registered image has it.
  const outer = pick(frame0, 'depth', 20, 15);
  expect(outer.x >= W || outer.y >= H).toBe(true);
  for (const p of [hit, hole, outer]) await clickPixel(page, p.x, p.y);
  await expect(probe(page, 0)).toHaveAttribute('data-depth-m', String(hit.value));
  await expect(probe(page, 0)).toHaveAttribute('data-raw', '');
  await expect(probe(page, 1)).toHaveAttribute('data-depth-m', '');
  await expect(probe(page, 2)).toHaveAttribute('data-depth-m', String(outer.value));

  // The next frame is registered too.
  await page.keyboard.press('.');
  await expect(recording).toHaveAttribute('data-frame', '1');
  const frame1 = registered(1);
  const exact1 = frame1[hit.y * colourCamera.width + hit.x];
  if (exact1 !== undefined) await expect(probe(page, 0)).toHaveAttribute('data-depth-m', exact1 === null ? '' : String(exact1));
  const outer1 = frame1[outer.y * colourCamera.width + outer.x];
  expect(exact1 !== undefined || outer1 !== undefined).toBe(true);
  if (outer1 !== undefined) await expect(probe(page, 2)).toHaveAttribute('data-depth-m', outer1 === null ? '' : String(outer1));

  // Off again: the depth as recorded, in the depth camera's intrinsics; probes read stored samples.
  await align.uncheck();
  await expect(intrinsics).toHaveAttribute('data-fx', String(DEPTH_CAL.fx));
  await expect(probe(page, 0)).toHaveAttribute('data-raw', /^\d+$/);
});

test('Compare while aligned: the reference is put on the colour grid, and the compare probe reads the map and the reference there', async ({ page }) => {
  await openApp(page);
  await chooseFile(page, FIXTURE);
  await expect(page.getByTestId('recording')).toHaveAttribute('data-kind', 'realsense-bag');
  await page.getByRole('checkbox', { name: 'Align depth to colour' }).check();
  await expect(page.getByTestId('intrinsics')).toHaveAttribute('data-fx', String(c.fx));

  // A ground truth on the colour camera's grid (24 x 18), in mm, distinct per pixel.
  const { width, height } = colourCamera;
  const stored = new Uint16Array(width * height).map((_, i) => 500 + 7 * (i % width) + 31 * Math.floor(i / width));
  const truth = convertToDepth({ width, height, data: stored, sampleType: 'uint16' } as unknown as Parameters<typeof convertToDepth>[0], { ...DEFAULT_UNITS, scale: 'mm' });
  await page.getByTestId('reference-input').setInputFiles({ name: 'colour-grid.png', mimeType: 'image/png', buffer: Buffer.from(encodePng16({ width, height, data: stored })) });
  const reference = page.getByTestId('reference');
  await expect(reference).toHaveAttribute('data-width', String(width));
  // The image in force is the colour grid: nothing to resample (the recorded depth is 16 x 12).
  await expect(reference).toHaveAttribute('data-resampled', 'false');
  await expect(page.getByTestId('reference-note')).toHaveCount(0);
  await expect(page.getByTestId('metrics')).toHaveAttribute('data-width', String(width));

  // A pixel of the colour grid beyond the recorded depth's 16 x 12, with an exact registered depth.
  const outer = pick(registered(0), 'depth', 20, 15);
  // The heatmap is drawn at the colour grid's size too: the pixel is on the image, not on the
  // canvas's clear colour (3, 3, 4; every colormap entry and the no-depth checkerboard are far brighter).
  await expect.poll(async () => Math.max(...(await screenColor(page, outer.x, outer.y)))).toBeGreaterThan(40);
  await clickPixel(page, outer.x, outer.y);
  const compareProbe = page.getByTestId('compare-probe');
  await expect(compareProbe).toHaveAttribute('data-x', String(outer.x));
  await expect(compareProbe).toHaveAttribute('data-ref', String(truth[outer.y * width + outer.x]));
  await expect(compareProbe).toHaveAttribute('data-map', String(outer.value));
});
