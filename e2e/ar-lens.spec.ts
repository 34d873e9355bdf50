/**
 * The AR preview through a strong lens: a TUM freiburg1 folder (the sequence's
 * name gives TUM's published plumb_bob calibration, k1 = 0.26, k2 = -0.95,
 * k3 = 1.16) of a slanted wall, 2 m at the left to 4.56 m at the right. The
 * preview is rectified, so a click at screen pixel P stands the object on the
 * depth pixel P's undistorted ray meets (core/occlusion.ts), at that pixel's
 * point on its undistorted ray (core/surface-placement.ts): the object's stored
 * position must be that reference point. The pinhole answer at P is computed
 * too (the old preview's), and the lens applied to P without rectifying: both
 * are shown to be centimetres away, so a preview ignoring the lens fails.
 *
 * Tolerance: the store rounds positions to 5 decimals (+-5e-6 m); the reference
 * runs on the same float32 depths the click reads, in float64 (the app's
 * arithmetic is the same float64 code), so 1e-5 m covers it.
 */
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { decode, encode } from 'fast-png';
import { colorClose } from './helpers';
import { MASK_HIDDEN, MASK_SEEN } from '../src/render/ar-occlusion';
import { tumCamera } from '../src/io/datasets/published-cameras';
import { distortNormalised, type LensCamera } from '../src/core/distortion';
import { depthPixelOfScreenPixel, lensCamera } from '../src/core/occlusion';
import { surfaceAt } from '../src/core/surface-placement';
import { encodePng16 } from '../src/io/encode-png16';
import { writeFolder } from './recording-fixtures';

const W = 640;
const H = 480;
const SEQUENCE = 'rgbd_dataset_freiburg1_lens';
/** TUM units (1/5000 m): 2 m plus 4 mm per column. */
const raw = (u: number) => 10000 + 20 * u;
/** Near the bottom-right corner (the object list covers the top-left), where the lens moves pixels by about 10 px. */
const CLICK = { u: 600, v: 440 };
const TOLERANCE_M = 1e-5;

/** A TUM fr1 folder of one frame: raw depth (TUM units) and colour per pixel. */
function lensFolder(rawAt: (u: number, v: number) => number, rgbAt: (u: number, v: number) => readonly number[] = () => [128, 128, 128]): string {
  const data = new Uint16Array(W * H);
  const rgb = new Uint8Array(W * H * 3);
  for (let v = 0; v < H; v++)
    for (let u = 0; u < W; u++) {
      data[v * W + u] = rawAt(u, v);
      rgb.set(rgbAt(u, v), (v * W + u) * 3);
    }
  const text = (s: string) => new TextEncoder().encode(s);
  return writeFolder(SEQUENCE, {
    'depth/1.000000.png': encodePng16({ width: W, height: H, data }),
    'rgb/1.004000.png': encode({ width: W, height: H, data: rgb, depth: 8, channels: 3 }),
    'depth.txt': text('# depth maps\n1.000000 depth/1.000000.png\n'),
    'rgb.txt': text('# color images\n1.004000 rgb/1.004000.png\n'),
  });
}

test('through a strong lens an object clicked at a pixel stands on the undistorted surface point', async ({ page }) => {
  const camera = tumCamera(SEQUENCE)!;
  const intr = { fx: camera.fx, fy: camera.fy, cx: camera.cx, cy: camera.cy };
  const lens = { distortion: camera.distortion, coeffs: camera.coeffs };
  const depth = new Float32Array(W * H);
  for (let v = 0; v < H; v++) for (let u = 0; u < W; u++) depth[v * W + u] = raw(u) / 5000;
  const input = { depth, width: W, height: H, intr, rayLength: false };
  const at = depthPixelOfScreenPixel(CLICK.u, CLICK.v, lensCamera(intr, lens), W, H);
  const expected = surfaceAt({ ...input, lens }, at.iu, at.iv)!.position;
  const distance = (p: readonly number[]) => Math.hypot(...expected.map((c, i) => c - p[i]));
  expect(distance(surfaceAt(input, CLICK.u, CLICK.v)!.position), 'the pinhole answer is far off').toBeGreaterThan(0.01);
  expect(distance(surfaceAt({ ...input, lens }, CLICK.u, CLICK.v)!.position), 'the unrectified answer is far off').toBeGreaterThan(0.01);

  await openAr(page, lensFolder(raw));
  await page.getByTestId('ar-place').selectOption('cube');
  const box = (await page.getByTestId('ar-frame').boundingBox())!;
  const click = { x: box.x + ((CLICK.u + 0.5) / W) * box.width, y: box.y + ((CLICK.v + 0.5) / H) * box.height };
  await page.mouse.click(click.x, click.y);
  await expect(page.getByTestId('ar-objects')).toHaveAttribute('data-count', '1');
  const position = (await page.getByTestId('ar-objects').getByRole('button').getAttribute('data-position'))!.split(' ').map(Number);
  expect(position).toHaveLength(3);
  for (let i = 0; i < 3; i++) expect(Math.abs(position[i] - expected[i]), `coordinate ${i}: ${position} vs ${expected}`).toBeLessThanOrEqual(TOLERANCE_M);

  // The lens-built occlusion shader draws it where it was clicked, in front of the wall (not a proof of the lookup's pixel: see the report).
  await page.getByTestId('ar-mask').check();
  const shot = async () => {
    const png = decode(await page.screenshot({ clip: { x: Math.floor(click.x), y: Math.floor(click.y), width: 1, height: 1 } }));
    return [png.data[0], png.data[1], png.data[2]];
  };
  await expect.poll(async () => colorClose(await shot(), [...MASK_SEEN], 3)).toBe(true);
});

