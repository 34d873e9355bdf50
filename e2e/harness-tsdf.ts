/**
 * The TSDF kernels (src/gpu/tsdf-pass.ts) against the CPU reference
 * (src/core/tsdf/volume.ts) on the synthetic room, in the page: imported by
 * e2e/kernel-tsdf.spec.ts into e2e/harness.html, which gets back counts only.
 *
 * Blocks: after every frame, every block the reference allocated by a sample
 * far from a block boundary (trace.certainBlocks) must be on the GPU, and every
 * GPU block must be one of those or one the reference flags as reachable by a
 * sample within float32 error of a boundary (trace.maybeBlocks): `unexplained`
 * counts the others. The same for the blocks listed for the last frame.
 *
 * Voxels: in the blocks both hold, weights must be equal, and TSDF and colour
 * within the bounds given by the spec, except voxels whose update was decided
 * within float32 error of a threshold in some frame (trace.ambiguousVoxels, and
 * every voxel of a "maybe" block), which are counted and left out.
 */
import { acquireGpu } from '../src/gpu/gpu-context';
import { TsdfGpuVolume } from '../src/gpu/tsdf-pass';
import { makeSyntheticSequence } from '../src/core/synthetic-sequence';
import { BLOCK_VOXELS, TsdfVolume, newTrace, type TsdfFrame, type TsdfSettings } from '../src/core/tsdf';
import type { LensDistortion } from '../src/core/distortion';

export interface TsdfCompareOptions {
  width: number;
  height: number;
  frames: number;
  settings: TsdfSettings;
  /** Runs the GPU with other settings or a pose moved along world x (metres): the spec shows it can fail. */
  gpuSettings?: TsdfSettings;
  gpuShiftM?: number;
  /** Replaces every depth with NaN (a frame with no valid pixel, through encode()). */
  emptyDepth?: boolean;
  /** The depth camera's lens, for both; `gpuLens` gives the GPU another (null: none) to show a lens ignored fails. */
  lens?: LensDistortion;
  gpuLens?: LensDistortion | null;
}

export interface TsdfCompareResult {
  gpuBlocks: number;
  cpuBlocks: number;
  /** GPU blocks outside certain ∪ maybe, plus certain blocks missing on the GPU. */
  unexplained: number;
  /** Blocks in one set only but reachable within float32 error (allowed). */
  explained: number;
  maybeBlocks: number;
  frameListUnexplained: number;
  frameListLength: number;
  compared: number;
  ambiguous: number;
  weightMismatches: number;
  tsdfOver: number;
  colourOver: number;
  maxTsdfDiff: number;
  maxColourDiff: number;
  observed: number;
  /** GPU voxels with weight > 0, in every slot. */
  gpuObserved: number;
  tolTsdf: number;
  tolColour: number;
  gpuErrors: string[];
  cpuResults: string[];
  gpuResults: string[];
}

/** Keys of the allocated blocks in a GPU snapshot (slot < budget). */
function gpuKeys(keys: Uint32Array, slots: Uint32Array, budget: number): Map<number, number> {
  const out = new Map<number, number>();
  for (let s = 0; s < keys.length; s++) if (keys[s] !== 0 && slots[s] < budget) out.set(keys[s], slots[s]);
  return out;
}

