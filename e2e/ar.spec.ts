/**
 * The AR occlusion preview as a user meets it. The depth map is generated
 * here: a wall 3 m away, and a box 1.5 m away filling the right part of the
 * image; a hole at the top left. Clicking the wall just left of the box stands a cube on the wall,
 * sticking out 0.6 m towards the camera (so its near face is at 2.4 m): where
 * the cube lies over the wall it is seen; where it reaches behind the box it
 * must be hidden, pixel for pixel, and the picture there stays the box's.
 * The canvas has the image's aspect and fills the viewport's height or width,
 * so image pixel (u, v) is at canvas fraction ((u + 0.5) / W, (v + 0.5) / H).
 */
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { decode, encode } from 'fast-png';
import { chooseFile, colorClose } from './helpers';
import { MASK_HIDDEN, MASK_SEEN } from '../src/render/ar-occlusion';

const W = 640;
const H = 480;
const WALL_MM = 3000;
const BOX_MM = 1500;
/** The box covers columns BOX_LEFT.. and rows 60..419. */
const BOX_LEFT = 400;
const SIZE_M = 0.6;

function wallAndBox(): Buffer {
  const data = new Uint16Array(W * H).fill(WALL_MM);
  for (let v = 60; v < 420; v++) for (let u = BOX_LEFT; u < W; u++) data[v * W + u] = BOX_MM;
  // A small hole in the box, inside the cube's footprint: the box hides nothing there until holes are filled.
  for (let v = HOLE_IN_BOX.v - 3; v <= HOLE_IN_BOX.v + 3; v++) for (let u = HOLE_IN_BOX.u - 3; u <= HOLE_IN_BOX.u + 3; u++) data[v * W + u] = 0;
  // A hole (no measurement) in the top-left corner.
  for (let v = 0; v < 40; v++) for (let u = 0; u < 120; u++) data[v * W + u] = 0;
  return Buffer.from(encode({ width: W, height: H, data, depth: 16, channels: 1 }));
}

/** The cube's footprint: centred on the clicked column, SIZE_M wide at 2.4..3 m, i.e. about +-66 px at 2.4 m with fx = 525. */
const CLICK = { u: 380, v: 300 };
const ON_WALL = { u: 345, v: 300 }; // inside the footprint, the wall behind: the cube is seen
const BEHIND_BOX = { u: 420, v: 300 }; // inside the footprint, the box in front: the cube is hidden
const BESIDE = { u: 250, v: 300 }; // outside the footprint: the wall, untouched
const HOLE = { u: 60, v: 20 };
const HOLE_IN_BOX = { u: 430, v: 250 };

/**
 * A glTF 2.0 box SIZE_M on a side, red, with its buffer embedded as a data URI:
 * the kind of model a user drops. Triangles wind counter-clockwise seen from outside.
 */
function boxGltf(): Buffer {
  const h = SIZE_M / 2;
  const corners = [...Array(8).keys()].map((i) => [i & 1 ? h : -h, i & 2 ? h : -h, i & 4 ? h : -h]);
  const quads = [[0, 1, 3, 2], [4, 5, 7, 6], [0, 1, 5, 4], [2, 3, 7, 6], [0, 2, 6, 4], [1, 3, 7, 5]];
  const indices: number[] = [];
  for (const [a, b, c, d] of quads) {
    for (const tri of [[a, b, c], [a, c, d]]) {
      const [p, q, r] = tri.map((i) => corners[i]);
      const n = [(q[1] - p[1]) * (r[2] - p[2]) - (q[2] - p[2]) * (r[1] - p[1]), (q[2] - p[2]) * (r[0] - p[0]) - (q[0] - p[0]) * (r[2] - p[2]), (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])];
      const outward = n[0] * (p[0] + q[0] + r[0]) + n[1] * (p[1] + q[1] + r[1]) + n[2] * (p[2] + q[2] + r[2]) > 0;
      indices.push(...(outward ? tri : [tri[0], tri[2], tri[1]]));
    }
  }
  const positions = Buffer.from(Float32Array.from(corners.flat()).buffer);
  const index = Buffer.from(Uint16Array.from(indices).buffer);
  const bytes = Buffer.concat([positions, index]);
  const gltf = {
    asset: { version: '2.0' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0 }],
    meshes: [{ primitives: [{ attributes: { POSITION: 0 }, indices: 1, material: 0 }] }],
    materials: [{ pbrMetallicRoughness: { baseColorFactor: [0.9, 0.1, 0.1, 1] } }],
    buffers: [{ byteLength: bytes.length, uri: `data:application/octet-stream;base64,${bytes.toString('base64')}` }],
    bufferViews: [
      { buffer: 0, byteOffset: 0, byteLength: positions.length, target: 34962 },
      { buffer: 0, byteOffset: positions.length, byteLength: index.length, target: 34963 },
    ],
    accessors: [
      { bufferView: 0, componentType: 5126, count: 8, type: 'VEC3', min: [-h, -h, -h], max: [h, h, h] },
      { bufferView: 1, componentType: 5123, count: indices.length, type: 'SCALAR' },
    ],
  };
  return Buffer.from(JSON.stringify(gltf));
}