/**
 * The view's own pixels through the lens, screen pixel by screen pixel, from
 * the exported screenshot (the canvas's pixels, not the page's, so no
 * compositor resampling): screen pixel x stands for image coordinate
 * u = (x + 0.5) W / canvas width - 0.5 (the image spans the canvas, pixel
 * centres at integers). The shader's lookup runs in float32 and the reference
 * (core/occlusion.ts) in float64, so a screen pixel whose distorted coordinate
 * lies within AMBIGUOUS_PX of a rounding boundary may go either way and is
 * left out; float32 rounding of these sums is ~1e-4 px, far inside it.
 * Everywhere else the pixel must be exactly the reference's.
 */
const AMBIGUOUS_PX = 0.02;

interface Shot {
  width: number;
  height: number;
  rgb(x: number, y: number): number[];
  imageU(x: number): number;
  imageV(y: number): number;
}

async function viewShot(page: Page): Promise<Shot> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-screenshot').click()]);
  const png = decode(readFileSync((await download.path())!));
  const c = png.channels;
  return {
    width: png.width,
    height: png.height,
    rgb: (x, y) => [...png.data.subarray((y * png.width + x) * c, (y * png.width + x) * c + 3)],
    imageU: (x) => ((x + 0.5) * W) / png.width - 0.5,
    imageV: (y) => ((y + 0.5) * H) / png.height - 0.5,
  };
}

/** The continuous depth-grid coordinate the lens puts rectified image point (u, v) at, and whether it rounds unambiguously. */
function lensLookup(camera: LensCamera, u: number, v: number) {
  const d = distortNormalised((u - camera.cx) / camera.fx, (v - camera.cy) / camera.fy, camera);
  const su = camera.fx * d.x + camera.cx + 0.5;
  const sv = camera.fy * d.y + camera.cy + 0.5;
  const clear = (s: number) => Math.abs(s - Math.round(s)) > AMBIGUOUS_PX;
  return { ...depthPixelOfScreenPixel(u, v, camera, W, H), clear: clear(su) && clear(sv) };
}

function tumLensCamera(): LensCamera {
  const camera = tumCamera(SEQUENCE)!;
  return lensCamera({ fx: camera.fx, fy: camera.fy, cx: camera.cx, cy: camera.cy }, { distortion: camera.distortion, coeffs: camera.coeffs });
}

/**
 * Opens the folder and the AR preview once the folder's frame is the image shown.
 * The bundled sample shown before it is a 640 x 480 TUM frame too, so its size
 * says nothing: the folder's frames have no holes (the sample has many) and its
 * fr1 camera is not the sample's default.
 */
async function openAr(page: Page, folder: string) {
  await page.goto('/');
  await page.getByTestId('folder-input').setInputFiles(folder);
  await expect(page.getByTestId('recording')).toHaveAttribute('data-kind', 'tum');
  await expect(page.getByTestId('intrinsics')).toHaveAttribute('data-fx', String(tumCamera(SEQUENCE)!.fx));
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', String(W));
  await expect(page.getByTestId('stats')).toHaveAttribute('data-valid-fraction', '1');
  await page.getByTestId('mode').selectOption('ar');
  await expect(page.getByTestId('ar-frame')).toHaveAttribute('data-ready', 'true');
}

/**
 * Colour coding a pixel's position to 6 bits per axis, in 16-level steps so
 * that a rounding of a few levels on the way to the screen cannot change it.
 */
const code = (u: number, v: number) => [(u % 16) * 16 + 8, (v % 16) * 16 + 8, ((u >> 4) % 4) * 64 + ((v >> 4) % 4) * 16 + 8];
const decodeCode = ([r, g, b]: number[]) => ({ u: (r >> 4) + 16 * (b >> 6), v: (g >> 4) + 16 * ((b >> 4) & 3) });