export async function compareTsdf(o: TsdfCompareOptions): Promise<TsdfCompareResult> {
  const r = await acquireGpu();
  if (!r.ok) throw new Error(`WebGPU unavailable: ${r.detail}`);
  const device = r.gpu.device;
  const gpuErrors: string[] = [];
  const onError = (e: Event) => gpuErrors.push((e as GPUUncapturedErrorEvent).error.message);
  device.addEventListener('uncapturederror', onError);
  device.pushErrorScope('validation');
  const seq = makeSyntheticSequence({ width: o.width, height: o.height, frames: o.frames });
  const cpu = new TsdfVolume(o.settings);
  const gpu = new TsdfGpuVolume(device, o.gpuSettings ?? o.settings);
  const certain = new Set<number>();
  const maybe = new Set<number>();
  const ambiguous = new Set<number>();
  let lastTrace = newTrace();
  const cpuResults: string[] = [];
  const gpuResults: string[] = [];
  let unexplained = 0;
  let explained = 0;
  for (let k = 0; k < o.frames; k++) {
    const f = seq.frames[k];
    const depthM = o.emptyDepth ? new Float32Array(f.depthM.length).fill(Number.NaN) : f.depthM;
    const frame: TsdfFrame = { width: o.width, height: o.height, intrinsics: seq.intrinsics, depthM, rgba: f.rgba, pose: f.pose, lens: o.lens };
    const trace = newTrace();
    const c = cpu.integrate(frame, trace);
    cpuResults.push(c.ok ? 'ok' : c.reason);
    const pose = [...f.pose];
    pose[3] += o.gpuShiftM ?? 0;
    if (o.emptyDepth) {
      // Through encode(): the frame check of integrate() would refuse it first.
      const depth = device.createBuffer({ size: depthM.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
      device.queue.writeBuffer(depth, 0, depthM.buffer as ArrayBuffer, depthM.byteOffset, depthM.byteLength);
      const encoder = device.createCommandEncoder();
      gpu.encode(encoder, depth, null, o.width, o.height, seq.intrinsics, pose);
      device.queue.submit([encoder.finish()]);
      const s = await gpu.status(true);
      gpuResults.push(s.full ?? 'ok');
      depth.destroy();
    } else {
      const g = await gpu.integrate({ ...frame, pose, lens: o.gpuLens === undefined ? o.lens : (o.gpuLens ?? undefined) });
      gpuResults.push(g.ok ? 'ok' : g.reason);
    }
    if (!c.ok) continue;
    for (const key of trace.certainBlocks) certain.add(key);
    for (const key of trace.maybeBlocks) if (!certain.has(key)) maybe.add(key);
    for (const key of [...maybe]) if (certain.has(key)) maybe.delete(key);
    for (const key of trace.maybeBlocks) for (let v = 0; v < BLOCK_VOXELS; v++) ambiguous.add(key * BLOCK_VOXELS + v);
    for (const id of trace.ambiguousVoxels) ambiguous.add(id);
    lastTrace = trace;
    // The allocated sets after this frame.
    const snap = await gpu.snapshot();
    const gKeys = gpuKeys(snap.keys, snap.slots, o.settings.blockBudget);
    const cKeys = cpu.blockKeys();
    for (const key of certain) if (!gKeys.has(key)) unexplained++;
    for (const key of gKeys.keys()) if (!certain.has(key) && !maybe.has(key)) unexplained++;
    for (const key of gKeys.keys()) if (!cKeys.has(key)) explained++;
    for (const key of cKeys.keys()) if (!gKeys.has(key)) explained++;
  }
  const snap = await gpu.snapshot();
  const gKeys = gpuKeys(snap.keys, snap.slots, o.settings.blockBudget);
  // The last frame's block list.
  let frameListUnexplained = 0;
  const listed = new Set<number>();
  for (let i = 0; i < snap.counters[1]; i++) listed.add(snap.keys[snap.frameList[i]]);
  for (const key of lastTrace.certainBlocks) if (!listed.has(key)) frameListUnexplained++;
  for (const key of listed) if (!lastTrace.certainBlocks.has(key) && !lastTrace.maybeBlocks.has(key)) frameListUnexplained++;

  // Tolerances (see the spec): M bounds |p_world|_1 + |t|_1 over every voxel and pose.
  const s = o.settings;
  let M = 0;
  for (const f of seq.frames) M = Math.max(M, Math.abs(f.pose[3]) + Math.abs(f.pose[7]) + Math.abs(f.pose[11]));
  for (let b = 0; b < cpu.blockCount; b++) {
    const g = [0, 1, 2].map((k) => Math.abs(cpu.coords[3 * b + k] * 8) + 8);
    M = Math.max(M, (g[0] + g[1] + g[2]) * s.voxelSizeM);
  }
  M *= 2;
  const tolTsdf = (2 ** -20 * M + 2 ** -22 * s.depthMaxM) / s.truncationM + (3 * o.frames + 2) * 2 ** -24;
  const tolColour = (3 * o.frames + 1) * 2 ** -24 * 255;

  let compared = 0;
  let skipped = 0;
  let weightMismatches = 0;
  let tsdfOver = 0;
  let colourOver = 0;
  let maxTsdfDiff = 0;
  let maxColourDiff = 0;
  let observed = 0;
  for (const [key, cSlot] of cpu.blockKeys()) {
    const gSlot = gKeys.get(key);
    if (gSlot === undefined) continue;
    for (let v = 0; v < BLOCK_VOXELS; v++) {
      if (ambiguous.has(key * BLOCK_VOXELS + v)) {
        skipped++;
        continue;
      }
      compared++;
      const ci = cSlot * BLOCK_VOXELS + v;
      const gi = (gSlot * BLOCK_VOXELS + v) * 5;
      if (cpu.weight[ci] > 0) observed++;
      if (snap.voxels[gi + 1] !== cpu.weight[ci]) weightMismatches++;
      const dt = Math.abs(snap.voxels[gi] - cpu.tsdf[ci]);
      maxTsdfDiff = Math.max(maxTsdfDiff, dt);
      if (!(dt <= tolTsdf)) tsdfOver++;
      for (let c = 0; c < 3; c++) {
        const dc = Math.abs(snap.voxels[gi + 2 + c] - cpu.colour[3 * ci + c]);
        maxColourDiff = Math.max(maxColourDiff, dc);
        if (!(dc <= tolColour)) colourOver++;
      }
    }
  }
  let gpuObserved = 0;
  for (let i = 1; i < snap.voxels.length; i += 5) if (snap.voxels[i] > 0) gpuObserved++;
  const error = await device.popErrorScope();
  if (error) gpuErrors.push(error.message);
  device.removeEventListener('uncapturederror', onError);
  gpu.destroy();
  return {
    gpuBlocks: gKeys.size,
    cpuBlocks: cpu.blockCount,
    unexplained,
    explained,
    maybeBlocks: maybe.size,
    frameListUnexplained,
    frameListLength: snap.counters[1],
    compared,
    ambiguous: skipped,
    weightMismatches,
    tsdfOver,
    colourOver,
    maxTsdfDiff,
    maxColourDiff,
    observed,
    gpuObserved,
    tolTsdf,
    tolColour,
    gpuErrors,
    cpuResults,
    gpuResults,
  };
}