async function canvasPoint(page: Page, u: number, v: number) {
  const box = await page.getByTestId('ar-frame').boundingBox();
  if (!box) throw new Error('no AR canvas');
  return { x: box.x + ((u + 0.5) / W) * box.width, y: box.y + ((v + 0.5) / H) * box.height };
}

async function colourAt(page: Page, at: { u: number; v: number }): Promise<number[]> {
  const p = await canvasPoint(page, at.u, at.v);
  const png = decode(await page.screenshot({ clip: { x: Math.floor(p.x), y: Math.floor(p.y), width: 1, height: 1 } }));
  return [png.data[0], png.data[1], png.data[2]];
}

async function openPreview(page: Page) {
  await page.goto('/');
  await chooseFile(page, { name: 'wall-and-box.png', mimeType: 'image/png', buffer: wallAndBox() });
  // The bundled sample shown before it is 640 x 480 too: its name says the file is the image shown.
  await expect(page.getByTestId('stats').getByRole('heading')).toHaveText('wall-and-box.png');
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', String(W));
  await page.getByTestId('mode').selectOption('ar');
  await expect(page.getByTestId('ar-frame')).toHaveAttribute('data-ready', 'true');
  await expect.poll(() => page.url()).toContain('view=ar');
}

async function place(page: Page) {
  await page.getByTestId('ar-place').selectOption('cube');
  await page.getByTestId('ar-size').fill(String(SIZE_M));
  await page.getByTestId('ar-size').press('Enter');
  const p = await canvasPoint(page, CLICK.u, CLICK.v);
  await page.mouse.click(p.x, p.y);
  await expect(page.getByTestId('ar-objects')).toHaveAttribute('data-count', '1');
}

