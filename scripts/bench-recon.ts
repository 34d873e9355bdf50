/**
 * `npm run bench -- recon`: reconstruction (issue 16) on the synthetic room
 * (src/core/synthetic-sequence.ts), one JSON line per case.
 *
 * 1. recon-integrate (Chromium, e2e/bench-recon-page.ts): TSDF integration per
 *    frame (allocate + integrate kernels, depth already on the GPU) on WebGPU
 *    against the CPU reference (src/core/tsdf/volume.ts) in the same page, at
 *    320x240 and 640x480, 1 cm voxels and 4 cm truncation; median over the
 *    frames (BENCH_RECON_GPU_FRAMES, default 4). ratio = GPU / CPU.
 * 2. recon-marching-cubes (Chromium): marching cubes over the fused volume,
 *    GPU (count, prefix sum, emit) vs CPU reference, and ms per million voxels;
 *    also each GPU pass alone (one submit each).
 * 3. recon-fscore (Node, CPU reference): the room's BENCH_RECON_FRAMES (default
 *    40) 640x480 frames fused with the true poses at 1 cm voxels and 4 cm
 *    truncation, marching cubes, then precision, recall and F-score at 1 cm and
 *    2 cm against the true surface (src/core/tsdf/accuracy.ts); also at 2 cm
 *    voxels, and at 1 cm on depth with 2 mm noise quantised to millimetres. Goal (issue 16): Open3D's ScalableTSDFVolume reaches F = 0.89 at
 *    1 cm on its 40-frame room at the same settings.
 * 4. recon-raycast (Chromium): ray cast of one view (vertex, normal, colour) of
 *    a volume fused from 4 frames, GPU vs CPU reference, 320x240 and 640x480.
 * 5. recon-icp (Chromium): tracking one 640x480 frame (depth pyramid, the
 *    model ray-cast at 3 levels, coarse-to-fine point-to-plane ICP), GPU
 *    (src/gpu/icp-tracker.ts) vs CPU reference (src/core/icp/track-cpu.ts).
 * 6. recon-track (Chromium): the 40-frame 640x480 room tracked on the GPU from
 *    the first true pose, tracked frames integrated with their tracked poses:
 *    ATE RMSE (TUM's definition) and the mesh's F-score at 1 and 2 cm, with
 *    the colour term and on depth alone. Goal: Open3D's frame-to-frame RGB-D
 *    odometry, ATE 2.4 mm on its room. BENCH_RECON_TRACK_WIDTH / _FRAMES make
 *    it smaller; BENCH_RECON_TRACK_TERMS=depth+colour (or depth) runs one.
 * BENCH_RECON_CASES=fscore,integrate,marching-cubes,raycast,icp,track picks
 * cases (all by default).
 * Here WebGPU runs on SwiftShader (a CPU driver): ratios and growth with size
 * mean something; absolute GPU times do not.
 */
import type { Browser } from '@playwright/test';
import { makeSyntheticSequence, sampleSurface, sceneSdf } from '../src/core/synthetic-sequence';
import { TsdfVolume, fScore, marchingCubes, surfaceDistances, type TsdfSettings } from '../src/core/tsdf';

type Emit = (record: Record<string, unknown>) => void;

/** Whether BENCH_RECON_CASES asks for this case (all when unset). */
export function reconCase(name: 'fscore' | 'integrate' | 'marching-cubes' | 'raycast' | 'icp' | 'track'): boolean {
  const only = process.env.BENCH_RECON_CASES;
  return !only || only.split(',').includes(name);
}

const SETTINGS: TsdfSettings = { voxelSizeM: 0.01, truncationM: 0.04, depthMinM: 0.1, depthMaxM: 6, weightCap: 64, blockBudget: 12_000 };

