/**
 * The live view's shading (shaders/tsdf-shade.wgsl) on real WebGPU against
 * src/core/tsdf/raycast-shade.ts, in the page (imported by
 * e2e/kernel-tsdf-shade.spec.ts into e2e/harness.html; numbers come back):
 * the synthetic room fused by the reference and loaded into a GPU volume, ray
 * cast on the GPU, and the GPU's own maps, read back, shaded by the reference
 * (both shade identical inputs).
 */
import { fusedSceneWithRaycast, type SceneOptions } from './harness-icp';
import { RaycastTarget, readRaycastTarget } from '../src/gpu/tsdf-raycast-pass';
import { TsdfShadePass } from '../src/gpu/tsdf-shade-pass';
import { readBufferF32 } from '../src/gpu/readback';
import { shadeRaycast, type RaycastShading } from '../src/core/tsdf';

export interface ShadeCompareOptions extends SceneOptions {
  mode: RaycastShading;
  /** Moves the GPU's light (camera centre) along world x, metres: the spec shows it can fail. */
  gpuLightShiftM?: number;
}

export async function compareShade(o: ShadeCompareOptions) {
  const { device, seq, gpuVolume, raycast } = await fusedSceneWithRaycast(o);
  const shade = new TsdfShadePass(device);
  const target = new RaycastTarget(device, o.width, o.height);
  const pose = seq.frames[o.frames - 1].pose;
  const origin = [pose[3], pose[7], pose[11]];
  const encoder = device.createCommandEncoder();
  raycast.encode(encoder, target, pose, seq.intrinsics);
  shade.encode(encoder, target, [origin[0] + (o.gpuLightShiftM ?? 0), origin[1], origin[2]], o.mode);
  device.queue.submit([encoder.finish()]);
  const maps = await readRaycastTarget(device, target);
  const padded = new Uint32Array((await readBufferF32(device, shade.buffer!, shade.stride * o.height)).buffer);
  const ref = shadeRaycast(maps, origin, o.mode);
  let hits = 0;
  let coloured = 0;
  let exactOver = 0;
  let greyOver = 0;
  let greyOffByOne = 0;
  let maxDiff = 0;
  for (let y = 0, i = 0; y < o.height; y++) {
    for (let x = 0; x < o.width; x++, i++) {
      const g = padded[y * shade.stride + x];
      const c = ref[i];
      const hit = Number.isFinite(maps.vertices[3 * i]);
      if (hit) hits++;
      const fromColour = hit && o.mode === 'coloured' && maps.colours[i] >>> 24 === 255;
      if (fromColour) coloured++;
      if (!hit || fromColour) {
        if (g !== c) exactOver++;
        continue;
      }
      const d = Math.max(...[0, 8, 16, 24].map((s) => Math.abs(((g >>> s) & 255) - ((c >>> s) & 255))));
      maxDiff = Math.max(maxDiff, d);
      if (d > 1) greyOver++;
      else if (d === 1) greyOffByOne++;
    }
  }
  const gpuError = (await device.popErrorScope())?.message ?? null;
  raycast.destroy();
  shade.destroy();
  target.destroy();
  gpuVolume.destroy();
  return { pixels: o.width * o.height, hits, coloured, exactOver, greyOver, greyOffByOne, maxDiff, gpuError };
}
