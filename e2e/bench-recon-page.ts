/**
 * Browser side of `npm run bench -- recon` (scripts/bench-recon.ts drives it,
 * importing this module into e2e/harness.html): TSDF integration, marching
 * cubes, ray casting and ICP tracking on WebGPU against their CPU references in
 * the same page, on the synthetic room; and the whole sequence tracked on the GPU. GPU times are dispatch -> onSubmittedWorkDone, with the
 * frame's depth and colour already on the GPU (as the live path has them).
 */
import { rgbaIntensity } from '../src/core/icp/photometric';
import { sharedDevice, median } from './bench-common';
import { fusedScene } from './harness-icp';
import { TsdfGpuVolume } from '../src/gpu/tsdf-pass';
import { MarchingCubesPass, MC_STAGES, MC_VERTEX_WORDS, type McStage } from '../src/gpu/marching-cubes-pass';
import { RaycastTarget, TsdfRaycastPass } from '../src/gpu/tsdf-raycast-pass';
import { IcpTracker } from '../src/gpu/icp-tracker';
import { uploadF32 } from '../src/gpu/readback';
import { storageBuffer } from '../src/gpu/stages/kernel';
import { makeSyntheticSequence, sampleSurface, sceneSdf } from '../src/core/synthetic-sequence';
import { BLOCK_VOXELS, TsdfVolume, fScore, marchingCubes, raycastVolume, surfaceDistances, type TsdfSettings } from '../src/core/tsdf';
import { trackFrameCpu } from '../src/core/icp/track-cpu';
import type { TrackResult } from '../src/core/icp/tracker-policy';
import { ateRmse } from '../src/core/trajectory';

/** Integration of `frames` frames, GPU and CPU reference: median ms per frame, and the blocks. */
export async function benchIntegrate(width: number, height: number, frames: number, settings: TsdfSettings) {
  const device = await sharedDevice();
  const seq = makeSyntheticSequence({ width, height, frames });
  const upload = (data: Uint32Array) => {
    const b = storageBuffer(device, 'bench-input', data.length);
    device.queue.writeBuffer(b, 0, data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
    return b;
  };
  const inputs = seq.frames.map((f) => ({ depth: upload(new Uint32Array(f.depthM.buffer)), colour: upload(new Uint32Array(f.rgba.slice().buffer)) }));
  // Warm-up: pipelines compiled on a volume of its own.
  const warm = new TsdfGpuVolume(device, { ...settings, blockBudget: Math.min(settings.blockBudget, 4096) });
  const we = device.createCommandEncoder();
  warm.encode(we, inputs[0].depth, inputs[0].colour, width, height, seq.intrinsics, seq.frames[0].pose);
  device.queue.submit([we.finish()]);
  await device.queue.onSubmittedWorkDone();
  warm.destroy();
  const gpu = new TsdfGpuVolume(device, settings);
  const gpuMs: number[] = [];
  for (let k = 0; k < frames; k++) {
    const t0 = performance.now();
    const e = device.createCommandEncoder();
    gpu.encode(e, inputs[k].depth, inputs[k].colour, width, height, seq.intrinsics, seq.frames[k].pose);
    device.queue.submit([e.finish()]);
    await device.queue.onSubmittedWorkDone();
    gpuMs.push(performance.now() - t0);
  }
  const status = await gpu.status();
  const cpu = new TsdfVolume(settings);
  const cpuMs: number[] = [];
  for (let k = 0; k < frames; k++) {
    const f = seq.frames[k];
    const t0 = performance.now();
    const r = cpu.integrate({ width, height, intrinsics: seq.intrinsics, depthM: f.depthM, rgba: f.rgba, pose: f.pose });
    cpuMs.push(performance.now() - t0);
    if (!r.ok) throw new Error(r.reason);
  }
  gpu.destroy();
  for (const i of inputs) {
    i.depth.destroy();
    i.colour.destroy();
  }
  return { gpuMs: median(gpuMs), cpuMs: median(cpuMs), gpuBlocks: status.blocks, cpuBlocks: cpu.blockCount, full: status.full };
}

/** Marching cubes over a volume fused by the reference: GPU (count, scan, emit) and CPU, ms, voxels and triangles. */
export async function benchMarchingCubes(width: number, height: number, frames: number, settings: TsdfSettings, reps: number) {
  const device = await sharedDevice();
  const seq = makeSyntheticSequence({ width, height, frames });
  const cpu = new TsdfVolume(settings);
  for (const f of seq.frames) cpu.integrate({ width, height, intrinsics: seq.intrinsics, depthM: f.depthM, rgba: f.rgba, pose: f.pose });
  const gpu = new TsdfGpuVolume(device, settings);
  gpu.load(cpu);
  const cpuMs: number[] = [];
  let triangles = 0;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    triangles = marchingCubes(cpu).triangles;
    cpuMs.push(performance.now() - t0);
  }
  const mc = new MarchingCubesPass(device, gpu, triangles + 16);
  const gpuMs: number[] = [];
  const stageMs: Record<McStage, number[]> = { count: [], scan: [], emit: [] };
  const blocks = (await gpu.status()).blocks;
  const timed = async (stages: readonly McStage[]) => {
    const t0 = performance.now();
    const e = device.createCommandEncoder();
    mc.encodeStages(e, blocks, stages);
    device.queue.submit([e.finish()]);
    await device.queue.onSubmittedWorkDone();
    return performance.now() - t0;
  };
  for (let r = 0; r <= reps; r++) {
    const ms = await timed(MC_STAGES);
    if (r > 0) gpuMs.push(ms); // the first compiles the pipelines
  }
  // Each pass alone (one submit each, in order, so each reads what the one before wrote).
  for (let r = 0; r < reps; r++) for (const stage of MC_STAGES) stageMs[stage].push(await timed([stage]));
  const gpuTriangles = await mc.triangles();
  mc.destroy();
  gpu.destroy();
  return { gpuMs: median(gpuMs), cpuMs: median(cpuMs), countMs: median(stageMs.count), scanMs: median(stageMs.scan), emitMs: median(stageMs.emit), voxels: cpu.blockCount * BLOCK_VOXELS, triangles, gpuTriangles };
}

