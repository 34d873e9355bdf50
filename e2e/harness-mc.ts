/**
 * Marching cubes on the GPU (src/gpu/marching-cubes-pass.ts) against the CPU
 * reference (src/core/tsdf/marching-cubes.ts) on the same volume: the synthetic
 * room fused by the CPU reference, loaded into a TsdfGpuVolume as it is, so both
 * read identical float32 voxels. Imported by e2e/kernel-marching-cubes.spec.ts
 * into e2e/harness.html; counts come back. Also the prefix sum alone.
 *
 * Triangles are matched by cube (the GPU writes each vertex's cube; the
 * reference lists each triangle's) and, within a cube, in table order.
 */
import { TsdfGpuVolume } from '../src/gpu/tsdf-pass';
import { MarchingCubesPass, MC_VERTEX_WORDS } from '../src/gpu/marching-cubes-pass';
import { PrefixSumPass } from '../src/gpu/prefix-sum-pass';
import { sharedDevice } from './bench-common';
import { storageBuffer } from '../src/gpu/stages/kernel';
import { readBufferF32 } from '../src/gpu/readback';
import { makeSyntheticSequence } from '../src/core/synthetic-sequence';
import { BLOCK_VOXELS, TsdfVolume, marchingCubes, type TsdfSettings } from '../src/core/tsdf';
import { mulberry32 } from '../src/core/seeded-random';

export interface McCompareOptions {
  width: number;
  height: number;
  frames: number;
  settings: TsdfSettings;
  /** Moves every voxel's TSDF by this on the GPU copy only (the spec shows it can fail). */
  gpuTsdfOffset?: number;
  maxTriangles?: number;
}

