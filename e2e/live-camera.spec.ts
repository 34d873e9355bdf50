/**
 * Live depth in the app, end to end: Chromium's fake camera plays a video the
 * test writes (e2e/live-helpers.ts: a dark-to-bright ramp and a moving bright
 * block), the Live panel runs the generated tiny Depth Anything on it
 * (?model= a folder of this site; the hub is blocked and must never be asked),
 * and the depth arrives as the app's depth map: its size is the model's, it
 * grows with brightness (relative inverse depth), it changes as the video
 * moves, rates are shown, calibration makes it metric on the following frames,
 * Stop releases the camera; a photo and a metric model work too. Camera
 * failures end in an alert with a retry.
 */
import { test, expect, type Page } from '@playwright/test';
import { chromiumPath, WEBGPU_FLAGS } from './chromium';
import { clickPixel, openApp, screenColor } from './helpers';
import { CAMERA_VIDEO, RAMP_ONLY_FROM_ROW, TINY_DEPTH_PER_GREY_LEVEL, greyOfLuma, modelSize, rampLuma, tinyModelDepth, writeCameraVideo } from './live-helpers';
import { TINY_DEPTH_MODEL } from '../src/live/model-source';

/** The same tiny model declared metric (scripts/make-tiny-depth-model.ts). */
const TINY_METRIC_MODEL = '/models/tiny-depth-anything-metric/';
import { encode } from 'fast-png';

