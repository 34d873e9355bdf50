/**
 * Reconstruction (issue 16) as a user runs it: open a posed dataset folder,
 * Start, wait until every frame is fused, then export the fused mesh and the
 * trajectory and judge them in Node: the PLY holds exactly the triangles the
 * GPU's marching cubes made, and its vertices lie on the synthetic room's true
 * surface within the bounds src/core/tsdf/tsdf.test.ts derives for this size
 * (80 x 60 px, 8 frames, 4 cm voxels, truncation 3 voxels): mean |sdf| <= v/8,
 * 99 % within v/2, completeness at v >= 95 %. Depth is stored in mm (+-0.5 mm),
 * far below all three. Measured (SwiftShader, 3 Dec 2026): 552 blocks, 47 782
 * triangles, mean 1.7 mm, p99 8.5 mm, completeness 0.969. The bounds can fail:
 * fused at 8 cm voxels, completeness 0.78; frame 3's pose 5 cm off, mean 5.4 mm
 * and p99 53 mm.
 * The chain's edge-rejection stage is on: what is fused is the filtered frame.
 * A dataset without poses is refused with a sentence. Pause goes on from the
 * next frame (the trajectory then holds every frame once, at its pose), and a
 * lost device stops the run with a sentence; Reset starts over on the new one.
 */
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { destroyAppDevice, openApp } from './helpers';
import { writeFolder } from './recording-fixtures';
import { openPosedRoom } from './recon-app';
import { RECON_FRAMES, RECON_H, RECON_W, reconSequence, syntheticRoomRedwood } from './recon-fixtures';
import { readPly } from '../src/io/read-ply';
import { parseTumTrajectory } from '../src/io/datasets/dataset-text';
import { makeSyntheticSequence, sampleSurface, sceneSdf } from '../src/core/synthetic-sequence';
import { completeness, surfaceDistances } from '../src/core/tsdf/accuracy';
import { ateRmse } from '../src/core/trajectory';

const V = 0.04;
const recon = (page: Page) => page.getByTestId('recon');

async function save(page: Page, testId: string): Promise<Uint8Array> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return new Uint8Array(readFileSync(await download.path()));
}

test('a posed dataset fuses into a mesh on the true surface, exported as PLY, glTF and a TUM trajectory', async ({ page }) => {
  test.setTimeout(180_000);
  const seq = reconSequence();
  // Edge rejection in the chain: integration takes the filtered frame.
  await openPosedRoom(page, `?recon=${V},${3 * V},dataset&filters=edge-reject:0.05`, seq);
  await expect(recon(page)).toHaveAttribute('data-voxel-m', String(V));
  // The room's far corners are 3.4 m from the camera circle: the default 4 m range holds them, 6 m as the reference test uses.
  await page.getByTestId('recon-depth-max').fill('6');
  await page.getByTestId('recon-depth-max').press('Enter');
  await page.getByTestId('recon-start').click();
  await expect(recon(page)).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
  await expect(recon(page)).toHaveAttribute('data-frames-integrated', String(RECON_FRAMES));
  await expect(page.getByTestId('recon-error')).toHaveCount(0);
  const blocks = Number(await recon(page).getAttribute('data-blocks'));
  expect(blocks).toBeGreaterThan(0);
  await expect(recon(page)).not.toHaveAttribute('data-triangles', '0');
  const triangles = Number(await recon(page).getAttribute('data-triangles'));

  const ply = readPly(await save(page, 'export-mesh-ply'));
  expect(ply.count).toBe(3 * triangles);
  expect(ply.faces!.length).toBe(3 * triangles);
  expect(ply.props.map((p) => p.name)).toEqual(['x', 'y', 'z', 'nx', 'ny', 'nz', 'red', 'green', 'blue']);
  const positions = Float32Array.from(ply.rows.flatMap((r) => r.slice(0, 3)));
  const { stats } = surfaceDistances(positions, sceneSdf);
  expect(stats.mean).toBeLessThan(V / 8);
  expect(stats.p99).toBeLessThan(V / 2);
  // Completeness at one voxel, as tsdf.test.ts derives it (>= 95 %).
  expect(completeness(sampleSurface(seq, 2), positions, V)).toBeGreaterThan(0.95);
  // Colour was integrated with the distance: the walls are not all black.
  expect(ply.rows.filter((r) => r[6] + r[7] + r[8] > 0).length).toBeGreaterThan(ply.count / 2);

  const glb = await save(page, 'export-mesh-glb');
  expect(new TextDecoder().decode(glb.subarray(0, 4))).toBe('glTF');

  // One frame's mesh (the 3-D view's grid, cut at depth jumps) exports with faces too.
  const frameMesh = readPly(await save(page, 'export-frame-mesh-ply'));
  expect(frameMesh.faces!.length).toBeGreaterThan(0);

  const trajectory = parseTumTrajectory(new TextDecoder().decode(await save(page, 'export-trajectory')), 'trajectory.txt');
  expect(trajectory).toHaveLength(RECON_FRAMES);
  trajectory.forEach((t, k) => t.pose.forEach((v, i) => expect(Math.abs(v - seq.frames[k].pose[i])).toBeLessThan(1e-6)));
});

