/**
 * Issue 18's end-to-end proof: a real 16-bit frame (the shared Redwood sample, whole
 * millimetres) through each of librealsense's stages and the push-pull fill in the app,
 * saved with the Export panel's NPY button, equals the TypeScript port run on the same
 * frame in Node, on every pixel. Every kernel here is bit-exact against its port
 * (e2e/kernel-*.spec.ts) except push-pull, whose f32 bound is derived in
 * e2e/harness-kernels.ts (pushPullBound) and applied here to the same effect.
 */
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { decode } from 'fast-png';
import { chooseFile, sample } from './helpers';
import { stagesOf } from './chain-reference';
import { decodeNpy } from '../src/io/decode-npy';
import { runChainCpu, type DepthField } from '../src/core/run-chain-cpu';
import type { ChainSource } from '../src/core/filter-chain';
import { defaultIntrinsics } from '../src/core/intrinsics';

/** Redwood: millimetres, PrimeSense intrinsics (the app's default for 640 x 480: f = 525), no baseline. */
const SOURCE: ChainSource = { depthUnitM: 0.001, focalPx: defaultIntrinsics(640, 480).fx, baselineMm: null };

function redwoodMetres(): DepthField {
  const png = decode(readFileSync(sample('redwood/depth.png')));
  return { depth: Float32Array.from(png.data as Uint16Array, (r) => (r === 0 ? NaN : r / 1000)), width: png.width, height: png.height };
}

/** Each stage as a link, with the parameters a RealSense user would type (Viewer units in disparity). */
const CHAINS: [chain: string, pushPullLevels?: number][] = [
  ['threshold:0.5,3'],
  ['decimate:2'],
  ['decimate:5'],
  ['spatial:0.5,0.02,2,4'],
  ['disparity:50;spatial:0.5,20,2,unlimited;disparity:50'],
  ['temporal:0.4,0.02,valid-2-of-4'],
  ['disparity:50;temporal:0.4,20,valid-2-of-4;disparity:50'],
  ['hole-fill:left,4'],
  ['hole-fill:farthest,4'],
  ['hole-fill:nearest,4'],
  ['hole-fill:push-pull,4', 4],
  ['hole-fill:push-pull,6,edge', 6],
  ['decimate:2;threshold:0.1,4;disparity:50;spatial:0.5,20,2,0;temporal:0.4,20,valid-2-of-4;!hole-fill:farthest,4;disparity:50'],
];

async function exportedNpy(page: Page): Promise<{ name: string; field: DepthField }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-npy').click()]);
  const raw = decodeNpy(new Uint8Array(readFileSync(await download.path())));
  return { name: download.suggestedFilename(), field: { depth: Float32Array.from(raw.data as ArrayLike<number>), width: raw.width, height: raw.height } };
}

/** Pixels where the app's export and the port differ: validity, or by more than `bound`. */
function differences(got: DepthField, want: DepthField, bound: number): number {
  if (got.width !== want.width || got.height !== want.height) return Number.POSITIVE_INFINITY;
  let n = 0;
  for (let i = 0; i < want.depth.length; i++) {
    const [g, w] = [got.depth[i], want.depth[i]];
    if (Number.isNaN(g) !== Number.isNaN(w) || (!Number.isNaN(w) && Math.abs(g - w) > bound)) n++;
  }
  return n;
}

const U = 2 ** -24;
/** pushPullBound of e2e/harness-kernels.ts (which imports WGSL through Vite, so cannot be imported here). */
const pushPullBound = (levels: number) => (18 * levels + 9 * levels ** 2) * U;

for (const [chain, levels] of CHAINS) {
  test(`a real Redwood frame through ${chain}: the exported NPY equals the port`, async ({ page }) => {
    const input = redwoodMetres();
    const want = runChainCpu(input, stagesOf(chain), new Map(), undefined, SOURCE);
    const maxDepth = input.depth.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, v) : m), 0);
    const bound = levels ? pushPullBound(levels) * maxDepth : 0;
    await page.goto(`/?scale=mm&filters=${encodeURIComponent(chain)}`);
    await expect(page.getByTestId('stats')).toHaveAttribute('data-width', '640');
    await chooseFile(page, sample('redwood/depth.png'));
    await expect(page.getByTestId('stats').getByRole('heading')).toHaveText('depth.png');
    // The export reads the chain's output once it has run on the new frame.
    await expect
      .poll(async () => {
        const { name, field } = await exportedNpy(page);
        return name.startsWith('depth_filtered') ? differences(field, want, bound) : -1;
      })
      .toBe(0);
    expect(want.depth.some(Number.isFinite)).toBe(true);
  });
}

test('the comparison can fail: the port told the frame is float metres, not whole millimetres', async ({ page }) => {
  const chain = 'spatial:0.5,0.02,2,4';
  const float = runChainCpu(redwoodMetres(), stagesOf(chain), new Map(), undefined, { ...SOURCE, depthUnitM: null });
  await page.goto(`/?scale=mm&filters=${encodeURIComponent(chain)}`);
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', '640');
  await chooseFile(page, sample('redwood/depth.png'));
  await expect(page.getByTestId('stats').getByRole('heading')).toHaveText('depth.png');
  await expect.poll(async () => (await exportedNpy(page)).name).toMatch(/^depth_filtered/);
  expect(differences((await exportedNpy(page)).field, float, 0)).toBeGreaterThan(1000);
});