/** Ray cast of one width x height view (vertex, normal, colour), GPU vs CPU reference: median ms over `reps`. */
export async function benchRaycast(width: number, height: number, frames: number, settings: TsdfSettings, reps: number) {
  const device = await sharedDevice();
  const { seq, cpu, gpuVolume: gpu } = fusedScene(device, { width, height, frames, settings });
  const pass = new TsdfRaycastPass(device, gpu);
  const target = new RaycastTarget(device, width, height);
  const pose = seq.frames[frames - 1].pose;
  const gpuMs: number[] = [];
  for (let r = 0; r <= reps; r++) {
    const t0 = performance.now();
    const e = device.createCommandEncoder();
    pass.encode(e, target, pose, seq.intrinsics);
    device.queue.submit([e.finish()]);
    await device.queue.onSubmittedWorkDone();
    if (r > 0) gpuMs.push(performance.now() - t0); // the first compiles the pipeline
  }
  const cpuMs: number[] = [];
  let hits = 0;
  for (let r = 0; r < Math.max(1, Math.floor(reps / 2)); r++) {
    const t0 = performance.now();
    const c = raycastVolume(cpu, pose, width, height, seq.intrinsics);
    cpuMs.push(performance.now() - t0);
    hits = c.depthM.filter(Number.isFinite).length;
  }
  target.destroy();
  pass.destroy();
  gpu.destroy();
  return { gpuMs: median(gpuMs), cpuMs: median(cpuMs), hitFraction: hits / (width * height) };
}

/** Tracking one frame (pyramid, model cast at 3 levels, coarse-to-fine ICP), GPU vs CPU reference, on a volume fused from the frames before it. */
export async function benchIcpFrame(width: number, height: number, frames: number, settings: TsdfSettings) {
  const device = await sharedDevice();
  const { seq, cpu, gpuVolume: gpu } = fusedScene(device, { width, height, frames, settings });
  const tracker = new IcpTracker(device, gpu, width, height);
  const live = seq.frames[frames];
  const depth = uploadF32(device, live.depthM, 'bench-live-depth');
  const colour = storageBuffer(device, 'bench-live-colour', width * height);
  const lastColour = storageBuffer(device, 'bench-last-colour', width * height);
  device.queue.writeBuffer(colour, 0, new Uint32Array(live.rgba.slice().buffer));
  device.queue.writeBuffer(lastColour, 0, new Uint32Array(seq.frames[frames - 1].rgba.slice().buffer));
  const gpuMs: number[] = [];
  let gpuResult: TrackResult | null = null;
  for (let r = 0; r < 3; r++) {
    tracker.reset(seq.frames[frames - 1].pose, depth, lastColour, seq.intrinsics);
    const t0 = performance.now();
    gpuResult = await tracker.track(depth, colour, seq.intrinsics);
    if (r > 0) gpuMs.push(performance.now() - t0); // the first compiles the pipelines
  }
  const t0 = performance.now();
  const cpuResult = await trackFrameCpu(cpu, { width, height, intrinsics: seq.intrinsics, depthM: live.depthM, intensity: rgbaIntensity(live.rgba, width * height) }, seq.frames[frames - 1].pose, null, tracker.settings, rgbaIntensity(seq.frames[frames - 1].rgba, width * height));
  const cpuMs = performance.now() - t0;
  const err = (p: number[]) => Math.hypot(p[3] - live.pose[3], p[7] - live.pose[7], p[11] - live.pose[11]);
  tracker.destroy();
  depth.destroy();
  colour.destroy();
  lastColour.destroy();
  gpu.destroy();
  return { gpuMs: median(gpuMs), cpuMs, gpuErrorM: gpuResult ? err(gpuResult.pose) : NaN, cpuErrorM: err(cpuResult.pose), gpuState: gpuResult?.state, cpuState: cpuResult.state };
}

