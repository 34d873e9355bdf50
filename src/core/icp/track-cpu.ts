/**
 * Frame-to-model tracking on the CPU (the reference of src/gpu/icp-tracker.ts):
 * per frame, the live depth's pyramid (pyramid.ts), the model ray-cast from
 * the last tracked pose at every level (tsdf/raycast.ts), then coarse-to-fine
 * point-to-plane ICP from the predicted pose (tracker-policy.ts).
 */
import type { PinholeIntrinsics } from '../filters/depth-field';
import type { RigidTransform } from '../recording';
import { raycastVolume } from '../tsdf/raycast';
import type { TsdfVolume } from '../tsdf/volume';
import { hasDistortion, type LensDistortion } from '../distortion';
import { downsampleIntensity } from './photometric';
import { rectifyMap, remap } from './rectify';
import { icpSums, type ModelMaps } from './point-to-plane';
import { depthPyramid, levelIntrinsics, type DepthLevel } from './pyramid';
import { levelThresholds, predictPose, runIcp, type TrackResult, type TrackerSettings } from './tracker-policy';

/** The model's vertex and normal maps ray-cast from `pose` at every pyramid level (finest first). */
export function modelPyramid(volume: TsdfVolume, pose: RigidTransform, width: number, height: number, intr: PinholeIntrinsics, levels: number): ModelMaps[] {
  const out: ModelMaps[] = [];
  for (let l = 0; l < levels; l++) {
    const w = Math.floor(width / 2 ** l);
    const h = Math.floor(height / 2 ** l);
    const k = levelIntrinsics(intr, l);
    const r = raycastVolume(volume, pose, w, h, k);
    out.push({ width: w, height: h, intrinsics: k, pose, vertices: r.vertices, normals: r.normals });
  }
  return out;
}

/**
 * Tracks one frame against `volume` given the last two poses (the earlier may
 * be null). With the frame's intensity (`depth.intensity`) and the last
 * frame's (`lastIntensity`, same size), the colour term joins (photometric.ts).
 * Through a lens, the frame and the last image are first remapped onto a
 * pinhole image (rectify.ts).
 */
export function trackFrameCpu(
  volume: TsdfVolume,
  depth: DepthLevel,
  last: RigidTransform,
  beforeLast: RigidTransform | null,
  s: TrackerSettings,
  lastIntensity: Float32Array | null = null,
  lens: LensDistortion | null = null,
): Promise<TrackResult> {
  const levels = s.iterations.length;
  if (lens && hasDistortion(lens)) {
    const map = rectifyMap(depth.width, depth.height, depth.intrinsics, lens);
    depth = { ...depth, depthM: remap(depth.depthM, map, Number.NaN), intensity: depth.intensity && remap(depth.intensity, map, 0) };
    lastIntensity = lastIntensity && remap(lastIntensity, map, 0);
  }
  const live = depthPyramid(depth, levels, s.jumpRel);
  const model = modelPyramid(volume, last, depth.width, depth.height, depth.intrinsics, levels);
  let image = lastIntensity;
  for (let l = 0; l < levels && image; l++) {
    model[l].intensity = image;
    image = l + 1 < levels ? downsampleIntensity(image, model[l].width, model[l].height) : null;
  }
  const prediction = predictPose(last, beforeLast, s.motion);
  return runIcp(prediction, s, (level, pose) => icpSums(live[level], model[level], pose, levelThresholds(s, level)), beforeLast !== null);
}
