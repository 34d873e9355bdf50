/**
 * Scores Open3D's outputs (side_by_side.py) and Depthscope's CPU references on
 * the same synthetic room with the same metrics, one JSON line each: mesh
 * precision / recall / F-score at 1 and 2 cm against the true surface
 * (src/core/tsdf/accuracy.ts, the bench's), and ATE RMSE (TUM's definition,
 * src/core/trajectory.ts) of Open3D's frame-to-frame RGB-D odometry and of our
 * frame-to-model ICP (src/core/icp/track-cpu.ts, the GPU tracker's
 * reference; with the colour term and on depth alone, SCORE_TERMS=colour or
 * depth for one), both from the first true pose.
 * Usage: tsx scripts/open3d/score.ts ROOT WIDTH FRAMES VOXEL_M (ROOT as export-room.ts wrote it)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { trackFrameCpu } from '../../src/core/icp/track-cpu';
import { rgbaIntensity } from '../../src/core/icp/photometric';
import { DEFAULT_TRACKER_SETTINGS } from '../../src/core/icp/tracker-policy';
import type { RigidTransform } from '../../src/core/recording';
import { makeSyntheticSequence, sampleSurface, sceneSdf, type SyntheticSequence } from '../../src/core/synthetic-sequence';
import { ateRmse } from '../../src/core/trajectory';
import { TsdfVolume, fScore, marchingCubes, surfaceDistances, type TsdfSettings } from '../../src/core/tsdf';

const [root, widthArg, framesArg, voxelArg] = process.argv.slice(2);
const width = Number(widthArg);
const height = (width * 3) / 4;
const frames = Number(framesArg);
const voxel = Number(voxelArg);
const settings: TsdfSettings = { voxelSizeM: voxel, truncationM: 4 * voxel, depthMinM: 0.1, depthMaxM: 6, weightCap: 64, blockBudget: 1 << 20 };
const emit = (r: Record<string, unknown>) => console.log(JSON.stringify({ width, height, frames, voxel_m: voxel, ...r }));

const exact = makeSyntheticSequence({ width, height, frames });
const truth = sampleSurface(exact, 4);

function accuracy(positions: Float32Array) {
  const { distances, stats } = surfaceDistances(positions, sceneSdf);
  const f1 = fScore(distances, truth, positions, 0.01);
  const f2 = fScore(distances, truth, positions, 0.02);
  return { vertices: positions.length / 3, mean_dist_mm: 1000 * stats.mean, precision_1cm: f1.precision, recall_1cm: f1.recall, f_1cm: f1.f, f_2cm: f2.f };
}

function readPoses(file: string): RigidTransform[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => [...line.trim().split(/\s+/).map(Number), 0, 0, 0, 1]);
}

/** Our CPU reference tracked from the first true pose, tracked frames integrated (bench-recon-page's loop, on the CPU). */
async function trackCpu(seq: SyntheticSequence, colour: boolean): Promise<{ ate: number; lost: number }> {
  const intensity = (k: number) => (colour ? rgbaIntensity(seq.frames[k].rgba, width * height) : undefined);
  const volume = new TsdfVolume(settings);
  const integrate = (k: number, pose: RigidTransform) => volume.integrate({ width, height, intrinsics: seq.intrinsics, depthM: seq.frames[k].depthM, rgba: seq.frames[k].rgba, pose });
  const poses: RigidTransform[] = [seq.frames[0].pose];
  integrate(0, poses[0]);
  let beforeLast: RigidTransform | null = null;
  let lost = 0;
  for (let k = 1; k < seq.frames.length; k++) {
    const last = poses[k - 1];
    const r = await trackFrameCpu(volume, { depthM: seq.frames[k].depthM, width, height, intrinsics: seq.intrinsics, intensity: intensity(k) }, last, beforeLast, DEFAULT_TRACKER_SETTINGS, intensity(k - 1) ?? null);
    beforeLast = last;
    poses.push(r.pose);
    if (r.state === 'tracking') integrate(k, r.pose);
    else lost++;
  }
  return { ate: ateRmse(poses, seq.frames.map((f) => f.pose)), lost };
}

const noisy = makeSyntheticSequence({ width, height, frames, noiseSigmaM: 0.002, quantiseMm: true });
for (const [variant, seq] of [['exact', exact], ['noisy', noisy]] as const) {
  const dir = join(root, variant);
  const bytes = readFileSync(join(dir, 'open3d-vertices.f32'));
  const positions = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  emit({ bench: 'side-by-side-fscore', depth: variant, who: 'open3d ScalableTSDFVolume', poses: 'true', ...accuracy(positions) });
  const volume = new TsdfVolume(settings);
  for (const f of seq.frames) volume.integrate({ width, height, intrinsics: seq.intrinsics, depthM: f.depthM, rgba: f.rgba, pose: f.pose });
  emit({ bench: 'side-by-side-fscore', depth: variant, who: 'depthscope CPU reference', poses: 'true', ...accuracy(marchingCubes(volume).positions) });
  const odometry = readPoses(join(dir, 'open3d-odometry.txt'));
  emit({ bench: 'side-by-side-ate', depth: variant, who: 'open3d frame-to-frame RGB-D odometry (hybrid)', ate_rmse_mm: 1000 * ateRmse(odometry, seq.frames.map((f) => f.pose)) });
  for (const terms of (process.env.SCORE_TERMS ?? 'colour,depth').split(',')) {
    const ours = await trackCpu(seq, terms === 'colour');
    const who = `depthscope frame-to-model ICP${terms === 'colour' ? ' + colour term' : ', depth only'} (CPU reference)`;
    emit({ bench: 'side-by-side-ate', depth: variant, who, ate_rmse_mm: 1000 * ours.ate, lost_frames: ours.lost });
  }
}
