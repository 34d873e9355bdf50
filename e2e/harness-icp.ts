/**
 * Ray casting and ICP on real WebGPU against their CPU references, in the page
 * (imported by e2e/kernel-icp.spec.ts into e2e/harness.html; numbers come back):
 * - compareRaycast: shaders/tsdf-raycast.wgsl vs src/core/tsdf/raycast.ts on
 *   the synthetic room fused by the CPU reference and loaded into the GPU
 *   volume as it is (both read identical float32 voxels);
 * - compareIcp: shaders/depth-pyramid.wgsl vs pyramid.ts,
 *   shaders/intensity-pyramid.wgsl vs photometric.ts, and the 32 sums of
 *   shaders/icp-rows.wgsl + icp-merge.wgsl vs point-to-plane.ts on the same
 *   inputs (the GPU's model maps and pyramid levels, read back once);
 * - trackGpu: the GPU tracker (src/gpu/icp-tracker.ts) over a few frames.
 */
import { sharedDevice } from './bench-common';
import { TsdfGpuVolume } from '../src/gpu/tsdf-pass';
import { RaycastTarget, TsdfRaycastPass, readRaycastTarget } from '../src/gpu/tsdf-raycast-pass';
import { IcpSumsPass, type GpuDepthLevel } from '../src/gpu/icp-sums-pass';
import { IcpTracker } from '../src/gpu/icp-tracker';
import { readBufferF32, uploadF32 } from '../src/gpu/readback';
import { makeSyntheticSequence } from '../src/core/synthetic-sequence';
import { TsdfVolume, pixelDirection, raycastVolume, tsdfGradient, type TsdfSettings } from '../src/core/tsdf';

/** The smallest radius of curvature in the room (its smaller sphere), metres. */
const CURVATURE_RADIUS_M = 0.3;
import { downsampleDepth, levelIntrinsics, type DepthLevel } from '../src/core/icp/pyramid';
import { ICP_SUM_WORDS, SUM_COLOUR_PAIRS, SUM_INLIERS, SUM_VALID, icpSums, newIcpTrace, type ModelMaps } from '../src/core/icp/point-to-plane';
import { downsampleIntensity, rgbaIntensity } from '../src/core/icp/photometric';
import { rectifyMap, remap } from '../src/core/icp/rectify';
import type { LensDistortion } from '../src/core/distortion';
import { storageBuffer } from '../src/gpu/stages/kernel';
import { DEFAULT_TRACKER_SETTINGS, levelThresholds } from '../src/core/icp/tracker-policy';
import { multiplyTransforms } from '../src/core/camera-path';
import { incrementTransform } from '../src/core/icp/linear-algebra';

export interface SceneOptions {
  width: number;
  height: number;
  /** Frames fused (of a 40-frame turn of the room). */
  frames: number;
  settings: TsdfSettings;
}

/** The first `frames` of the 40-frame room fused by the reference and loaded into a GPU volume as they are (both read the same voxels). */
export function fusedScene(device: GPUDevice, o: SceneOptions) {
  const seq = makeSyntheticSequence({ width: o.width, height: o.height, frames: 40 });
  const cpu = new TsdfVolume(o.settings);
  for (let k = 0; k < o.frames; k++) {
    const f = seq.frames[k];
    const r = cpu.integrate({ width: o.width, height: o.height, intrinsics: seq.intrinsics, depthM: f.depthM, rgba: f.rgba, pose: f.pose });
    if (!r.ok) throw new Error(r.reason);
  }
  const gpuVolume = new TsdfGpuVolume(device, o.settings);
  gpuVolume.load(cpu);
  return { seq, cpu, gpuVolume };
}

export interface RaycastCompareOptions extends SceneOptions {
  /** Moves the GPU's camera along world x (metres): the spec shows it can fail. */
  gpuShiftM?: number;
}

