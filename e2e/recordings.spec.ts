/**
 * Dataset folders and archives open as recordings on the timeline, as a user
 * opens them: "Open folder…", a dropped archive, a link with ?src=&frame=.
 * Values are read back from probes and checked against what the test wrote.
 */
import { test, expect, type Page } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chooseFile, clickPixel, openApp } from './helpers';
import { FOLDER_DEPTH, SCANNET_FRAMES, TUM_DEPTH_STAMPS, depthSample } from '../scripts/make-dataset-fixtures';
import { FRAMES, REDWOOD_INTRINSICS, redwoodFiles, redwoodRaw, tumFiles, tumRaw, writeFolder, zipOf } from './recording-fixtures';

const PROBE = { x: 3, y: 2 };
const recording = (page: Page) => page.getByTestId('recording');

async function probeRaw(page: Page): Promise<string | null> {
  return page.getByTestId('probe').first().getAttribute('data-raw');
}

async function expectFrame(page: Page, k: number, raw: number) {
  await expect(recording(page)).toHaveAttribute('data-frame', String(k));
  await expect.poll(() => probeRaw(page)).toBe(String(raw));
}

test('a TUM folder opens by "Open folder…": depth frames only, TUM units, poses, and the timeline steps, scrubs and plays', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('folder-input').setInputFiles(writeFolder('rgbd_dataset_test', tumFiles()));
  await expect(recording(page)).toHaveAttribute('data-kind', 'tum');
  // Six colour images and five depth maps: colour never becomes depth.
  await expect(recording(page)).toHaveAttribute('data-frames', String(FRAMES));
  await expect(recording(page)).toHaveAttribute('data-depth-unit-m', '0.0002');
  await expect(recording(page)).toHaveAttribute('data-poses', String(FRAMES));
  await clickPixel(page, PROBE.x, PROBE.y);
  await expectFrame(page, 0, tumRaw(0, PROBE.x, PROBE.y));
  await expect(page.getByTestId('probe').first()).toHaveAttribute('data-depth-m', String(tumRaw(0, PROBE.x, PROBE.y) / 5000));

  // Keys step, the slider scrubs, the time follows the recorded stamps.
  await page.keyboard.press('.');
  await expectFrame(page, 1, tumRaw(1, PROBE.x, PROBE.y));
  await expect(recording(page)).toHaveAttribute('data-time-s', (0.0333).toFixed(6));
  await page.getByTestId('recording-scrub').fill('4');
  await expectFrame(page, 4, tumRaw(4, PROBE.x, PROBE.y));
  await page.keyboard.press(',');
  await expectFrame(page, 3, tumRaw(3, PROBE.x, PROBE.y));

  // Played as fast as frames decode, it loops through every frame until paused (at the
  // recorded 30 fps this machine would skip frames to keep time, as RealSense Viewer does).
  await page.getByLabel('Playback rate').selectOption('fast');
  // Every frame shown is recorded in the page (polling from the test could alias with the loop's period).
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="recording"]') as HTMLElement;
    const seen = new Set<string>();
    (window as unknown as { framesSeen: Set<string> }).framesSeen = seen;
    new MutationObserver(() => seen.add(el.dataset.frame ?? '')).observe(el, { attributes: true, attributeFilter: ['data-frame'] });
  });
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(recording(page)).toHaveAttribute('data-playing', 'true');
  await expect.poll(() => page.evaluate(() => (window as unknown as { framesSeen: Set<string> }).framesSeen.size)).toBe(FRAMES);
  // The timeline's Pause (the Reconstruct panel has one too).
  await page.getByTestId('recording').getByRole('button', { name: 'Pause' }).click();
  await expect(recording(page)).toHaveAttribute('data-playing', 'false');
  // The frame on screen is the one the timeline names (read together: a frame read before Pause may still land).
  await expect
    .poll(async () => {
      const k = Number(await recording(page).getAttribute('data-frame'));
      return (await probeRaw(page)) === String(tumRaw(k, PROBE.x, PROBE.y));
    })
    .toBe(true);
});

test('a Redwood folder brings its intrinsics, and says where they came from', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('folder-input').setInputFiles(writeFolder('redwood_scene', redwoodFiles()));
  await expect(recording(page)).toHaveAttribute('data-kind', 'redwood');
  await expect(recording(page)).toHaveAttribute('data-frames', '3');
  const intrinsics = page.getByTestId('intrinsics');
  await expect(intrinsics).toHaveAttribute('data-fx', String(REDWOOD_INTRINSICS.fx));
  await expect(intrinsics).toHaveAttribute('data-fy', String(REDWOOD_INTRINSICS.fy));
  await expect(intrinsics).toHaveAttribute('data-cx', String(REDWOOD_INTRINSICS.cx));
  await expect(intrinsics).toHaveAttribute('data-cy', String(REDWOOD_INTRINSICS.cy));
  await expect(page.getByTestId('intrinsics-source')).toContainText('camera_intrinsic.json');
  await clickPixel(page, PROBE.x, PROBE.y);
  await page.keyboard.press('.');
  await expectFrame(page, 1, redwoodRaw(1, PROBE.x, PROBE.y));
});

test('a dataset dropped as a .zip opens as the dataset inside it', async ({ page }) => {
  await openApp(page);
  const zip = Buffer.from(zipOf('rgbd_dataset_test', tumFiles())).toString('base64');
  const dataTransfer = await page.evaluateHandle((b64) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'tum.zip', { type: 'application/zip' }));
    return dt;
  }, zip);
  await page.getByTestId('viewport').dispatchEvent('dragover', { dataTransfer });
  await page.getByTestId('viewport').dispatchEvent('drop', { dataTransfer });
  await expect(recording(page)).toHaveAttribute('data-kind', 'tum');
  await expect(recording(page)).toHaveAttribute('data-frames', String(FRAMES));
});

