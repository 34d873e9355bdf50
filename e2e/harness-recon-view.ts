/**
 * The live ray-cast view's checks, in the app's page (e2e/recon-live-view.spec.ts
 * imports this through Vite, so it reads the app's own engine module and runs
 * the CPU reference beside it; numbers come back).
 */
import { readRaycastView } from '../src/engine/recon-view';
import { reconStore } from '../src/state/recon-store';
import type { RigidTransform } from '../src/core/recording';
import { reconSequence } from './recon-fixtures';
import { TsdfVolume, pixelDirection, raycastVolume, RAYCAST_BACKGROUND, packRgba8, raycastMaps, shadeRaycast, type RaycastMaps, type RaycastShading } from '../src/core/tsdf';

export interface LiveViewOptions {
  voxelM: number;
  depthMaxM: number;
  mode: RaycastShading;
  /** Moves the reference's camera along world x, metres (the spec shows the comparison can fail). */
  referenceShiftM?: number;
}

interface Drawn {
  maps: RaycastMaps;
  image: Uint32Array;
  pose: RigidTransform;
}

async function readView(): Promise<Drawn> {
  const read = await readRaycastView();
  if (!read) throw new Error('no live view was drawn');
  return { maps: read.maps, image: read.image, pose: read.camera.pose };
}

const grey = (w: number) => w & 255;
const channelDiff = (a: number, b: number) => Math.max(...[0, 8, 16].map((s) => Math.abs(((a >>> s) & 255) - ((b >>> s) & 255))));

/** Pixels where the image is not the reference's shading of the engine's own maps (grey off by more than one level, others not exact). */
function unlikeOwnMaps(d: Drawn, mode: RaycastShading): number {
  const ref = shadeRaycast(d.maps, [d.pose[3], d.pose[7], d.pose[11]], mode);
  let off = 0;
  ref.forEach((c, i) => {
    const isGrey = Number.isFinite(d.maps.vertices[3 * i]) && !(mode === 'coloured' && d.maps.colours[i] >>> 24 === 255);
    if (isGrey ? channelDiff(c, d.image[i]) > 1 : c !== d.image[i]) off++;
  });
  return off;
}

/** The reference's fused volume, ray cast from `pose` and shaded: the chosen pixels' comparison with the image. */
function againstReference(d: Drawn, pose: RigidTransform, o: LiveViewOptions) {
  const seq = reconSequence();
  const vol = new TsdfVolume({ voxelSizeM: o.voxelM, truncationM: 3 * o.voxelM, depthMinM: 0.1, depthMaxM: o.depthMaxM, weightCap: 64, blockBudget: 12288 });
  for (const f of seq.frames) {
    const r = vol.integrate({ width: seq.width, height: seq.height, intrinsics: seq.intrinsics, depthM: f.depthM, rgba: f.rgba, pose: f.pose });
    if (!r.ok) throw new Error(r.reason);
  }
  const { width: w, height: h } = d.maps;
  const cast = raycastVolume(vol, pose, w, h, seq.intrinsics);
  const ref = shadeRaycast(raycastMaps(cast), [pose[3], pose[7], pose[11]], 'shaded');
  const background = packRgba8(...RAYCAST_BACKGROUND);
  let emptyChecked = 0;
  let emptyWrong = 0;
  let surfaceChecked = 0;
  let surfaceOver = 0;
  let worst = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const around = [-1, 0, 1].flatMap((dy) => [-1, 0, 1].map((dx) => (y + dy) * w + x + dx));
      const i = y * w + x;
      if (around.every((k) => !Number.isFinite(cast.depthM[k]))) {
        emptyChecked++;
        if (d.image[i] !== background) emptyWrong++;
        continue;
      }
      if (!around.every((k) => Number.isFinite(cast.normals[3 * k]))) continue;
      const levels = around.map((k) => grey(ref[k]));
      if (Math.max(...levels) - Math.min(...levels) > 3) continue;
      const dir = pixelDirection(pose, seq.intrinsics, x, y);
      const cos = Math.abs(dir[0] * cast.normals[3 * i] + dir[1] * cast.normals[3 * i + 1] + dir[2] * cast.normals[3 * i + 2]) / Math.hypot(...dir);
      if (cos < Math.sin((25 * Math.PI) / 180)) continue;
      surfaceChecked++;
      const diff = channelDiff(ref[i], d.image[i]);
      worst = Math.max(worst, diff);
      if (diff > 1) surfaceOver++;
    }
  }
  return { emptyChecked, emptyWrong, surfaceChecked, surfaceOver, worst };
}


/** The engine's last draw: its camera, whether it is the shading of its own maps, and (shaded) its comparison with the reference's view. */
export async function checkLiveView(o: LiveViewOptions) {
  const d = await readView();
  const pose = [...d.pose];
  pose[3] += o.referenceShiftM ?? 0;
  return {
    pose: [...d.pose],
    /** The orbit the app holds now (null: following the camera). */
    orbit: reconStore.getState().orbit,
    unlikeOwnMaps: unlikeOwnMaps(d, o.mode),
    reference: o.mode === 'shaded' ? againstReference(d, pose, o) : null,
    image: [...d.image],
  };
}