export async function compareRaycast(o: RaycastCompareOptions) {
  const device = await sharedDevice();
  device.pushErrorScope('validation');
  const { seq, cpu, gpuVolume } = fusedScene(device, o);
  const pass = new TsdfRaycastPass(device, gpuVolume);
  const target = new RaycastTarget(device, o.width, o.height);
  // From between two fused frames: a view no frame had.
  const pose = [...multiplyTransforms(seq.frames[1].pose, incrementTransform([0, 0.02, 0, 0.01, 0, 0]))];
  const gpuPose = [...pose];
  gpuPose[3] += o.gpuShiftM ?? 0;
  const encoder = device.createCommandEncoder();
  pass.encode(encoder, target, gpuPose, seq.intrinsics);
  device.queue.submit([encoder.finish()]);
  const g = await readRaycastTarget(device, target);
  const c = raycastVolume(cpu, pose, o.width, o.height, seq.intrinsics);
  let bothHit = 0;
  let hitMismatch = 0;
  let grazing = 0;
  let depthOver = 0;
  let normalOver = 0;
  let worstDepthRatio = 0;
  let worstNormalRatio = 0;
  let maxColourDiff = 0;
  let normalMismatch = 0;
  let colourMismatch = 0;
  const o3 = [pose[3], pose[7], pose[11]];
    for (let v = 0, i = 0; v < o.height; v++) {
    for (let u = 0; u < o.width; u++, i++) {
      const ch = Number.isFinite(c.depthM[i]);
      const gh = Number.isFinite(g.depth[i]);
      if (ch !== gh) hitMismatch++;
      if (!ch || !gh) continue;
      bothHit++;
      const cn = Number.isFinite(c.normals[3 * i]);
      const gn = Number.isFinite(g.normals[3 * i]);
      if (cn !== gn) normalMismatch++;
      const cc = Number.isFinite(c.colours[3 * i]);
      const gc = g.colours[i] >>> 24 === 255;
      if (cc !== gc) colourMismatch++;
      else if (cc) for (let k = 0; k < 3; k++) maxColourDiff = Math.max(maxColourDiff, Math.abs(Math.round(c.colours[3 * i + k]) - ((g.colours[i] >> (8 * k)) & 255)));
      if (!cn || !gn) continue;
      // Tolerances (see the spec): M = |o|_1 + t |d|_1 bounds the sample positions' magnitude.
      const d = pixelDirection(pose, seq.intrinsics, u, v);
      const t = c.depthM[i];
      const M = Math.abs(o3[0]) + Math.abs(o3[1]) + Math.abs(o3[2]) + t * (Math.abs(d[0]) + Math.abs(d[1]) + Math.abs(d[2]));
      const cos = Math.abs(c.normals[3 * i] * d[0] + c.normals[3 * i + 1] * d[1] + c.normals[3 * i + 2] * d[2]) / Math.hypot(d[0], d[1], d[2]);
      if (cos < 0.1) {
        grazing++;
        continue;
      }
      const gradient = tsdfGradient(cpu, Array.from(c.vertices.subarray(3 * i, 3 * i + 3)));
      const sampleErr = (8 * 2 ** -20 * M) / o.settings.truncationM;
      const depthTol = (2 ** -20 * M) / cos + sampleErr * (o.settings.truncationM / cos);
      const dd = Math.abs(c.depthM[i] - g.depth[i]);
      worstDepthRatio = Math.max(worstDepthRatio, dd / depthTol);
      if (!(dd <= depthTol)) depthOver++;
      const normalTol = (2 * sampleErr + (depthTol * Math.hypot(d[0], d[1], d[2])) / CURVATURE_RADIUS_M) / Math.hypot(gradient[0], gradient[1], gradient[2]);
      let nd = 0;
      for (let k = 0; k < 3; k++) nd = Math.max(nd, Math.abs(c.normals[3 * i + k] - g.normals[3 * i + k]));
      worstNormalRatio = Math.max(worstNormalRatio, nd / normalTol);
      if (!(nd <= normalTol)) normalOver++;
    }
  }
  const error = await device.popErrorScope();
  target.destroy();
  pass.destroy();
  gpuVolume.destroy();
  return {
    pixels: o.width * o.height,
    bothHit,
    hitMismatch,
    normalMismatch,
    colourMismatch,
    grazing,
    depthOver,
    normalOver,
    worstDepthRatio,
    worstNormalRatio,
    maxColourDiff,
    gpuError: error?.message ?? null,
  };
}

export interface IcpCompareOptions extends SceneOptions {
  /** The live frame (tracked against the model cast from the frame before it). */
  frame: number;
  /** Moves the GPU's estimate along world x (metres): the spec shows it can fail. */
  gpuShiftM?: number;
  /** The colour term's weight (photometric.ts; 0: depth only); the tracker's default when absent. */
  colourWeight?: number;
  /** Brightens the GPU's live colour by this many grey levels: the colour words must fail. */
  gpuGreyOffset?: number;
}

/** Whether a GPU intensity is the reference's: at most 4 roundings of values at most 1 (the luma's 3 products and 2 sums; a mean's 2 sums and a division by 4). */
const INTENSITY_TOLERANCE = 4 * 2 ** -24;

/** The shared device (a validation scope opened), the room fused on it and a ray-cast pass over it. */
export async function fusedSceneWithRaycast(o: SceneOptions) {
  const device = await sharedDevice();
  device.pushErrorScope('validation');
  const { seq, gpuVolume } = fusedScene(device, o);
  return { device, seq, gpuVolume, raycast: new TsdfRaycastPass(device, gpuVolume) };
}

