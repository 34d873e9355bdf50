/**
 * Bags and MCAP files open as recordings by the file input, as a user picks
 * them: the generated fixtures of src/io/__fixtures__/recordings, whose
 * values are scripts/recording-fixtures/content.ts's (checked exactly here
 * through the probes, and the units and intrinsics the file recorded).
 */
import { test, expect, type Page } from '@playwright/test';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chooseFile, clickPixel, openApp } from './helpers';
import { DEPTH_CAL, W, depthM, depthMm } from '../scripts/recording-fixtures/content';
import { REALSENSE_DEPTH_UNITS } from '../scripts/make-recording-fixtures';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/io/__fixtures__/recordings');
const fixture = (name: string) => path.join(FIXTURES, name);
const PROBE = { x: 5, y: 3 };
const at = PROBE.y * W + PROBE.x;
const recording = (page: Page) => page.getByTestId('recording');
const probe = (page: Page) => page.getByTestId('probe').first();

async function expectRaw(page: Page, frame: number, raw: string) {
  await expect(recording(page)).toHaveAttribute('data-frame', String(frame));
  await expect(probe(page)).toHaveAttribute('data-raw', raw);
}

test('a RealSense .bag: depth in its recorded Depth Units, intrinsics from camera_info, frames stepped', async ({ page }) => {
  await openApp(page);
  await chooseFile(page, fixture('realsense.bag'));
  await expect(recording(page)).toHaveAttribute('data-kind', 'realsense-bag');
  await expect(recording(page)).toHaveAttribute('data-frames', '4');
  await expect(recording(page)).toHaveAttribute('data-depth-unit-m', String(REALSENSE_DEPTH_UNITS));
  const intrinsics = page.getByTestId('intrinsics');
  await expect(intrinsics).toHaveAttribute('data-fx', String(DEPTH_CAL.fx));
  await expect(intrinsics).toHaveAttribute('data-fy', String(DEPTH_CAL.fy));
  await expect(intrinsics).toHaveAttribute('data-cx', String(DEPTH_CAL.cx));
  await expect(intrinsics).toHaveAttribute('data-cy', String(DEPTH_CAL.cy));
  await clickPixel(page, PROBE.x, PROBE.y);
  await expectRaw(page, 0, String(depthMm(0)[at]));
  await expect(probe(page)).toHaveAttribute('data-depth-m', String(depthMm(0)[at] * REALSENSE_DEPTH_UNITS));
  await page.keyboard.press('.');
  await page.keyboard.press('.');
  await expectRaw(page, 2, String(depthMm(2)[at]));
});

for (const name of ['camera-lz4.bag', 'camera-bz2.bag', 'camera-unindexed.bag', 'ros2-zstd.mcap']) {
  test(`${name} opens as a recording with exact millimetres`, async ({ page }) => {
    await openApp(page);
    await chooseFile(page, fixture(name));
    await expect(recording(page)).toHaveAttribute('data-kind', name.endsWith('.mcap') ? 'mcap' : 'rosbag');
    await expect(recording(page)).toHaveAttribute('data-depth-unit-m', '0.001');
    await clickPixel(page, PROBE.x, PROBE.y);
    await page.getByTestId('recording-scrub').fill('3');
    await expectRaw(page, 3, String(depthMm(3)[at]));
  });
}

test('a bag with several depth topics offers them, and the float topic reads in metres', async ({ page }) => {
  await openApp(page);
  await chooseFile(page, fixture('topics.bag'));
  await expect(recording(page)).toHaveAttribute('data-kind', 'rosbag');
  const chooser = page.getByTestId('recording-depth-topic');
  await expect(chooser.locator('option')).toHaveCount(5);
  await chooser.selectOption('/cam_b/depth/image_raw');
  await expect(recording(page)).toHaveAttribute('data-depth-unit-m', '1');
  await clickPixel(page, PROBE.x, PROBE.y);
  await page.keyboard.press('.');
  await expect(recording(page)).toHaveAttribute('data-frame', '1');
  await expect(probe(page)).toHaveAttribute('data-depth-m', String(depthM(1)[at]));
});

test('a truncated bag ends in a sentence naming it, and the image on screen stays', async ({ page }) => {
  await openApp(page);
  const before = await page.getByTestId('stats').locator('h2').textContent();
  const bytes = readFileSync(fixture('camera-plain.bag'));
  await chooseFile(page, { name: 'cut.bag', mimeType: 'application/octet-stream', buffer: bytes.subarray(0, Math.floor(bytes.length / 3)) });
  await expect(page.getByRole('alert')).toContainText('cut.bag');
  await expect(page.getByTestId('stats').locator('h2')).toHaveText(before ?? '');
});
