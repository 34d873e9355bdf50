/**
 * A stage that fails on the GPU (here a validation error, forced from outside
 * the app by wrapping WebGPU's dispatch for one kernel) must not take the view
 * down with it: the alert names the stage, the stage is switched off, and the
 * rest of the chain runs on (its values equal the CPU reference of the chain
 * without that stage). The same, after the page has run, for a stage added later,
 * and for a stage whose pipeline cannot even be created.
 */
import { test, expect, type Page } from '@playwright/test';
import { clickPixel, openApp } from './helpers';
import { filteredTum, findPixel, tumMetres } from './chain-reference';

const APP = '?src=/samples/tum-depth.png&scale=tum&colormap=viridis&range=1.5,3.5';

/**
 * Every dispatch of a compute pass whose pipeline label starts with
 * window.__breakKernel asks for 2^30 workgroups, beyond any device's limit:
 * WebGPU refuses the command buffer with a validation error.
 */
function installKernelBreaker() {
  const w = window as unknown as { __breakKernel: string | null };
  w.__breakKernel ??= null;
  const proto = GPUComputePassEncoder.prototype;
  const setPipeline = proto.setPipeline;
  const dispatch = proto.dispatchWorkgroups;
  const labels = new WeakMap<GPUComputePassEncoder, string>();
  proto.setPipeline = function (this: GPUComputePassEncoder, pipeline: GPUComputePipeline) {
    labels.set(this, pipeline.label);
    return setPipeline.call(this, pipeline);
  };
  proto.dispatchWorkgroups = function (this: GPUComputePassEncoder, x: number, y?: number, z?: number) {
    const broken = w.__breakKernel !== null && (labels.get(this) ?? '').startsWith(w.__breakKernel);
    return broken ? dispatch.call(this, 2 ** 30, 1, 1) : dispatch.call(this, x, y, z);
  };
}

async function setBroken(page: Page, label: string | null) {
  await page.evaluate((l) => ((window as unknown as { __breakKernel: string | null }).__breakKernel = l), label);
}

const raw = tumMetres();

/** A hole of the raw frame that `chain` fills: its probe reads the CPU reference of `chain`, exactly. */
async function expectFilledHoleAsReference(page: Page, chain: string) {
  const ref = filteredTum(chain);
  const filled = findPixel(ref, 0, 0, (i) => !Number.isFinite(raw.depth[i]) && Number.isFinite(ref.depth[i]));
  await clickPixel(page, filled.x, filled.y);
  const probe = page.locator(`[data-testid="probe"][data-x="${filled.x}"][data-y="${filled.y}"]`);
  await expect(probe).toHaveAttribute('data-filtered', String(ref.depth[filled.y * ref.width + filled.x]));
}


test('a stage that fails on the GPU is named in the alert and switched off; the rest of the chain and the view go on', async ({ page }) => {
  await page.addInitScript(installKernelBreaker);
  await page.addInitScript(() => ((window as unknown as { __breakKernel: string }).__breakKernel = 'median'));
  await openApp(page, `${APP}&filters=median:3;hole-fill:farthest,4`);

  const alert = page.getByTestId('error');
  await expect(alert).toContainText('The Median stage failed on the GPU (validation error) and was switched off');
  await expect(page.getByTestId('stage').nth(0)).toHaveAttribute('data-enabled', 'false');
  await expect(page.getByTestId('stage').nth(1)).toHaveAttribute('data-enabled', 'true');
  await expect.poll(() => page.url()).toContain('filters=!median:3;hole-fill:farthest,4');

  // The hole filling still runs, exactly as its reference without the median.
  await expectFilledHoleAsReference(page, 'hole-fill:farthest,4');
});