export async function compareIcp(o: IcpCompareOptions) {
  const { device, seq, gpuVolume, raycast } = await fusedSceneWithRaycast(o);
  const icp = new IcpSumsPass(device);
  const s = { ...DEFAULT_TRACKER_SETTINGS, colourWeight: o.colourWeight ?? DEFAULT_TRACKER_SETTINGS.colourWeight };
  const modelPose = seq.frames[o.frame - 1].pose;
  const rgba = seq.frames[o.frame].rgba;
  const gpuRgba = Uint8Array.from(rgba, (c, i) => (i % 4 === 3 ? c : Math.min(255, c + (o.gpuGreyOffset ?? 0))));
  const colourBuffer = (bytes: ArrayLike<number>) => {
    const b = device.createBuffer({ size: bytes.length, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(b, 0, Uint8Array.from(bytes));
    return b;
  };
  const liveColour = colourBuffer(gpuRgba);
  // The last frame's image: the colour of the frame the model is cast from.
  const lastColour = colourBuffer(seq.frames[o.frame - 1].rgba);
  const intensity = (w: number, h: number) => device.createBuffer({ size: 4 * w * h, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const lastImage = [intensity(o.width, o.height)];
  // The estimate: the true pose, off by 1 cm and about 1 degree (as mid-iteration).
  const estimate = multiplyTransforms(incrementTransform([0.01, -0.015, 0.008, 0.01, -0.005, 0.004]), seq.frames[o.frame].pose);
  const gpuEstimate = [...estimate];
  gpuEstimate[3] += o.gpuShiftM ?? 0;
  const levels: GpuDepthLevel[] = [{ depth: uploadF32(device, seq.frames[o.frame].depthM, 'live-depth'), intensity: intensity(o.width, o.height), width: o.width, height: o.height, intrinsics: seq.intrinsics }];
  const encoder = device.createCommandEncoder();
  icp.encodeIntensity(encoder, liveColour, o.width, levels[0].intensity!, o.width, o.height, true, 0);
  icp.encodeIntensity(encoder, lastColour, o.width, lastImage[0], o.width, o.height, true, 3);
  const targets: RaycastTarget[] = [];
  for (let l = 0; l < 3; l++) {
    if (l > 0) {
      const w = Math.floor(levels[l - 1].width / 2);
      const h = Math.floor(levels[l - 1].height / 2);
      const coarse = device.createBuffer({ size: 4 * w * h, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
      icp.encodeDownsample(encoder, levels[l - 1], coarse, s.jumpRel, l - 1);
      levels.push({ depth: coarse, intensity: intensity(w, h), width: w, height: h, intrinsics: levelIntrinsics(seq.intrinsics, l) });
      icp.encodeIntensity(encoder, levels[l - 1].intensity!, levels[l - 1].width, levels[l].intensity!, w, h, false, l);
      lastImage.push(intensity(w, h));
      icp.encodeIntensity(encoder, lastImage[l - 1], levels[l - 1].width, lastImage[l], w, h, false, 3 + l);
    }
    targets.push(new RaycastTarget(device, levels[l].width, levels[l].height));
    raycast.encode(encoder, targets[l], modelPose, levels[l].intrinsics);
  }
  device.queue.submit([encoder.finish()]);
  const pyramid = { compared: 0, ambiguous: 0, over: 0, maxUlps: 0 };
  const intensityPyramid = { compared: 0, over: 0, maxDiff: 0 };
  const perLevel = [];
  let cpuLevel: DepthLevel = { width: o.width, height: o.height, intrinsics: seq.intrinsics, depthM: seq.frames[o.frame].depthM };
  let refIntensity = rgbaIntensity(gpuRgba, o.width * o.height);
  for (let l = 0; l < 3; l++) {
    const gpuDepth = await readBufferF32(device, levels[l].depth, levels[l].width * levels[l].height);
    const gpuIntensity = await readBufferF32(device, levels[l].intensity!, levels[l].width * levels[l].height);
    // Level 0 from the colour, each coarser one from the GPU's finer level: each kernel judged on its own inputs.
    if (l > 0) refIntensity = downsampleIntensity(cpuLevel.intensity!, cpuLevel.width, cpuLevel.height).map((v) => v + (o.gpuGreyOffset ?? 0) / 255);
    for (let i = 0; i < gpuIntensity.length; i++) {
      const diff = Math.abs(gpuIntensity[i] - refIntensity[i]);
      intensityPyramid.compared++;
      intensityPyramid.maxDiff = Math.max(intensityPyramid.maxDiff, diff);
      if (!(diff <= INTENSITY_TOLERANCE)) intensityPyramid.over++;
    }
    if (l > 0) {
      // The GPU halving of the GPU's finer level, against the reference's halving of that same level.
      const ambiguous = new Set<number>();
      const ref = downsampleDepth(cpuLevel, s.jumpRel, ambiguous);
      for (let i = 0; i < gpuDepth.length; i++) {
        if (ambiguous.has(i)) {
          pyramid.ambiguous++;
          continue;
        }
        pyramid.compared++;
        const a = ref.depthM[i];
        const b = gpuDepth[i];
        if (Number.isFinite(a) !== Number.isFinite(b)) pyramid.over++;
        else if (Number.isFinite(a)) {
          const ulps = Math.abs(a - b) / (a * 2 ** -23);
          pyramid.maxUlps = Math.max(pyramid.maxUlps, ulps);
          // Up to 3 additions and a division (2.5 ulps in WGSL) on values within 5 % of each other: 6 ulps.
          if (ulps > 6) pyramid.over++;
        }
      }
    }
    // The reference reads the GPU's levels, less the GPU-only brightening (the LUMA weights sum to 1/255 a grey level).
    const unbrightened = o.gpuGreyOffset ? gpuIntensity.map((v) => v - o.gpuGreyOffset! / 255) : gpuIntensity;
    cpuLevel = { width: levels[l].width, height: levels[l].height, intrinsics: levels[l].intrinsics, depthM: gpuDepth, intensity: unbrightened };
    const maps = await readRaycastTarget(device, targets[l]);
    const model: ModelMaps = { width: levels[l].width, height: levels[l].height, intrinsics: levels[l].intrinsics, pose: modelPose, vertices: maps.vertices, normals: maps.normals, intensity: await readBufferF32(device, lastImage[l], levels[l].width * levels[l].height) };
    const th = levelThresholds(s, l);
    const trace = newIcpTrace();
    const ref = icpSums(cpuLevel, model, estimate, th, trace);
    const gpuModel = { vertices: targets[l].vertices, normals: targets[l].normals, intensity: lastImage[l], width: levels[l].width, height: levels[l].height, intrinsics: levels[l].intrinsics, pose: modelPose };
    const got = await icp.sums(levels[l], gpuModel, gpuEstimate, th);
    // Summation: a tree of 64 per workgroup, a thread's share of the partials in sequence, a tree of 64.
    const groups = Math.ceil(levels[l].width / 8) * Math.ceil(levels[l].height / 8);
    const roundings = 6 + Math.ceil(groups / 64) + 6;
    let over = 0;
    let worstRatio = 0;
    const words: { ref: number; gpu: number; tol: number }[] = [];
    for (let k = 0; k < ICP_SUM_WORDS; k++) {
      const tol = trace.bound[k] + roundings * 2 ** -24 * trace.abs[k] + trace.slack[k];
      const diff = Math.abs(got[k] - ref[k]);
      if (!(diff <= tol)) over++;
      worstRatio = Math.max(worstRatio, tol > 0 ? diff / tol : diff > 0 ? Infinity : 0);
      words.push({ ref: ref[k], gpu: got[k], tol });
    }
    const colourWords = [...Array(ICP_SUM_WORDS).keys()].filter((k) => k !== SUM_INLIERS && k !== SUM_VALID).filter((k) => !(Math.abs(got[k] - ref[k]) <= words[k].tol));
    perLevel.push({ width: levels[l].width, height: levels[l].height, inliers: ref[SUM_INLIERS], valid: ref[SUM_VALID], colourPairs: ref[SUM_COLOUR_PAIRS], wordsOver: colourWords, ambiguousPixels: trace.ambiguousPixels, over, worstRatio, words: l === 0 ? words : undefined });
  }
  const error = await device.popErrorScope();
  levels.forEach((lv) => [lv.depth, lv.intensity].forEach((b) => b?.destroy()));
  [liveColour, lastColour, ...lastImage].forEach((b) => b.destroy());
  targets.forEach((t) => t.destroy());
  raycast.destroy();
  icp.destroy();
  gpuVolume.destroy();
  return { pyramid, intensityPyramid, perLevel, gpuError: error?.message ?? null };
}

export interface TrackOptions {
  width: number;
  height: number;
  frames: number;
  settings: TsdfSettings;
  /** Replaces frame k's depth and colour with another frame's (a teleport): it must be reported lost. */
  teleportFrame?: number;
  /** false: track on depth alone (no colour term). */
  colour?: boolean;
}

/** Tracks `frames` frames of the 40-frame room on the GPU from the first true pose, integrating the tracked ones. */
export async function trackGpu(o: TrackOptions) {
  const device = await sharedDevice();
  device.pushErrorScope('validation');
  const seq = makeSyntheticSequence({ width: o.width, height: o.height, frames: 40 });
  const volume = new TsdfGpuVolume(device, o.settings);
  const tracker = new IcpTracker(device, volume, o.width, o.height);
  const first = seq.frames[0];
  const depth = uploadF32(device, first.depthM, 'track-depth');
  const colour = device.createBuffer({ size: 4 * o.width * o.height, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
  const integrate = (pose: number[]) => {
    const e = device.createCommandEncoder();
    volume.encode(e, depth, colour, o.width, o.height, seq.intrinsics, pose);
    device.queue.submit([e.finish()]);
  };
  device.queue.writeBuffer(colour, 0, new Uint32Array(first.rgba.slice().buffer));
  tracker.reset(first.pose, depth, o.colour === false ? null : colour, seq.intrinsics);
  integrate([...first.pose]);
  const poses: number[][] = [first.pose.slice()];
  const states: string[] = ['tracking'];
  const inliers: number[] = [1];
  const reasons: (string | null)[] = [null];
  for (let k = 1; k < o.frames; k++) {
    const source = k === o.teleportFrame ? seq.frames[(k + 13) % 40] : seq.frames[k];
    device.queue.writeBuffer(depth, 0, source.depthM.buffer as ArrayBuffer, source.depthM.byteOffset, source.depthM.byteLength);
    device.queue.writeBuffer(colour, 0, new Uint32Array(source.rgba.slice().buffer));
    const r = await tracker.track(depth, o.colour === false ? null : colour, seq.intrinsics);
    poses.push(r.pose);
    states.push(r.state);
    inliers.push(r.inlierFraction);
    reasons.push(r.reason);
    if (r.state === 'tracking') integrate(r.pose);
  }
  const error = await device.popErrorScope();
  tracker.destroy();
  volume.destroy();
  depth.destroy();
  colour.destroy();
  return { poses, truth: seq.frames.slice(0, o.frames).map((f) => f.pose.slice()), states, inliers, reasons, gpuError: error?.message ?? null };
}

/** shaders/rectify.wgsl vs src/core/icp/rectify.ts on a frame of the room seen through `lens`: outputs that differ, outside the ambiguous ones. */
export async function compareRectify(o: { width: number; height: number; lens: LensDistortion }) {
  const device = await sharedDevice();
  device.pushErrorScope('validation');
  const seq = makeSyntheticSequence({ width: o.width, height: o.height, frames: 40, lens: o.lens });
  const f = seq.frames[3];
  const n = o.width * o.height;
  const depth = uploadF32(device, f.depthM, 'rectify-depth');
  const colour = storageBuffer(device, 'rectify-colour', n);
  device.queue.writeBuffer(colour, 0, new Uint32Array(f.rgba.slice().buffer));
  const [depthOut, colourOut] = [storageBuffer(device, 'rectify-depth-out', n), storageBuffer(device, 'rectify-colour-out', n)];
  const icp = new IcpSumsPass(device);
  const encoder = device.createCommandEncoder();
  icp.encodeRectify(encoder, depth, colour, depthOut, colourOut, o.width, o.height, seq.intrinsics, o.lens);
  device.queue.submit([encoder.finish()]);
  const gpuDepth = await readBufferF32(device, depthOut, n);
  const gpuColour = new Uint32Array((await readBufferF32(device, colourOut, n)).buffer);
  const ambiguous = new Set<number>();
  const map = rectifyMap(o.width, o.height, seq.intrinsics, o.lens, ambiguous);
  const refDepth = remap(f.depthM, map, Number.NaN);
  const refColour = remap(new Uint32Array(f.rgba.slice().buffer), map, 0);
  let differ = 0;
  let outside = 0;
  let moved = 0;
  for (let i = 0; i < n; i++) {
    if (map[i] < 0) outside++;
    else if (map[i] !== i) moved++;
    if (ambiguous.has(i)) continue;
    const same = Object.is(gpuDepth[i], refDepth[i]) || (Number.isNaN(gpuDepth[i]) && Number.isNaN(refDepth[i]));
    if (!same || gpuColour[i] !== refColour[i]) differ++;
  }
  const error = await device.popErrorScope();
  [depth, colour, depthOut, colourOut].forEach((b) => b.destroy());
  icp.destroy();
  return { pixels: n, ambiguous: ambiguous.size, differ, outside, moved, gpuError: error?.message ?? null };
}