test('?src= streams a recording with range requests and ?frame= opens that frame', async ({ page }) => {
  const zip = zipOf('rgbd_dataset_test', tumFiles());
  const asked: (string | null)[] = [];
  await page.route('**/data/tum.zip', async (route) => {
    const range = route.request().headers()['range'] ?? null;
    asked.push(range);
    const m = range && /^bytes=(\d+)-(\d+)$/.exec(range);
    if (!m) return route.fulfill({ status: 200, body: Buffer.from(zip) });
    const from = Number(m[1]);
    const to = Math.min(zip.length - 1, Number(m[2]));
    await route.fulfill({
      status: 206,
      headers: { 'content-range': `bytes ${from}-${to}/${zip.length}`, 'content-type': 'application/zip' },
      body: Buffer.from(zip.subarray(from, to + 1)),
    });
  });
  await openApp(page, '?src=data/tum.zip&frame=3');
  await expect(recording(page)).toHaveAttribute('data-kind', 'tum');
  await expect(recording(page)).toHaveAttribute('data-frame', '3');
  await clickPixel(page, PROBE.x, PROBE.y);
  await expect.poll(() => probeRaw(page)).toBe(String(tumRaw(3, PROBE.x, PROBE.y)));
  // Never the whole file: every request named a range.
  expect(asked.length).toBeGreaterThan(1);
  expect(asked.every((r) => r !== null && /^bytes=\d+-\d+$/.test(r))).toBe(true);
  // The link follows the frame on screen.
  await page.keyboard.press('.');
  await expect.poll(() => new URL(page.url()).searchParams.get('frame')).toBe('4');
  expect(new URL(page.url()).searchParams.get('src')).toBe('data/tum.zip');
});

test('a folder that is no dataset says so, and the image on screen stays', async ({ page }) => {
  await openApp(page);
  const before = await page.getByTestId('stats').locator('h2').textContent();
  await page.getByTestId('folder-input').setInputFiles(writeFolder('notes', { 'readme.txt': new TextEncoder().encode('nothing here') }));
  await expect(page.getByRole('alert')).toContainText('notes');
  await expect(page.getByTestId('stats').locator('h2')).toHaveText(before ?? '');
  await expect(recording(page)).toHaveCount(0);
});

/** The committed dataset fixtures (scripts/make-dataset-fixtures.ts writes them, with these values). */
const DATASETS = fileURLToPath(new URL('../src/io/__fixtures__/datasets/', import.meta.url));
const P = { x: 2, y: 1 };

for (const [layout, folder, frames, poses] of [
  // 7-Scenes opens its first sequence (seq-01, 3 frames); ScanNet's third pose is -inf (invalid).
  ['7scenes', '7scenes', 3, 3],
  ['scannet', 'scannet', SCANNET_FRAMES.length, SCANNET_FRAMES.length - 1],
  ['folder', 'folder', FOLDER_DEPTH.length, 0],
] as const) {
  test(`a ${layout} folder is recognised and read exactly`, async ({ page }) => {
    await openApp(page);
    await page.getByTestId('folder-input').setInputFiles(path.join(DATASETS, folder));
    await expect(recording(page)).toHaveAttribute('data-kind', layout);
    await expect(recording(page)).toHaveAttribute('data-frames', String(frames));
    await expect(recording(page)).toHaveAttribute('data-poses', String(poses));
    await clickPixel(page, P.x, P.y);
    await expect.poll(() => probeRaw(page)).toBe(String(depthSample(layout, 0, P.x, P.y)));
    await page.keyboard.press('.');
    await expect(recording(page)).toHaveAttribute('data-frame', '1');
    await expect.poll(() => probeRaw(page)).toBe(String(depthSample(layout, 1, P.x, P.y)));
    if (layout === '7scenes') {
      // Its sequences are offered like a bag's topics; seq-02's frames are the generator's 10 and 11.
      await page.getByTestId('recording-depth-topic').selectOption('seq-02');
      await expect(recording(page)).toHaveAttribute('data-frames', '2');
      await page.getByTestId('recording-scrub').fill('1');
      await expect.poll(() => probeRaw(page)).toBe(String(depthSample(layout, 11, P.x, P.y)));
    }
  });
}

for (const archive of ['tum-mini.tar', 'tum-mini.tgz']) {
  test(`a dataset picked as ${archive} opens as the dataset inside it`, async ({ page }) => {
    await openApp(page);
    await chooseFile(page, path.join(DATASETS, 'archives', archive));
    await expect(recording(page)).toHaveAttribute('data-kind', 'tum');
    await expect(recording(page)).toHaveAttribute('data-frames', String(TUM_DEPTH_STAMPS.length));
    await clickPixel(page, P.x, P.y);
    await expect.poll(() => probeRaw(page)).toBe(String(depthSample('tum', 0, P.x, P.y)));
  });
}

test('in 3-D, a dataset with poses draws its camera path, and the current frustum follows the timeline', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('folder-input').setInputFiles(writeFolder('rgbd_dataset_test', tumFiles()));
  await expect(recording(page)).toHaveAttribute('data-poses', String(FRAMES));
  await page.getByTestId('mode').selectOption('cloud');
  const canvas = page.locator('canvas[data-path-segments]');
  // Five posed frames in a row: four segments of path, anchored at frame 0.
  await expect(canvas).toHaveAttribute('data-path-segments', String(FRAMES - 1));
  await expect(canvas).toHaveAttribute('data-path-frame', '0');
  await page.keyboard.press('.');
  await expect(canvas).toHaveAttribute('data-path-frame', '1');
});