test('an object placed on the wall is seen over the wall and hidden behind the nearer box', async ({ page }) => {
  await openPreview(page);
  // The background is the heatmap (no colour frame): wall and box differ.
  await expect.poll(async () => colorClose(await colourAt(page, ON_WALL), await colourAt(page, BEHIND_BOX), 20)).toBe(false);
  const before = { wall: await colourAt(page, ON_WALL), box: await colourAt(page, BEHIND_BOX), beside: await colourAt(page, BESIDE) };
  await place(page);

  await expect.poll(async () => colorClose(await colourAt(page, ON_WALL), before.wall, 20), { message: 'the cube covers the wall' }).toBe(false);
  // Wait for the cube to be drawn before reading the hidden side: same frame, so the box pixel is final too.
  expect(colorClose(await colourAt(page, BEHIND_BOX), before.box, 2)).toBe(true);
  expect(colorClose(await colourAt(page, BESIDE), before.beside, 2)).toBe(true);

  // The screenshot is the picture on screen, pixel for pixel.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-screenshot').click()]);
  expect(download.suggestedFilename()).toBe('wall-and-box_ar_screenshot.png');
  const shot = decode(readFileSync(await download.path()));
  const frame = (await page.getByTestId('ar-frame').boundingBox())!;
  expect([shot.width, shot.height]).toEqual([Math.round(frame.width), Math.round(frame.height)]);
  for (const at of [ON_WALL, BEHIND_BOX, BESIDE]) {
    const p = await canvasPoint(page, at.u, at.v);
    const k = (Math.floor(p.y - frame.y) * shot.width + Math.floor(p.x - frame.x)) * shot.channels;
    expect(colorClose([...shot.data.subarray(k, k + 3)], await colourAt(page, at), 2), `screenshot at (${at.u}, ${at.v})`).toBe(true);
  }

  // The occlusion mask: green where the cube is seen, red where the box hides it.
  await page.getByTestId('ar-mask').check();
  await expect.poll(async () => colorClose(await colourAt(page, ON_WALL), [...MASK_SEEN], 3), { message: 'seen part is green' }).toBe(true);
  expect(colorClose(await colourAt(page, BEHIND_BOX), [...MASK_HIDDEN], 3)).toBe(true);

  // Removing the object gives the plain picture back.
  await page.getByTestId('ar-mask').uncheck();
  await page.getByTestId('ar-objects').getByRole('button').click();
  await expect(page.getByTestId('ar-objects')).toHaveAttribute('data-count', '0');
  await expect.poll(async () => colorClose(await colourAt(page, ON_WALL), before.wall, 2)).toBe(true);
});

test('a click on a hole places nothing and says why', async ({ page }) => {
  await openPreview(page);
  const p = await canvasPoint(page, HOLE.u, HOLE.v);
  await page.mouse.click(p.x, p.y);
  await expect(page.getByTestId('error')).toContainText('No surface under the pointer');
  await expect(page.getByTestId('ar-objects')).toHaveAttribute('data-count', '0');
});

test('occlusion works on the filtered depth: filling a hole in the box hides the object there too', async ({ page }) => {
  await openPreview(page);
  await place(page);
  await page.getByTestId('ar-mask').check();
  await expect.poll(async () => colorClose(await colourAt(page, BEHIND_BOX), [...MASK_HIDDEN], 3)).toBe(true);
  // Through the hole the cube is seen: no real depth there to hide it.
  expect(colorClose(await colourAt(page, HOLE_IN_BOX), [...MASK_SEEN], 3)).toBe(true);
  await page.getByTestId('add-stage-kind').selectOption('hole-fill');
  await page.getByTestId('add-stage').click();
  // The default one-pass fill closes holes 1-2 px across; the pyramid closes this 7 x 7 one.
  await page.getByTestId('param-mode').selectOption('push-pull');
  await expect.poll(async () => colorClose(await colourAt(page, HOLE_IN_BOX), [...MASK_HIDDEN], 3), { message: 'the filled hole hides the cube' }).toBe(true);
});

test('a dropped glTF model is placed at its own metric size and occluded like the primitives', async ({ page }) => {
  await openPreview(page);
  // Viridis: no red in the background, so red on screen can only be the model.
  await page.getByTestId('colormap').selectOption('viridis');
  const isRed = ([r, g, b]: number[]) => r > 2 * g && r > 2 * b;
  await expect.poll(async () => isRed(await colourAt(page, ON_WALL))).toBe(false);
  const box = await colourAt(page, BEHIND_BOX);
  await page.getByTestId('ar-gltf-file').setInputFiles({ name: 'red-box.gltf', mimeType: 'model/gltf+json', buffer: boxGltf() });
  await expect(page.getByTestId('ar-place')).toHaveValue('gltf:red-box.gltf');
  const p = await canvasPoint(page, CLICK.u, CLICK.v);
  await page.mouse.click(p.x, p.y);
  await expect(page.getByTestId('ar-objects')).toContainText('red-box.gltf');
  // Red dominates where the model is seen (lit, so not exactly its base colour).
  await expect.poll(async () => isRed(await colourAt(page, ON_WALL)), { message: 'the red model covers the wall' }).toBe(true);
  expect(colorClose(await colourAt(page, BEHIND_BOX), box, 2)).toBe(true);
});
