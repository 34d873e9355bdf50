/**
 * The 3-D point cloud as a user meets it: it opens at the sensor's own
 * viewpoint, so each pixel's point lands where the pixel was, coloured by its
 * depth; dragging orbits; "Sensor view" comes back; filters show in 3-D.
 * With the default intrinsics (fx = fy, principal point at the image centre)
 * and the vertical field of view taken from fy, image pixel (u, v) projects to
 * the canvas centre + (u - cx, v - cy) * canvasHeight / imageHeight.
 */
import { test, expect, type Page } from '@playwright/test';
import { decode, encode } from 'fast-png';
import { colormapTable } from '../src/core/colormap-tables';
import { colormapIndex, colormapPosition } from '../src/core/colorize';
import { chooseFile, colorClose } from './helpers';
import { filteredTum, findPixel, tumMetres } from './chain-reference';

const RANGE = { lo: 1.5, hi: 3.5, logScale: false, reverse: false, checkerPx: 4 };
const APP = '/?src=/samples/tum-depth.png&scale=tum&colormap=viridis&range=1.5,3.5&view=cloud&pointsize=3';
const raw = tumMetres();

function viridis(m: number): number[] {
  const k = colormapIndex(colormapPosition(m, RANGE) as number) * 3;
  return [...colormapTable('viridis').subarray(k, k + 3)];
}

async function canvasBox(page: Page) {
  const box = await page.locator('[data-testid="viewport"] canvas').boundingBox();
  if (!box) throw new Error('no canvas');
  return box;
}

/** Where pixel (u, v) lands in the sensor view. */
async function sensorPoint(page: Page, u: number, v: number) {
  const box = await canvasBox(page);
  const k = box.height / raw.height;
  return { x: box.x + box.width / 2 + (u - (raw.width - 1) / 2) * k, y: box.y + box.height / 2 + (v - (raw.height - 1) / 2) * k };
}

async function colorAt(page: Page, p: { x: number; y: number }): Promise<number[]> {
  const png = decode(await page.screenshot({ clip: { x: Math.floor(p.x), y: Math.floor(p.y), width: 1, height: 1 } }));
  return [png.data[0], png.data[1], png.data[2]];
}

/** A point covers a few screen pixels and neighbours overlap: accept the colour of the pixel or of a 3 x 3 neighbour. */
async function expectPointColor(page: Page, field: { depth: Float32Array; width: number }, u: number, v: number) {
  const options: number[][] = [];
  for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) options.push(viridis(field.depth[(v + dy) * field.width + u + dx]));
  await expect
    .poll(async () => {
      const c = await colorAt(page, await sensorPoint(page, u, v));
      return options.some((o) => colorClose(c, o, 3));
    }, { message: `point of pixel (${u}, ${v})` })
    .toBe(true);
}

async function openCloud(page: Page, extra = '') {
  await page.goto(APP + extra);
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', '640');
  await expect(page.getByTestId('mode')).toHaveValue('cloud');
}

test('the cloud opens at the sensor viewpoint: points land on their pixels, coloured by depth', async ({ page }) => {
  await openCloud(page);
  for (const [u, v] of [[320, 240], [100, 200], [500, 400]]) await expectPointColor(page, raw, u, v);
});

test('dragging orbits the cloud, and Sensor view brings the camera back', async ({ page }) => {
  // Every other pixel: each frame of the drag draws a quarter of the points (SwiftShader is a CPU).
  await openCloud(page, '&stride=2');
  const centre = await sensorPoint(page, 320, 240);
  await expectPointColor(page, raw, 320, 240);
  const before = await colorAt(page, centre);
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.down();
  await page.mouse.move(centre.x + 250, centre.y + 60, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => colorClose(await colorAt(page, centre), before, 3)).toBe(false);
  await expect(page.getByTestId('probe')).toHaveCount(0); // orbiting does not pin 2-D probes

  // The camera pose is in the link: a fresh page opened on it shows the same picture.
  await expect.poll(() => page.url()).toContain('pose=');
  const box = await canvasBox(page);
  const spots = [0.3, 0.5, 0.7].map((f) => ({ x: box.x + box.width * f, y: box.y + box.height * f }));
  const seen: number[][] = [];
  for (const p of spots) seen.push(await colorAt(page, p));
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(other.getByTestId('mode')).toHaveValue('cloud');
  for (const [i, p] of spots.entries()) {
    await expect.poll(async () => colorClose(await colorAt(other, p), seen[i], 3), { message: `spot ${i} as in the first page` }).toBe(true);
  }
  await other.close();

  await page.getByTestId('reset-3d').click();
  await expectPointColor(page, raw, 320, 240);
  await expect.poll(() => page.url()).not.toContain('pose=');
});