test('through a strong lens the background shows, at each screen pixel, the image pixel its undistorted ray meets', async ({ page }) => {
  const camera = tumLensCamera();
  await openAr(page, lensFolder(raw, code));
  const shot = await viewShot(page);
  let checked = 0;
  let moved = 0;
  // Mismatches collected, then one assertion (an expect per pixel would make a report step per pixel).
  const wrong: object[] = [];
  for (let y = 0; y < shot.height; y += 3)
    for (let x = 0; x < shot.width; x += 3) {
      const u = shot.imageU(x);
      const v = shot.imageV(y);
      const at = lensLookup(camera, u, v);
      if (!at.clear) continue;
      checked++;
      const seen = decodeCode(shot.rgb(x, y));
      if (seen.u !== at.iu % 64 || seen.v !== at.iv % 64) wrong.push({ x, y, seen, expected: { u: at.iu % 64, v: at.iv % 64 } });
      // What a preview without rectifying would show: the nearest image pixel itself.
      const plain = { u: Math.min(W - 1, Math.max(0, Math.round(u))) % 64, v: Math.min(H - 1, Math.max(0, Math.round(v))) % 64 };
      if (plain.u !== seen.u || plain.v !== seen.v) moved++;
    }
  expect(wrong.slice(0, 5), `${wrong.length} of ${checked} pixels`).toEqual([]);
  expect(checked, 'most of the frame is checked').toBeGreaterThan(0.9 * Math.ceil(shot.width / 3) * Math.ceil(shot.height / 3));
  // The lens moves most of the picture (by up to ~20 px at the corners): a pinhole background fails above.
  expect(moved / checked).toBeGreaterThan(0.5);
});

/** A wall at 4 m with a near block at 1 m over depth pixels [U0, U1) x [V0, V1), off the centre where the lens moves its edges. */
const BLOCK = { u0: 420, u1: 450, v0: 130, v1: 180 };
const rawWithBlock = (u: number, v: number) => (u >= BLOCK.u0 && u < BLOCK.u1 && v >= BLOCK.v0 && v < BLOCK.v1 ? 5000 : 20000);
const CUBE_M = 1.5;

test('through a strong lens the occlusion mask hides exactly the screen pixels whose lens lookup meets the near block', async ({ page }) => {
  const camera = tumLensCamera();
  await openAr(page, lensFolder(rawWithBlock));
  await page.getByTestId('ar-place').selectOption('cube');
  await page.getByTestId('ar-size').fill(String(CUBE_M));
  await page.getByTestId('ar-size').press('Enter');
  const box = (await page.getByTestId('ar-frame').boundingBox())!;
  // At the principal point, on the wall: the cube stands on it towards the camera, its front face at 2.5 m.
  await page.mouse.click(box.x + ((camera.cx + 0.5) / W) * box.width, box.y + ((camera.cy + 0.5) / H) * box.height);
  await expect(page.getByTestId('ar-objects')).toHaveAttribute('data-count', '1');
  const [px, py, pz] = (await page.getByTestId('ar-objects').getByRole('button').getAttribute('data-position'))!.split(' ').map(Number);
  expect(pz).toBeCloseTo(4, 3);
  await page.getByTestId('ar-mask').check();
  let shot = await viewShot(page);
  const centre = { x: Math.round(((camera.cx + 0.5) * shot.width) / W - 0.5), y: Math.round(((camera.cy + 0.5) * shot.height) / H - 0.5) };
  await expect.poll(async () => colorClose((shot = await viewShot(page)).rgb(centre.x, centre.y), [...MASK_SEEN], 3), { message: 'the mask is drawn' }).toBe(true);

  // The front face (a square in the rectified, pinhole view), less 3 px so its edges' antialiasing stays out.
  const front = pz - CUBE_M;
  const face = (c: number, f: number, p: number, s: number) => [c + (f * (p - CUBE_M / 2)) / front, c + (f * (p + CUBE_M / 2)) / front, s];
  const [u0, u1] = face(camera.cx, camera.fx, px, 0);
  const [v0, v1] = face(camera.cy, camera.fy, py, 0);
  let hidden = 0;
  let checked = 0;
  let pinholeWrong = 0;
  const wrong: object[] = [];
  for (let y = 0; y < shot.height; y++)
    for (let x = 0; x < shot.width; x++) {
      const u = shot.imageU(x);
      const v = shot.imageV(y);
      if (u < u0 + 3 || u > u1 - 3 || v < v0 + 3 || v > v1 - 3) continue;
      const at = lensLookup(camera, u, v);
      if (!at.clear) continue;
      checked++;
      const inBlock = (iu: number, iv: number) => iu >= BLOCK.u0 && iu < BLOCK.u1 && iv >= BLOCK.v0 && iv < BLOCK.v1;
      const expectHidden = inBlock(at.iu, at.iv);
      if (expectHidden) hidden++;
      if (inBlock(Math.round(u), Math.round(v)) !== expectHidden) pinholeWrong++;
      const want = expectHidden ? MASK_HIDDEN : MASK_SEEN;
      if (!colorClose(shot.rgb(x, y), [...want], 3)) wrong.push({ x, y, u, v, rgb: shot.rgb(x, y), want: expectHidden ? 'hidden' : 'seen' });
    }
  expect(wrong.slice(0, 5), `${wrong.length} of ${checked} pixels`).toEqual([]);
  expect(hidden, 'the block hides part of the face').toBeGreaterThan(500);
  expect(checked).toBeGreaterThan(10 * hidden);
  // A lookup without the lens would misclassify these pixels (the block's edges move by 2-4 px here).
  expect(pinholeWrong).toBeGreaterThan(50);
});