export async function benchRecon(browser: Browser, base: string, emit: Emit): Promise<void> {
  const page = await browser.newPage();
  await page.goto(`${base}/e2e/harness.html`);
  const module = '/e2e/bench-recon-page.ts';
  const frames = Number(process.env.BENCH_RECON_GPU_FRAMES ?? 4);
  for (const [width, height] of reconCase('integrate') ? ([[320, 240], [640, 480]] as const) : []) {
    const r = await page.evaluate(
      async ({ module, width, height, frames, settings }) => ((await import(module)) as typeof import('../e2e/bench-recon-page')).benchIntegrate(width, height, frames, settings),
      { module, width, height, frames, settings: SETTINGS },
    );
    emit({ bench: 'recon-integrate', width, height, frames, voxel_m: SETTINGS.voxelSizeM, trunc_m: SETTINGS.truncationM, gpu_ms_per_frame: r.gpuMs, cpu_ms_per_frame: r.cpuMs, ratio: r.gpuMs / r.cpuMs, gpu_blocks: r.gpuBlocks, cpu_blocks: r.cpuBlocks, full: r.full });
  }
  for (const [frames, voxel] of reconCase('marching-cubes') ? ([[2, 0.02], [4, 0.01]] as const) : []) {
    const settings = { ...SETTINGS, voxelSizeM: voxel, truncationM: 4 * voxel };
    const r = await page.evaluate(
      async ({ module, frames, settings }) => ((await import(module)) as typeof import('../e2e/bench-recon-page')).benchMarchingCubes(320, 240, frames, settings, 3),
      { module, frames, settings },
    );
    const mv = r.voxels / 1e6;
    emit({ bench: 'recon-marching-cubes', voxel_m: voxel, frames, voxels: r.voxels, triangles: r.triangles, gpu_triangles: r.gpuTriangles, gpu_ms: r.gpuMs, gpu_count_ms: r.countMs, gpu_scan_ms: r.scanMs, gpu_emit_ms: r.emitMs, cpu_ms: r.cpuMs, gpu_ms_per_mvoxel: r.gpuMs / mv, cpu_ms_per_mvoxel: r.cpuMs / mv, ratio: r.gpuMs / r.cpuMs });
  }
  for (const [width, height] of reconCase('raycast') ? ([[320, 240], [640, 480]] as const) : []) {
    const r = await page.evaluate(
      async ({ module, width, height, settings }) => ((await import(module)) as typeof import('../e2e/bench-recon-page')).benchRaycast(width, height, 4, settings, 3),
      { module, width, height, settings: SETTINGS },
    );
    emit({ bench: 'recon-raycast', width, height, fused_frames: 4, voxel_m: SETTINGS.voxelSizeM, trunc_m: SETTINGS.truncationM, gpu_ms_per_frame: r.gpuMs, cpu_ms_per_frame: r.cpuMs, ratio: r.gpuMs / r.cpuMs, hit_fraction: r.hitFraction });
  }
  if (reconCase('icp')) {
    const [width, height] = [640, 480];
    const r = await page.evaluate(
      async ({ module, width, height, settings }) => ((await import(module)) as typeof import('../e2e/bench-recon-page')).benchIcpFrame(width, height, 4, settings),
      { module, width, height, settings: SETTINGS },
    );
    emit({ bench: 'recon-icp', width, height, fused_frames: 4, levels: 3, includes: 'pyramid + model ray cast at 3 levels + ICP iterations', gpu_ms_per_frame: r.gpuMs, cpu_ms_per_frame: r.cpuMs, ratio: r.gpuMs / r.cpuMs, gpu_error_m: r.gpuErrorM, cpu_error_m: r.cpuErrorM, gpu_state: r.gpuState, cpu_state: r.cpuState });
  }
  const trackWidth = Number(process.env.BENCH_RECON_TRACK_WIDTH ?? 640);
  const trackFrames = Number(process.env.BENCH_RECON_TRACK_FRAMES ?? 40);
  for (const terms of reconCase('track') ? (process.env.BENCH_RECON_TRACK_TERMS ?? 'depth+colour,depth').split(',') : []) {
    const withColour = terms === 'depth+colour';
    const [width, height, frames] = [trackWidth, (trackWidth * 3) / 4, trackFrames];
    const settings = { ...SETTINGS, blockBudget: 40_000 };
    const r = await page.evaluate(
      async ({ module, width, height, frames, settings, withColour }) => ((await import(module)) as typeof import('../e2e/bench-recon-page')).benchTrackSequence(width, height, frames, settings, withColour),
      { module, width, height, frames, settings, withColour },
    );
    emit({
      bench: 'recon-track', width, height, frames, voxel_m: settings.voxelSizeM, trunc_m: settings.truncationM, terms: withColour ? 'point-to-plane + colour' : 'point-to-plane', poses: 'tracked on the GPU from the first true pose', ate_rmse_mm: 1000 * r.ateM, lost_frames: r.lost,
      gpu_ms_per_frame: r.trackMs, triangles: r.triangles, precision_1cm: r.precision1, recall_1cm: r.recall1, f_1cm: r.f1, f_2cm: r.f2, goal: "Open3D frame-to-frame RGB-D odometry ATE 2.4 mm; ScalableTSDFVolume F@1cm 0.89 (true poses)",
    });
  }
  await page.close();
}

/** F-score of the CPU reference against the true surface (Node). */
export function benchReconQuality(emit: Emit): void {
  const frames = Number(process.env.BENCH_RECON_FRAMES ?? 40);
  const width = Number(process.env.BENCH_RECON_WIDTH ?? 640);
  const height = (width * 3) / 4;
  const exact = makeSyntheticSequence({ width, height, frames });
  // Noisy: 2 mm Gaussian noise on depth, then whole millimetres (a 16-bit mm depth PNG).
  const noisy = makeSyntheticSequence({ width, height, frames, noiseSigmaM: 0.002, quantiseMm: true });
  const truth = sampleSurface(exact, 4);
  for (const [depth, seq, voxel] of [['exact', exact, 0.01], ['exact', exact, 0.02], ['noise 2 mm, mm quantised', noisy, 0.01]] as const) {
    const settings: TsdfSettings = { ...SETTINGS, voxelSizeM: voxel, truncationM: 4 * voxel, blockBudget: 1 << 20 };
    const vol = new TsdfVolume(settings);
    const t0 = performance.now();
    for (const f of seq.frames) {
      const r = vol.integrate({ width, height, intrinsics: seq.intrinsics, depthM: f.depthM, rgba: f.rgba, pose: f.pose });
      if (!r.ok) throw new Error(r.reason);
    }
    const integrateMs = (performance.now() - t0) / frames;
    const t1 = performance.now();
    const mesh = marchingCubes(vol);
    const mcMs = performance.now() - t1;
    const { distances, stats } = surfaceDistances(mesh.positions, sceneSdf);
    const f1 = fScore(distances, truth, mesh.positions, 0.01);
    const f2 = fScore(distances, truth, mesh.positions, 0.02);
    emit({
      bench: 'recon-fscore', depth, width, height, frames, voxel_m: voxel, trunc_m: 4 * voxel, poses: 'true', blocks: vol.blockCount, bytes: vol.bytes,
      triangles: mesh.triangles, mean_dist_m: stats.mean, p99_dist_m: stats.p99,
      precision_1cm: f1.precision, recall_1cm: f1.recall, f_1cm: f1.f, precision_2cm: f2.precision, recall_2cm: f2.recall, f_2cm: f2.f,
      cpu_integrate_ms_per_frame: integrateMs, cpu_mc_ms_per_mvoxel: mcMs / ((vol.blockCount * 512) / 1e6), goal: 'Open3D ScalableTSDFVolume F@1cm 0.89',
    });
  }
}