/**
 * The whole sequence tracked on the GPU from the first true pose, each tracked
 * frame integrated with its tracked pose; then the ATE RMSE and the mesh
 * (GPU marching cubes) against the true surface.
 */
export async function benchTrackSequence(width: number, height: number, frames: number, settings: TsdfSettings, withColour: boolean) {
  const device = await sharedDevice();
  // The first `frames` of the 40-frame turn (fewer frames keep the motion between frames).
  const seq = makeSyntheticSequence({ width, height, frames: 40 });
  seq.frames = seq.frames.slice(0, frames);
  const volume = new TsdfGpuVolume(device, settings);
  const tracker = new IcpTracker(device, volume, width, height);
  const depth = uploadF32(device, seq.frames[0].depthM, 'bench-track-depth');
  const colour = storageBuffer(device, 'bench-track-colour', width * height);
  const integrate = (pose: number[]) => {
    const e = device.createCommandEncoder();
    volume.encode(e, depth, colour, width, height, seq.intrinsics, pose);
    device.queue.submit([e.finish()]);
  };
  const poses: number[][] = [[...seq.frames[0].pose]];
  device.queue.writeBuffer(colour, 0, new Uint32Array(seq.frames[0].rgba.slice().buffer));
  tracker.reset(poses[0], depth, withColour ? colour : null, seq.intrinsics);
  integrate(poses[0]);
  let lost = 0;
  const t0 = performance.now();
  for (let k = 1; k < frames; k++) {
    const f = seq.frames[k];
    device.queue.writeBuffer(depth, 0, f.depthM.buffer as ArrayBuffer, f.depthM.byteOffset, f.depthM.byteLength);
    device.queue.writeBuffer(colour, 0, new Uint32Array(f.rgba.slice().buffer));
    const r = await tracker.track(depth, withColour ? colour : null, seq.intrinsics);
    poses.push(r.pose);
    if (r.state === 'tracking') integrate(r.pose);
    else lost++;
  }
  const trackMs = (performance.now() - t0) / (frames - 1);
  const truth = seq.frames.map((f) => f.pose);
  const ate = ateRmse(poses, truth);
  const blocks = (await volume.status()).blocks;
  // The mesh: GPU marching cubes, vertices read back once for the F-score.
  const mc = new MarchingCubesPass(device, volume, 4_000_000);
  const e = device.createCommandEncoder();
  mc.encode(e, blocks);
  device.queue.submit([e.finish()]);
  const triangles = await mc.triangles();
  const words = await mc.read(triangles);
  const n = words.length / MC_VERTEX_WORDS;
  const positions = new Float32Array(3 * n);
  const f32 = new Float32Array(words.buffer);
  for (let i = 0; i < n; i++) positions.set(f32.subarray(i * MC_VERTEX_WORDS, i * MC_VERTEX_WORDS + 3), 3 * i);
  const truthPoints = sampleSurface(seq, 4);
  const { distances } = surfaceDistances(positions, sceneSdf);
  const f1 = fScore(distances, truthPoints, positions, 0.01);
  const f2 = fScore(distances, truthPoints, positions, 0.02);
  mc.destroy();
  tracker.destroy();
  volume.destroy();
  depth.destroy();
  colour.destroy();
  return { ateM: ate, lost, trackMs, triangles, f1: f1.f, f2: f2.f, precision1: f1.precision, recall1: f1.recall };
}