test('tracked: the same dataset fused from ICP poses (only the first pose given) stays within the tracking bound', async ({ page }) => {
  test.setTimeout(300_000);
  // The sizes and motion of src/core/icp/icp.test.ts, which derives the bound, ATE RMSE < v / 4 (1 cm at 4 cm
  // voxels): 8 frames 9 degrees apart (the first of the 40-frame orbit; the 8-frame orbit's 45 degree steps are
  // more than frame-to-model ICP can follow, and are lost at the second frame).
  const orbit = makeSyntheticSequence({ width: RECON_W, height: RECON_H, frames: 40, quantiseMm: true });
  const seq = { ...orbit, frames: orbit.frames.slice(0, RECON_FRAMES) };
  await openApp(page, `?recon=${V},${4 * V},track`);
  await page.getByTestId('folder-input').setInputFiles(writeFolder('synthetic_room', syntheticRoomRedwood(seq)));
  await expect(page.getByTestId('recording')).toHaveAttribute('data-frames', String(RECON_FRAMES));
  await expect(page.getByTestId('recon-pose-source')).toHaveValue('track');
  await page.getByTestId('recon-depth-max').fill('6');
  await page.getByTestId('recon-depth-max').press('Enter');
  await page.getByTestId('recon-start').click();
  await expect(recon(page)).toHaveAttribute('data-state', 'done', { timeout: 280_000 });
  await expect(recon(page)).toHaveAttribute('data-frames-integrated', String(RECON_FRAMES));
  // The folder has colour: ICP's colour term aligned the frames (src/core/icp/photometric.ts).
  await expect(page.getByTestId('recon-tracking')).toHaveText('ok (depth + colour)');
  const trajectory = parseTumTrajectory(new TextDecoder().decode(await save(page, 'export-trajectory')), 'trajectory.txt');
  expect(trajectory).toHaveLength(RECON_FRAMES);
  // The first frame is placed at the dataset's first pose; the others are tracked.
  trajectory[0].pose.forEach((v, i) => expect(Math.abs(v - seq.frames[0].pose[i])).toBeLessThan(1e-6));
  const ate = ateRmse(
    trajectory.map((t) => t.pose),
    seq.frames.map((f) => f.pose),
  );
  expect(ate).toBeLessThan(V / 4);
});

test('a dataset without poses: pose source "dataset" is refused with a sentence, and nothing starts', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('folder-input').setInputFiles(writeFolder('room_without_poses', syntheticRoomRedwood(reconSequence(), false)));
  await expect(page.getByTestId('recording')).toHaveAttribute('data-poses', '0');
  await page.getByTestId('recon-start').click();
  await expect(page.getByTestId('recon-error')).toContainText('has no camera poses, so the pose source “dataset” cannot be used');
  await expect(recon(page)).toHaveAttribute('data-state', 'idle');
  await expect(recon(page)).toHaveAttribute('data-frames-integrated', '0');
});