test.use({
  launchOptions: {
    executablePath: chromiumPath(),
    args: [
      ...WEBGPU_FLAGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${writeCameraVideo()}`,
    ],
  },
});

const [MW, MH] = modelSize(CAMERA_VIDEO.width, CAMERA_VIDEO.height);

declare global {
  interface Window {
    /** Every stream getUserMedia gave the page (recorded by the init script below). */
    liveStreams: MediaStream[];
  }
}

/** Opens the app with the tiny model as the live model, recording camera streams, with the hub blocked. */
async function openLive(page: Page, query = ''): Promise<{ hubRequests: () => number }> {
  let hub = 0;
  await page.context().route('https://huggingface.co/**', (route) => {
    hub++;
    return route.abort('internetdisconnected');
  });
  await page.addInitScript(() => {
    window.liveStreams = [];
    const md = navigator.mediaDevices;
    const original = md.getUserMedia.bind(md);
    md.getUserMedia = async (c) => {
      const stream = await original(c);
      window.liveStreams.push(stream);
      return stream;
    };
  });
  await openApp(page, `?model=${TINY_DEPTH_MODEL}${query}`);
  return { hubRequests: () => hub };
}

const panel = (page: Page) => page.getByTestId('live-panel');
const depthFrames = async (page: Page) => Number(await page.getByTestId('live-stats').getAttribute('data-depth-frames'));

async function startAndWaitForFrames(page: Page, frames: number): Promise<void> {
  await panel(page).getByTestId('live-start').click();
  await expect(panel(page)).toHaveAttribute('data-phase', 'running');
  await expect.poll(() => depthFrames(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(frames);
  // The map on screen is the model's output for the camera's 320 x 240 frames.
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', String(MW));
  await expect(page.getByTestId('stats')).toHaveAttribute('data-height', String(MH));
}

/** A PNG of one grey: any resampling keeps it, so the tiny model's depth is known at every pixel. */
const greyPng = (w: number, h: number, grey: number) =>
  Buffer.from(encode({ width: w, height: h, depth: 8, channels: 3, data: new Uint8Array(w * h * 3).fill(grey) }));

/** Depth-model workers alive in the page (src/live/depth-model.worker.ts). */
const modelWorkers = (page: Page) => page.workers().filter((w) => w.url().includes('depth-model.worker')).length;

/** A probe's stored (relative) sample and metres. */
async function probe(page: Page, i: number): Promise<{ raw: number; m: number }> {
  const p = page.getByTestId('probe').nth(i);
  return { raw: Number(await p.getAttribute('data-raw')), m: Number(await p.getAttribute('data-depth-m')) };
}

test('camera frames flow through the model into the heatmap, with rates shown, and Stop releases the camera', async ({ page }) => {
  const { hubRequests } = await openLive(page);
  await expect(panel(page)).toBeVisible();
  await startAndWaitForFrames(page, 3);
  await expect(page.getByTestId('live-model-info')).toHaveAttribute('data-kind', 'relative-inverse');
  // This browser has WebGPU: the model runs on the app's own device (e2e/live-gpu-model.spec.ts), with no worker.
  await expect(page.getByTestId('live-model-info')).toHaveAttribute('data-path', 'app-device');
  expect(modelWorkers(page)).toBe(0);
  await expect(page.getByTestId('units')).toHaveValue('relative');

  // Along a row only the ramp crosses, the depth is the tiny model's function of the ramp's grey:
  // brighter = larger (relative inverse depth), and the values themselves known.
  const row = Math.round(((RAMP_ONLY_FROM_ROW + 10) * MH) / CAMERA_VIDEO.height);
  const columns = [20, Math.round(MW / 2), MW - 20];
  for (const x of columns) await clickPixel(page, x, row);
  const got = await Promise.all(columns.map((_, i) => probe(page, i)));
  for (const [i, x] of columns.entries()) {
    // Model pixel centres sample the camera frame at (x + 0.5) · 320 / MW − 0.5 (the resize is linear on a ramp).
    const grey = greyOfLuma(rampLuma((x + 0.5) * (CAMERA_VIDEO.width / MW) - 0.5));
    // Three grey levels: the video stores the ramp rounded (±0.5 luma, ±0.6 grey), the page's
    // frame is 8-bit again after the range conversion (±0.5) and after the resize (±0.5).
    expect(Math.abs(got[i].raw - tinyModelDepth(grey, grey, grey)), `column ${x}`).toBeLessThanOrEqual(3 * TINY_DEPTH_PER_GREY_LEVEL);
  }
  expect(got[2].raw).toBeGreaterThan(got[0].raw);

  // The heatmap follows the video: where the block passes, the colour on screen changes.
  const blockRow = Math.round((40 * MH) / CAMERA_VIDEO.height); // the block spans rows 20-60 of the video
  const seen = new Set<string>();
  await expect
    .poll(async () => seen.add(String(await screenColor(page, Math.round(MW / 2), blockRow))).size, { timeout: 30_000 })
    .toBeGreaterThan(1);

  const stats = page.getByTestId('live-stats');
  await expect.poll(async () => Number(await stats.getAttribute('data-camera-fps'))).toBeGreaterThan(0);
  await expect.poll(async () => Number(await stats.getAttribute('data-depth-fps'))).toBeGreaterThan(0);
  expect(Number(await stats.getAttribute('data-latency-ms'))).toBeGreaterThan(0);
  // What a frame reads back from the GPU today: the depth map and the frame's RGBA colours at the model's
  // size, 4 bytes a pixel each (issue 17: the analysis still needs them on the CPU; docs/performance.md).
  expect(Number(await stats.getAttribute('data-readback-bytes'))).toBe(MW * MH * 4 * 2);
  await expect(stats).toContainText('fps');
  await expect(stats).toContainText('ms');

  await panel(page).getByTestId('live-stop').click();
  await expect(panel(page)).toHaveAttribute('data-phase', 'off');
  const states = await page.evaluate(() => window.liveStreams.flatMap((s) => s.getTracks().map((t) => t.readyState)));
  expect(states.length).toBeGreaterThan(0);
  expect(states.every((s) => s === 'ended')).toBe(true);
  await expect(page.getByTestId('live-video')).toHaveCount(0);
  // The model's ONNX session, and its GPU memory, is released.
  await expect.poll(() => page.evaluate(() => performance.getEntriesByName('depthscope:live-model-released').length)).toBe(1);
  // The last frame stays on screen.
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', String(MW));
  expect(hubRequests(), 'a model folder of this site: nothing may go to the hub').toBe(0);
});

test('the temporal filter keeps its history from one live frame to the next', async ({ page }) => {
  // Strong smoothing (alpha 0.1) and a delta larger than any jump here (the tiny model's values span ~10),
  // so a pixel the block crosses lags behind it. Were each frame a new image, filtered would equal raw.
  await openLive(page, '&filters=temporal:0.1,100,off');
  // The block crosses camera x = 150 once a second (the video loops every 10 frames); with alpha 0.1 the
  // lag after its ~5-unit jump decays as 0.9^n · 5 and stays above 0.01 for ~60 depth frames (many seconds
  // here), so at any moment the pixel is still catching up.
  await startAndWaitForFrames(page, 6);
  const [x, y] = [Math.round((150 * MW) / CAMERA_VIDEO.width), Math.round((40 * MH) / CAMERA_VIDEO.height)];
  await clickPixel(page, x, y);
  // Paused, the frame on screen stays; once no frame is in flight and the probe's read-back has
  // settled, filtered and raw are the same frame's (a read-back of an older frame would fake a lag).
  await panel(page).getByTestId('live-pause').click();
  const p = page.getByTestId('probe').first();
  const reading = async () => `${await depthFrames(page)} ${await p.getAttribute('data-raw')} ${await p.getAttribute('data-filtered')}`;
  const settled = async () => {
    const first = await reading();
    await page.waitForTimeout(500);
    return first === (await reading());
  };
  await expect.poll(settled, { timeout: 30_000 }).toBe(true);
  const lag = Math.abs(Number(await p.getAttribute('data-filtered')) - Number(await p.getAttribute('data-raw')));
  // Were each frame a new image, the filter would start over and filtered would be raw exactly (lag 0, as
  // seen when the frame index skips); 0.01 is a third of a grey level, far above float32 rounding at ~5.
  expect(lag).toBeGreaterThan(0.01);
  await panel(page).getByTestId('live-stop').click();
});

test('a clicked pixel of known distance makes the live depth metric, on the following frames too', async ({ page }) => {
  await openLive(page);
  await startAndWaitForFrames(page, 2);
  await panel(page).getByTestId('live-pause').click();
  await expect(panel(page)).toHaveAttribute('data-phase', 'paused');

  const [x, y] = [Math.round(MW * 0.3), Math.round(((RAMP_ONLY_FROM_ROW + 30) * MH) / CAMERA_VIDEO.height)];
  const cal = page.getByTestId('calibration');
  await cal.getByTestId('calibrate-pick').click();
  await clickPixel(page, x, y);
  await cal.getByTestId('calibration-distance-0').fill('2');
  await cal.getByTestId('calibration-distance-0').press('Enter');
  await cal.getByTestId('calibrate-apply').click();
  await expect(cal.getByTestId('calibration-result')).toHaveAttribute('data-space', 'inverse');
  const scale = Number(await cal.getByTestId('calibration-result').getAttribute('data-scale'));

  await clickPixel(page, x, y);
  // The paused frame is the one calibrated: the clicked pixel reads the distance typed (float64 fit of one point).
  await expect.poll(async () => (await probe(page, 0)).m).toBeCloseTo(2, 9);

  const before = await depthFrames(page);
  await panel(page).getByTestId('live-resume').click();
  await expect.poll(() => depthFrames(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(before + 2);
  // Later frames keep the calibration: 1/z = scale · value at every pixel (scale only, one point).
  const later = await probe(page, 0);
  expect(later.m).toBeCloseTo(1 / (scale * later.raw), 9);
  // And elsewhere: a brighter pixel of a later frame is nearer than 2 m, by the same fit.
  await clickPixel(page, Math.round(MW * 0.8), y);
  const brighter = await probe(page, 1);
  expect(brighter.m).toBeCloseTo(1 / (scale * brighter.raw), 9);
  expect(brighter.m).toBeLessThan(2);
  await expect(page.getByTestId('units')).toHaveValue('relative');
  await expect(page.getByTestId('stats')).toHaveAttribute('data-median-m', /\d/);
  await panel(page).getByTestId('live-stop').click();
});

test('a denied camera and a missing camera each end in an alert with a retry; the image on screen stays', async ({ page }) => {
  // Chromium's fake UI always grants; the refusals are what getUserMedia throws in those cases (per the spec).
  await page.addInitScript(() => {
    const md = navigator.mediaDevices;
    md.getUserMedia = () => {
      const name = (window as unknown as { cameraFailure: string }).cameraFailure ?? 'NotAllowedError';
      return Promise.reject(new DOMException('refused by the test', name));
    };
  });
  await openApp(page, `?model=${TINY_DEPTH_MODEL}`);
  const width = await page.getByTestId('stats').getAttribute('data-width');
  await panel(page).getByTestId('live-start').click();
  const alert = panel(page).getByRole('alert');
  await expect(alert).toContainText('Camera access was denied');
  await expect(panel(page)).toHaveAttribute('data-phase', 'off');

  await page.evaluate(() => Object.assign(window, { cameraFailure: 'NotFoundError' }));
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(alert).toContainText('No camera was found');
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', width ?? '');
});

test('an ordinary photo gets its depth from the same model, and the model is released after it', async ({ page }) => {
  await openLive(page);
  // A uniform grey picture: any resampling keeps it uniform, so every depth value is the
  // tiny model's function of that grey, known exactly (e2e/live-model.spec.ts checks varying pictures).
  const [w, h, grey] = [64, 48, 128];
  const png = greyPng(w, h, grey);
  await panel(page).getByTestId('live-photo').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
  const [mw, mh] = modelSize(w, h);
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', String(mw));
  await expect(page.getByTestId('stats')).toHaveAttribute('data-height', String(mh));
  await expect(panel(page)).toHaveAttribute('data-phase', 'off');
  await expect.poll(() => modelWorkers(page)).toBe(0);
  await clickPixel(page, 5, 5);
  const want = tinyModelDepth(grey, grey, grey);
  // float32 arithmetic end to end (see EXACT_TOLERANCE in live-model.spec.ts).
  expect(Math.abs((await probe(page, 0)).raw - want)).toBeLessThanOrEqual(1e-5);
  await expect(page.getByTestId('units')).toHaveValue('relative');
});

test('with the Live panel open, a photo dropped on the page gets its depth from the model', async ({ page }) => {
  await openLive(page);
  await expect(panel(page)).toBeVisible();
  const [w, h, grey] = [64, 48, 90];
  await page.getByTestId('file-input').setInputFiles({ name: 'dropped.png', mimeType: 'image/png', buffer: greyPng(w, h, grey) });
  const [mw, mh] = modelSize(w, h);
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', String(mw));
  await expect(page.getByTestId('stats')).toHaveAttribute('data-height', String(mh));
  await expect(panel(page)).toHaveAttribute('data-phase', 'off');
  await clickPixel(page, 5, 5);
  // The model's function of the grey, not the picture's luma (90 / 255 as relative depth).
  expect(Math.abs((await probe(page, 0)).raw - tinyModelDepth(grey, grey, grey))).toBeLessThanOrEqual(1e-5);
});

test('a model declared metric is read as metres, with no calibration', async ({ page }) => {
  await openLive(page);
  await panel(page).getByTestId('live-model').fill(TINY_METRIC_MODEL);
  await panel(page).getByTestId('live-photo').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: greyPng(64, 48, 200) });
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', String(modelSize(64, 48)[0]));
  await expect(page.getByTestId('units')).toHaveValue('m');
  await clickPixel(page, 5, 5);
  const { raw, m } = await probe(page, 0);
  expect(Math.abs(raw - tinyModelDepth(200, 200, 200))).toBeLessThanOrEqual(1e-5);
  expect(m).toBe(raw);
});

test('live frames keep flowing with the point cloud view open, with no error', async ({ page }) => {
  await openLive(page, '&view=cloud');
  await expect(page.getByTestId('cloud-canvas')).toHaveAttribute('data-ready', 'true');
  await startAndWaitForFrames(page, 3);
  await expect(page.getByTestId('cloud-canvas')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('error')).toHaveCount(0);
  await expect(panel(page).getByRole('alert')).toHaveCount(0);
  await panel(page).getByTestId('live-stop').click();
});