test('filters show in 3-D: a filled hole gets points', async ({ page }) => {
  await openCloud(page, '&filters=hole-fill:push-pull,4');
  const ref = filteredTum('hole-fill:push-pull,4');
  // A filled hole pixel whose 3 x 3 neighbourhood was all holes before, so only the filter can colour it.
  const hole = findPixel(ref, 0, 120, (i) => {
    const x = i % ref.width;
    const y = Math.floor(i / ref.width);
    if (x < 2 || y < 2 || x > ref.width - 3 || y > ref.height - 3) return false;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) if (Number.isFinite(raw.depth[(y + dy) * raw.width + x + dx]) || !Number.isFinite(ref.depth[(y + dy) * ref.width + x + dx])) return false;
    return true;
  });
  await expectPointColor(page, ref, hole.x, hole.y);
});

test('measure: two clicked surface points give their 3-D distance', async ({ page }) => {
  await openCloud(page, '&stride=2');
  await expectPointColor(page, raw, 320, 240);
  await page.getByTestId('measure-toggle').click();
  await expect(page.getByTestId('measure')).toContainText('click 2 surface points');
  const a = await sensorPoint(page, 320, 240);
  const b = await sensorPoint(page, 500, 400);
  await page.mouse.click(a.x, a.y);
  await expect(page.getByTestId('measure')).toContainText('click 1 surface point');
  await page.mouse.click(b.x, b.y);
  // Default intrinsics: 525 px, principal point (319.5, 239.5); z = the stored float32 depth.
  const p = (u: number, v: number) => {
    const z = raw.depth[v * raw.width + u];
    return [((u - 319.5) * z) / 525, ((v - 239.5) * z) / 525, z];
  };
  const [pa, pb] = [p(320, 240), p(500, 400)];
  const expected = Math.hypot(pa[0] - pb[0], pa[1] - pb[1], pa[2] - pb[2]);
  await expect(page.getByTestId('measure')).toHaveAttribute('data-distance-m', /\d/);
  const got = Number(await page.getByTestId('measure').getAttribute('data-distance-m'));
  expect(Math.abs(got - expected)).toBeLessThan(1e-9);
  await expect(page.getByTestId('measure')).toContainText(`distance ${expected.toFixed(4)} m`);
});