export async function compareMarchingCubes(o: McCompareOptions) {
  const device = await sharedDevice();
  device.pushErrorScope('validation');
  const seq = makeSyntheticSequence({ width: o.width, height: o.height, frames: o.frames });
  const cpu = new TsdfVolume(o.settings);
  for (const f of seq.frames) {
    const r = cpu.integrate({ width: o.width, height: o.height, intrinsics: seq.intrinsics, depthM: f.depthM, rgba: f.rgba, pose: f.pose });
    if (!r.ok) throw new Error(r.reason);
  }
  const ref = marchingCubes(cpu, { detail: true });
  const gpuVolume = new TsdfGpuVolume(device, o.settings);
  if (o.gpuTsdfOffset) {
    const shifted = new TsdfVolume(o.settings);
    // The same blocks, TSDF moved: load() copies the arrays as they are.
    Object.assign(shifted, { coords: cpu.coords, weight: cpu.weight, colour: cpu.colour, blockCount: cpu.blockCount, tsdf: cpu.tsdf.map((v) => v + (o.gpuTsdfOffset ?? 0)) });
    gpuVolume.load(shifted);
  } else gpuVolume.load(cpu);
  const maxTriangles = o.maxTriangles ?? ref.triangles + 16;
  const mc = new MarchingCubesPass(device, gpuVolume, maxTriangles);
  const encoder = device.createCommandEncoder();
  mc.encode(encoder, (await gpuVolume.status()).blocks);
  device.queue.submit([encoder.finish()]);
  const triangles = await mc.triangles();
  const words = await mc.read(triangles);
  const error = await device.popErrorScope();

  // Reference triangles by cube.
  const vs = o.settings.voxelSizeM;
  const cubeKey = (x: number, y: number, z: number) => `${x},${y},${z}`;
  const refByCube = new Map<string, number[]>();
  for (let t = 0; t < ref.triangles; t++) {
    const k = cubeKey(ref.cubes![3 * t], ref.cubes![3 * t + 1], ref.cubes![3 * t + 2]);
    const list = refByCube.get(k);
    if (list) list.push(t);
    else refByCube.set(k, [t]);
  }
  const gpuByCube = new Map<string, number[]>();
  const f32 = new Float32Array(words.buffer);
  const emitted = Math.min(triangles, maxTriangles);
  for (let t = 0; t < emitted; t++) {
    const id = words[3 * t * MC_VERTEX_WORDS + 7];
    const slot = Math.floor(id / BLOCK_VOXELS);
    const local = id % BLOCK_VOXELS;
    const g = [0, 1, 2].map((k) => cpu.coords[3 * slot + k] * 8 + (k === 0 ? local & 7 : k === 1 ? (local >> 3) & 7 : local >> 6));
    const k = cubeKey(g[0], g[1], g[2]);
    const list = gpuByCube.get(k);
    if (list) list.push(t);
    else gpuByCube.set(k, [t]);
  }
  let cubeMismatches = 0;
  let positionOver = 0;
  let normalOver = 0;
  let colourOver = 0;
  let colourNearHalf = 0;
  let maxPosDiff = 0;
  let maxNormalDiff = 0;
  let pMax = 0;
  for (let i = 0; i < ref.positions.length; i++) pMax = Math.max(pMax, Math.abs(ref.positions[i]));
  // Bounds (see the spec): position 2^-20 (max |p| + v); normal 2^-18 / |gradient| + 2^-21.
  const tolPos = 2 ** -20 * (pMax + vs);
  for (const [k, refTris] of refByCube) {
    const gpuTris = gpuByCube.get(k) ?? [];
    if (gpuTris.length !== refTris.length) {
      cubeMismatches++;
      continue;
    }
    refTris.forEach((rt, j) => {
      const gt = gpuTris[j];
      for (let c = 0; c < 3; c++) {
        const rv = 3 * rt + c;
        const gw = (3 * gt + c) * MC_VERTEX_WORDS;
        for (let a = 0; a < 3; a++) {
          const dp = Math.abs(f32[gw + a] - ref.positions[3 * rv + a]);
          maxPosDiff = Math.max(maxPosDiff, dp);
          if (!(dp <= tolPos)) positionOver++;
          const dn = Math.abs(f32[gw + 4 + a] - ref.normals[3 * rv + a]);
          maxNormalDiff = Math.max(maxNormalDiff, dn);
          if (!(dn <= 2 ** -18 / ref.gradientLengths![rv] + 2 ** -21)) normalOver++;
          const gc = (words[gw + 3] >> (8 * a)) & 255;
          const raw = ref.rawColours![3 * rv + a];
          // Exact, except a value within float32 error (7 ulps of 255) of a rounding edge may land on either side.
          const nearHalf = Math.abs(raw - Math.floor(raw) - 0.5) < 7 * 2 ** -24 * 255;
          if (nearHalf) colourNearHalf++;
          if (gc !== ref.colours[3 * rv + a] && !(nearHalf && Math.abs(gc - ref.colours[3 * rv + a]) === 1)) colourOver++;
        }
      }
    });
  }
  for (const k of gpuByCube.keys()) if (!refByCube.has(k)) cubeMismatches++;
  mc.destroy();
  gpuVolume.destroy();
  return {
    gpuErrors: error ? [error.message] : [],
    triangles,
    refTriangles: ref.triangles,
    cubes: refByCube.size,
    cubeMismatches,
    positionOver,
    normalOver,
    colourOver,
    colourNearHalf,
    maxPosDiff,
    maxNormalDiff,
    tolPos,
  };
}

/** The prefix sum alone on n seeded values (0-5, as triangle counts), against a plain loop. */
export async function comparePrefixSum(n: number, seed: number) {
  const device = await sharedDevice();
  device.pushErrorScope('validation');
  const random = mulberry32(seed);
  const values = Uint32Array.from({ length: n }, () => Math.floor(random() * 6));
  const input = storageBuffer(device, 'scan-in', n);
  const output = storageBuffer(device, 'scan-out', n);
  device.queue.writeBuffer(input, 0, values);
  const scan = new PrefixSumPass(device, n);
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  scan.encode(pass, input, output);
  pass.end();
  device.queue.submit([encoder.finish()]);
  const got = new Uint32Array((await readBufferF32(device, output, n)).buffer);
  const error = await device.popErrorScope();
  let sum = 0;
  let mismatches = 0;
  for (let i = 0; i < n; i++) {
    if (got[i] !== sum) mismatches++;
    sum += values[i];
  }
  scan.destroy();
  input.destroy();
  output.destroy();
  return { gpuErrors: error ? [error.message] : [], mismatches, total: sum, last: got[n - 1] + values[n - 1] };
}