test('a stage added later that fails is switched off alone, and works again once the GPU accepts it', async ({ page }) => {
  await page.addInitScript(installKernelBreaker);
  await openApp(page, `${APP}&filters=hole-fill:farthest,4`);
  await setBroken(page, 'decimate');
  await page.getByTestId('add-stage-kind').selectOption('decimate');
  await page.getByTestId('add-stage').click();
  await expect(page.getByTestId('error')).toContainText('The Decimation stage failed on the GPU');
  await expect(page.getByTestId('stage').nth(1)).toHaveAttribute('data-enabled', 'false');
  await expect(page.getByTestId('stage').nth(0)).toHaveAttribute('data-enabled', 'true');

  // Switched back on when the GPU accepts it: the decimated chain's values come back.
  await setBroken(page, null);
  await page.getByRole('checkbox', { name: 'Decimation on' }).check();
  const ref = filteredTum('hole-fill:farthest,4;decimate:2');
  const x = 321;
  const y = 243;
  await clickPixel(page, x, y);
  const probe = page.locator(`[data-testid="probe"][data-x="${x}"][data-y="${y}"]`);
  await expect(probe).toHaveAttribute('data-filtered', String(ref.depth[Math.floor(y / 2) * ref.width + Math.floor(x / 2)]));
  await expect(page.getByTestId('stage').nth(1)).toHaveAttribute('data-enabled', 'true');
});

/**
 * Creating a compute pipeline whose label starts with window.__breakPipeline
 * fails: it throws, as a browser does for a descriptor it cannot take (the stage
 * fails while its GPU objects are being made, before it records anything), or,
 * with window.__breakPipelineHow = 'invalid', it returns an invalid pipeline and
 * raises a validation error (an override constant the shader does not declare).
 */
function installPipelineBreaker() {
  const w = window as unknown as { __breakPipeline: string | null; __breakPipelineHow?: 'throw' | 'invalid' };
  w.__breakPipeline ??= null;
  const proto = GPUDevice.prototype;
  const create = proto.createComputePipeline;
  proto.createComputePipeline = function (this: GPUDevice, descriptor: GPUComputePipelineDescriptor) {
    if (w.__breakPipeline !== null && (descriptor.label ?? '').startsWith(w.__breakPipeline)) {
      if (w.__breakPipelineHow === 'invalid') {
        return create.call(this, { ...descriptor, compute: { ...descriptor.compute, constants: { NOT_DECLARED_BY_THE_SHADER: 1 } } });
      }
      return create.call(this, { ...descriptor, compute: undefined } as unknown as GPUComputePipelineDescriptor);
    }
    return create.call(this, descriptor);
  };
}

test('a stage whose pipeline cannot be created is named in the alert and switched off; the rest of the chain goes on', async ({ page }) => {
  await page.addInitScript(installPipelineBreaker);
  await page.addInitScript(() => ((window as unknown as { __breakPipeline: string }).__breakPipeline = 'median'));
  await openApp(page, `${APP}&filters=median:3;hole-fill:farthest,4`);

  await expect(page.getByTestId('error')).toContainText('The Median stage failed on the GPU');
  await expect(page.getByTestId('stage').nth(0)).toHaveAttribute('data-enabled', 'false');
  await expect(page.getByTestId('stage').nth(1)).toHaveAttribute('data-enabled', 'true');

  await expectFilledHoleAsReference(page, 'hole-fill:farthest,4');
});

test('a stage whose pipeline was made invalid works once switched back on: the invalid pipeline is not reused', async ({ page }) => {
  await page.addInitScript(installPipelineBreaker);
  await page.addInitScript(() => Object.assign(window, { __breakPipeline: 'median', __breakPipelineHow: 'invalid' }));
  await openApp(page, `${APP}&filters=median:3;hole-fill:farthest,4`);
  await expect(page.getByTestId('error')).toContainText('The Median stage failed on the GPU (validation error)');
  await expect(page.getByTestId('stage').nth(0)).toHaveAttribute('data-enabled', 'false');

  await page.evaluate(() => Object.assign(window, { __breakPipeline: null }));
  await page.getByRole('checkbox', { name: 'Median on' }).check();
  await expectFilledHoleAsReference(page, 'median:3;hole-fill:farthest,4');
  await expect(page.getByTestId('stage').nth(0)).toHaveAttribute('data-enabled', 'true');
});