test('intrinsics from the link and from a sidecar file change the geometry', async ({ page }) => {
  await openCloud(page, '&stride=2&fx=600&fy=600&cx=319.5&cy=239.5');
  await expect(page.getByTestId('intr-fx')).toHaveValue('600');
  await expect(page.getByTestId('intrinsics-source')).toContainText('link');
  // Aim once the cloud is drawn (the toolbar may re-wrap, and the canvas move, while the file loads).
  await expectPointColor(page, raw, 320, 240);
  await page.getByTestId('measure-toggle').click();
  for (const [u, v] of [[320, 240], [500, 400]]) {
    const p = await sensorPoint(page, u, v);
    await page.mouse.click(p.x, p.y);
  }
  const p = (u: number, v: number) => {
    const z = raw.depth[v * raw.width + u];
    return [((u - 319.5) * z) / 600, ((v - 239.5) * z) / 600, z];
  };
  const [pa, pb] = [p(320, 240), p(500, 400)];
  await expect(page.getByTestId('measure')).toHaveAttribute('data-distance-m', /\d/);
  const got = Number(await page.getByTestId('measure').getAttribute('data-distance-m'));
  expect(Math.abs(got - Math.hypot(pa[0] - pb[0], pa[1] - pb[1], pa[2] - pb[2]))).toBeLessThan(1e-9);

  // Open3D's PinholeCameraIntrinsic JSON: the matrix is column-major.
  const open3d = { width: 640, height: 480, intrinsic_matrix: [517.3, 0, 0, 0, 516.5, 0, 318.6, 255.3, 1] };
  await page.getByTestId('intrinsics-file').setInputFiles({ name: 'camera.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(open3d)) });
  await expect(page.getByTestId('intr-fx')).toHaveValue('517.3');
  await expect(page.getByTestId('intr-cy')).toHaveValue('255.3');
  await expect(page.getByTestId('intrinsics-source')).toContainText('camera.json');
  await expect.poll(() => page.url()).toContain('fx=517.3&fy=516.5&cx=318.6&cy=255.3');
});

test('mesh: a lit surface where the points were, and a wireframe switch', async ({ page }) => {
  await openCloud(page, '&stride=2&surface=mesh');
  await expect(page.getByTestId('surface')).toHaveValue('mesh');
  const centre = await sensorPoint(page, 320, 240);
  const background = await colorAt(page, { x: (await canvasBox(page)).x + 2, y: (await canvasBox(page)).y + 2 });
  // The mesh faces the sensor here: not the background, and lit, so not black either (a canvas
  // not yet drawn is black: wait for both together, not for "not background" alone).
  await expect
    .poll(async () => {
      const c = await colorAt(page, centre);
      return !colorClose(c, background, 8) && Math.max(...c) > 30;
    }, { message: 'a lit mesh at the centre' })
    .toBe(true);
  await page.getByTestId('wireframe').check();
  await expect.poll(() => page.url()).toContain('wire=1');
});

test('a cloud (and a mesh) of 1.9 M points is thinned while the view is dragged, and whole again when the drag ends', async ({ page }) => {
  // 1600 x 1200 (above the 1 M points drawn while dragging), depths varying from pixel to pixel (so
  // that leaving points out changes the picture) by at most 40 mm in 2 m, under the mesh's 5 % cut.
  const [w, h] = [1600, 1200];
  const data = new Uint16Array(w * h);
  for (let v = 0; v < h; v++) for (let u = 0; u < w; u++) data[v * w + u] = 2000 + ((u * 73 + v * 151) % 41);
  await page.goto('/');
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', '640');
  await chooseFile(page, { name: 'busy.png', mimeType: 'image/png', buffer: Buffer.from(encode({ width: w, height: h, data, depth: 16, channels: 1 })) });
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', String(w));
  await page.getByTestId('mode').selectOption('cloud');
  const canvas = page.locator('[data-testid="cloud-canvas"] canvas');
  await expect(page.getByTestId('cloud-canvas')).toHaveAttribute('data-ready', 'true');
  const shot = async () => decode(await canvas.screenshot()).data;
  const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.prototype.every.call(a, (x: number, i: number) => x === b[i]);
  /** The full picture, once two frames in a row agree; then a drag begins (OrbitControls' start, the camera not moved yet). */
  const thinnedWhileHeld = async (what: string) => {
    let whole = await shot();
    await expect.poll(async () => {
      const next = await shot();
      const settled = same(next, whole);
      whole = next;
      return settled;
    }).toBe(true);
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await expect.poll(async () => same(await shot(), whole), { message: `${what} thinned while dragging` }).toBe(false);
    await page.mouse.up();
    await expect.poll(async () => same(await shot(), whole), { message: `${what} whole again` }).toBe(true);
  };
  await thinnedWhileHeld('points');
  // A mesh that large is stood in for by its thinned vertices while dragged.
  await page.getByTestId('surface').selectOption('mesh');
  await thinnedWhileHeld('mesh');
});