test('a frame whose pose is not rigid is skipped with a sentence; a full budget stops integration and says so', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page, `?recon=${V},${3 * V},dataset`);
  await page.getByTestId('folder-input').setInputFiles(writeFolder('room_bad_pose', syntheticRoomRedwood(reconSequence(), true, 1.1)));
  await expect(page.getByTestId('recording')).toHaveAttribute('data-poses', String(RECON_FRAMES));
  // 1 MiB holds 102 blocks of 10 KiB; one frame of the room touches several hundred.
  await page.getByTestId('recon-budget').fill('1');
  await page.getByTestId('recon-budget').press('Enter');
  await page.getByTestId('recon-start').click();
  await expect(recon(page)).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('recon-notice')).toContainText('Frame 1 was skipped: its pose is not usable: The pose is not a rigid transform');
  await expect(page.getByTestId('recon-error')).toContainText('The volume is full: its budget of 102 blocks');
  // The frames before the one that overflowed stay integrated, and the sentence counts them.
  const integrated = Number(await recon(page).getAttribute('data-frames-integrated'));
  expect(integrated).toBeLessThan(RECON_FRAMES - 1);
  await expect(page.getByTestId('recon-error')).toContainText(`integration stopped after ${integrated} frames`);
  await expect(recon(page)).toHaveAttribute('data-blocks', '102');
});

test('pause goes on from the next frame, each frame fused once; a lost device says so, and Reset starts over on the new one', async ({ page }) => {
  test.setTimeout(240_000);
  const seq = reconSequence();
  await openPosedRoom(page, `?recon=${V},${3 * V},dataset`, seq);
  // Pause is pressed the moment the first frame is in, whatever the machine's speed (a click from
  // the test could come after the last frame): the page presses the button when the store says so.
  await page.evaluate(async (module) => {
    const { reconStore } = (await import(module)) as typeof import('../src/state/recon-store');
    const off = reconStore.subscribe((r) => {
      if (r.phase !== 'running' || r.framesIntegrated < 1) return;
      off();
      document.querySelector<HTMLButtonElement>('[data-testid="recon-pause"]')!.click();
    });
  }, '/src/state/recon-store.ts');
  await page.getByTestId('recon-start').click();
  await expect(recon(page)).toHaveAttribute('data-paused', 'true', { timeout: 120_000 });
  await expect(recon(page)).toHaveAttribute('data-state', 'idle');
  await expect(recon(page)).toHaveAttribute('data-frames-integrated', '1');
  await expect(page.getByTestId('recon-start')).toHaveAccessibleName('Continue the reconstruction');
  // Paused stays paused: a run that ignored it would be running again (or done) by now.
  await page.waitForTimeout(2000);
  await expect(recon(page)).toHaveAttribute('data-state', 'idle');
  await expect(recon(page)).toHaveAttribute('data-frames-integrated', '1');

  await page.getByTestId('recon-start').click();
  await expect(recon(page)).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
  await expect(recon(page)).toHaveAttribute('data-frames-integrated', String(RECON_FRAMES));
  // Every frame once, in order, at its own pose: nothing skipped or fused twice across the pause.
  const trajectory = parseTumTrajectory(new TextDecoder().decode(await save(page, 'export-trajectory')), 'trajectory.txt');
  expect(trajectory).toHaveLength(RECON_FRAMES);
  trajectory.forEach((t, k) => t.pose.forEach((v, i) => expect(Math.abs(v - seq.frames[k].pose[i])).toBeLessThan(1e-6)));

  await destroyAppDevice(page);
  await expect(page.getByTestId('recon-error')).toContainText('The GPU device was lost, and the volume with it: Reset and start again.');
  await expect(recon(page)).toHaveAttribute('data-state', 'idle');
  await page.getByTestId('recon-reset').click();
  await expect(recon(page)).toHaveAttribute('data-frames-integrated', '0');
  await expect(page.getByTestId('recon-error')).toHaveCount(0);
  await page.getByTestId('recon-start').click();
  await expect(recon(page)).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
  await expect(recon(page)).toHaveAttribute('data-frames-integrated', String(RECON_FRAMES));
  await expect(recon(page)).not.toHaveAttribute('data-triangles', '0');
});
