/**
 * Browser side of `npm run bench -- recon` (scripts/bench-recon.ts drives it,
 * importing this module into e2e/harness.html): TSDF integration and marching
 * cubes on WebGPU against their CPU references in the same page, on the
 * synthetic room. GPU times are dispatch -> onSubmittedWorkDone, with the
 * frame's depth and colour already on the GPU (as the live path has them).
 */
import { benchDevice, median } from './bench-common';
import { TsdfGpuVolume } from '../src/gpu/tsdf-pass';
import { MarchingCubesPass } from '../src/gpu/marching-cubes-pass';
import { storageBuffer } from '../src/gpu/stages/kernel';
import { makeSyntheticSequence } from '../src/core/synthetic-sequence';
import { BLOCK_VOXELS, TsdfVolume, marchingCubes, type TsdfSettings } from '../src/core/tsdf';

/** Integration of `frames` frames, GPU and CPU reference: median ms per frame, and the blocks. */
export async function benchIntegrate(width: number, height: number, frames: number, settings: TsdfSettings) {
  const device = await benchDevice();
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
  const device = await benchDevice();
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
  const blocks = (await gpu.status()).blocks;
  for (let r = 0; r <= reps; r++) {
    const t0 = performance.now();
    const e = device.createCommandEncoder();
    mc.encode(e, blocks);
    device.queue.submit([e.finish()]);
    await device.queue.onSubmittedWorkDone();
    if (r > 0) gpuMs.push(performance.now() - t0); // the first compiles the pipelines
  }
  const gpuTriangles = await mc.triangles();
  mc.destroy();
  gpu.destroy();
  return { gpuMs: median(gpuMs), cpuMs: median(cpuMs), voxels: cpu.blockCount * BLOCK_VOXELS, triangles, gpuTriangles };
}
