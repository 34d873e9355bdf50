/**
 * Several depth files opened together play as a sequence in name order, and
 * the temporal filter carries its history from frame to frame: a pixel that
 * drops out keeps its last depth, and noise is averaged. Expected values: the
 * CPU reference chain run over the same frames in the same order.
 */
import { test, expect, type Page } from '@playwright/test';
import { encodePng16 } from '../src/io/encode-png16';
import { runChainCpu, type TemporalStates } from '../src/core/run-chain-cpu';
import type { ChainSource } from '../src/core/filter-chain';
import { defaultIntrinsics } from '../src/core/intrinsics';
import { mulberry32 } from '../src/core/seeded-random';
import { chooseFile, clickPixel, openApp } from './helpers';
import { stagesOf } from './chain-reference';

const W = 48;
const H = 32;
const FRAMES = 12;
const CHAIN = 'temporal:0.5,0.05,always';
const PROBE = { x: 20, y: 10 };
/** Frames in which the probed pixel has no depth (the sensor dropped it). */
const DROPOUTS = new Set([3, 4, 8]);

function frame(k: number): Uint16Array {
  const random = mulberry32(1000 + k);
  const mm = new Uint16Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) mm[y * W + x] = 1500 + 10 * x + Math.round((random() - 0.5) * 40);
  }
  if (DROPOUTS.has(k)) mm[PROBE.y * W + PROBE.x] = 0;
  return mm;
}

/** Names sort as numbers (frame2 before frame10); given to the file input out of order on purpose. */
const files = Array.from({ length: FRAMES }, (_, k) => ({
  name: `frame${k}.png`,
  mimeType: 'image/png',
  buffer: Buffer.from(encodePng16({ width: W, height: H, data: frame(k) })),
})).reverse();

/** The reference's filtered value at the probe after each frame, the chain's history carried through. */
/** The frames are 16-bit millimetres: the app tells its chain they are whole units of 1 mm, and so does this. */
const MM_SOURCE: ChainSource = { depthUnitM: 0.001, focalPx: defaultIntrinsics(W, H).fx, baselineMm: null };

function expectedSeries(): number[] {
  const stages = stagesOf(CHAIN);
  let state: TemporalStates = new Map();
  const out: number[] = [];
  for (let k = 0; k < FRAMES; k++) {
    const depth = Float32Array.from(frame(k), (r) => (r === 0 ? NaN : r / 1000));
    const r = runChainCpu({ depth, width: W, height: H }, stages, state, undefined, MM_SOURCE);
    state = r.temporal;
    out.push(r.depth[PROBE.y * W + PROBE.x]);
  }
  return out;
}

async function filteredAtProbe(page: Page): Promise<number> {
  const v = await page.getByTestId('probe').first().getAttribute('data-filtered');
  return v === null || v === '' ? NaN : Number(v);
}

/** GPU temporal smoothing rounds to float32 at each step where the reference rounds once: 1e-6 relative covers a few ulps. */
async function expectFiltered(page: Page, expected: number) {
  const close = (v: number) => (Number.isNaN(expected) ? Number.isNaN(v) : Math.abs(v - expected) <= 1e-6 * expected);
  await expect.poll(async () => close(await filteredAtProbe(page)), { message: `filtered ≈ ${expected}` }).toBe(true);
}

test('a sequence plays in name order and the temporal filter carries history between frames', async ({ page }) => {
  await openApp(page, `?filters=${CHAIN}`);
  await chooseFile(page, files as never);
  const seq = page.getByTestId('sequence');
  await expect(seq).toHaveAttribute('data-count', String(FRAMES));
  await expect(seq).toHaveAttribute('data-index', '0');
  await expect(seq).toContainText('frame0.png');

  await clickPixel(page, PROBE.x, PROBE.y);
  const series = expectedSeries();
  await expectFiltered(page, series[0]);
  for (let k = 1; k < 6; k++) {
    await page.getByRole('button', { name: 'Next frame' }).click();
    await expect(seq).toHaveAttribute('data-index', String(k));
    await expect(seq).toContainText(`frame${k}.png`);
    await expectFiltered(page, series[k]);
    if (DROPOUTS.has(k)) await expect(page.getByTestId('probe').first()).toHaveAttribute('data-depth-m', '');
  }
  // Frames 3 and 4 dropped the pixel; persistence kept the last value instead of a hole.
  expect(series[3]).toBe(series[2]);
  expect(series[4]).toBe(series[2]);

  // Play runs on by itself; pause stops it.
  await page.getByTestId('fps').fill('30');
  await page.getByTestId('fps').press('Enter');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(seq).toHaveAttribute('data-playing', 'true');
  await expect.poll(async () => Number(await seq.getAttribute('data-index'))).toBeGreaterThanOrEqual(9);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(seq).toHaveAttribute('data-playing', 'false');
  // A frame already being read when Pause was pressed still arrives; wait until the index stays put.
  await expect
    .poll(async () => {
      const a = await seq.getAttribute('data-index');
      await page.waitForTimeout(300);
      return a === (await seq.getAttribute('data-index'));
    })
    .toBe(true);

  // Stepping back is a jump, not the next frame: history starts over from that frame alone.
  // (Play loops, so Pause may land on frame 0, whose previous frame is the last.)
  const index = Number(await seq.getAttribute('data-index'));
  const previous = (index + FRAMES - 1) % FRAMES;
  await page.getByRole('button', { name: 'Previous frame' }).click();
  await expect(seq).toHaveAttribute('data-index', String(previous));
  const alone = runChainCpu(
    { depth: Float32Array.from(frame(previous), (r) => (r === 0 ? NaN : r / 1000)), width: W, height: H },
    stagesOf(CHAIN),
    new Map(),
    undefined,
    MM_SOURCE,
  ).depth[PROBE.y * W + PROBE.x];
  await expectFiltered(page, alone);
});
