/**
 * Frame-to-model camera tracking on the GPU (KinectFusion's): the interface
 * the Reconstruct panel calls.
 *
 *   const tracker = new IcpTracker(device, volume, width, height);
 *   tracker.reset(firstPose, depth, colour, intrinsics, lens);  // the first frame's pose (identity, or a known one), its frames (colour may be null) and lens
 *   volume.encode(..., firstPose);          // integrate the first frame
 *   for each later frame (depth already on the GPU, f32 metres, NaN = none;
 *   colour registered with it as RGBA8 words, or null):
 *     const r = await tracker.track(depth, colour, intrinsics, lens);  // lens: the depth camera's, or null
 *     // r: { pose (camera-to-world 4x4, row-major), state: 'tracking' | 'lost',
 *     //      inlierFraction, residualM, condition, reason }
 *     if (r.state === 'tracking') volume.encode(..., r.pose);  // a lost frame is not integrated
 *
 * Per frame: through a lens, the frame remapped to a pinhole image
 * (src/core/icp/rectify.ts); the live depth's pyramid (3 levels), the model ray-cast from the
 * last pose at each level, then coarse-to-fine ICP from the predicted pose
 * (src/core/icp/tracker-policy.ts: prediction, iterations, update, when a
 * frame is lost); each iteration reads back 128 bytes (the sums), nothing per
 * pixel. After a lost frame the tracker coasts: the prediction stands in for
 * the pose, so the next frame is predicted from it (on depth alone: the lost
 * frame's image has no pose to compare with).
 * CPU reference: src/core/icp/track-cpu.ts.
 */
import type { PinholeIntrinsics } from '../core/filters/depth-field';
import { hasDistortion, type LensDistortion } from '../core/distortion';
import { levelIntrinsics } from '../core/icp/pyramid';
import { DEFAULT_TRACKER_SETTINGS, levelThresholds, predictPose, runIcp, type TrackResult, type TrackerSettings } from '../core/icp/tracker-policy';
import type { RigidTransform } from '../core/recording';
import { IcpSumsPass, type GpuDepthLevel } from './icp-sums-pass';
import { RaycastTarget, TsdfRaycastPass } from './tsdf-raycast-pass';
import { storageBuffer } from './stages/kernel';
import type { TsdfGpuVolume } from './tsdf-pass';

export class IcpTracker {
  readonly settings: TrackerSettings;
  private readonly raycast: TsdfRaycastPass;
  private readonly icp: IcpSumsPass;
  private readonly targets: RaycastTarget[] = [];
  private readonly coarseDepth: GPUBuffer[] = [];
  /** The frame remapped to a pinhole image, when it comes through a lens. */
  private readonly pinholeDepth: GPUBuffer;
  private readonly pinholeColour: GPUBuffer;
  /** Two intensity pyramids: the live frame's and the last frame's, swapped after each tracked frame. */
  private readonly intensity: [GPUBuffer[], GPUBuffer[]] = [[], []];
  private liveSet = 0;
  /** Whether the last frame's pyramid holds the image of the camera at `last`. */
  private lastHasImage = false;
  /** What the last tracked frame was aligned by: the colour term needs this frame's colour and the last frame's. */
  lastTerms: 'depth + colour' | 'depth only' = 'depth only';
  private last: number[] | null = null;
  private beforeLast: number[] | null = null;

  constructor(
    private readonly device: GPUDevice,
    volume: TsdfGpuVolume,
    readonly width: number,
    readonly height: number,
    settings: Partial<TrackerSettings> = {},
  ) {
    this.settings = { ...DEFAULT_TRACKER_SETTINGS, ...settings };
    this.raycast = new TsdfRaycastPass(device, volume);
    this.icp = new IcpSumsPass(device);
    this.pinholeDepth = storageBuffer(device, 'icp-pinhole-depth', width * height);
    this.pinholeColour = storageBuffer(device, 'icp-pinhole-colour', width * height);
    for (let l = 0; l < this.settings.iterations.length; l++) {
      const [w, h] = this.levelSize(l);
      this.targets.push(new RaycastTarget(device, w, h));
      for (const set of [0, 1]) this.intensity[set].push(storageBuffer(device, `icp-intensity-${set}-level-${l}`, w * h));
      if (l > 0) this.coarseDepth.push(storageBuffer(device, `icp-depth-level-${l}`, w * h));
    }
  }

  private levelSize(level: number): [number, number] {
    return [Math.floor(this.width / 2 ** level), Math.floor(this.height / 2 ** level)];
  }

  /**
   * Starts (or restarts) from a known pose: the pose the first frame is
   * integrated with, and its depth and colour (RGBA8 words, or null), seen
   * through `lens` (null: a pinhole).
   */
  reset(pose: RigidTransform, depth: GPUBuffer, colour: GPUBuffer | null, intr: PinholeIntrinsics, lens: LensDistortion | null = null): void {
    this.last = [...pose];
    this.beforeLast = null;
    this.lastHasImage = colour !== null && this.settings.colourWeight > 0;
    if (!this.lastHasImage) return;
    const encoder = this.device.createCommandEncoder({ label: 'icp-first-image' });
    this.encodeIntensity(encoder, this.pinhole(encoder, depth, colour, intr, lens).colour!, 1 - this.liveSet);
    this.device.queue.submit([encoder.finish()]);
  }

  /** The frame as a pinhole camera sees it: as given, or remapped through `lens`. */
  private pinhole(encoder: GPUCommandEncoder, depth: GPUBuffer, colour: GPUBuffer | null, intr: PinholeIntrinsics, lens: LensDistortion | null): { depth: GPUBuffer; colour: GPUBuffer | null } {
    if (!lens || !hasDistortion(lens)) return { depth, colour };
    this.icp.encodeRectify(encoder, depth, colour, this.pinholeDepth, this.pinholeColour, this.width, this.height, intr, lens);
    return { depth: this.pinholeDepth, colour: colour ? this.pinholeColour : null };
  }

  /** Records the intensity pyramid of `colour` into pyramid `set`. */
  private encodeIntensity(encoder: GPUCommandEncoder, colour: GPUBuffer, set: number): void {
    const out = this.intensity[set];
    this.icp.encodeIntensity(encoder, colour, this.width, out[0], this.width, this.height, true, 0);
    for (let l = 1; l < out.length; l++) {
      const [fw] = this.levelSize(l - 1);
      const [w, h] = this.levelSize(l);
      this.icp.encodeIntensity(encoder, out[l - 1], fw, out[l], w, h, false, l);
    }
  }

  /** The ray-cast model of the finest level from the last pose (vertex, normal, colour buffers), e.g. for the live view. */
  get model(): RaycastTarget {
    return this.targets[0];
  }

  /** Tracks one frame whose depth (width x height) is on the GPU, with its registered colour (RGBA8 words) when there is one, seen through `lens` (null: a pinhole). */
  async track(rawDepth: GPUBuffer, rawColour: GPUBuffer | null, intr: PinholeIntrinsics, lens: LensDistortion | null = null): Promise<TrackResult> {
    if (!this.last) throw new Error('IcpTracker.track before reset(): the first frame needs a pose.');
    const s = this.settings;
    const last = this.last;
    const encoder = this.device.createCommandEncoder({ label: 'icp-frame' });
    const { depth, colour } = this.pinhole(encoder, rawDepth, rawColour, intr, lens);
    const withColour = colour !== null && s.colourWeight > 0;
    const live = this.intensity[this.liveSet];
    const lastImage = withColour && this.lastHasImage ? this.intensity[1 - this.liveSet] : null;
    const levels: GpuDepthLevel[] = [{ depth, intensity: lastImage ? live[0] : null, width: this.width, height: this.height, intrinsics: intr }];
    if (withColour) this.encodeIntensity(encoder, colour!, this.liveSet);
    for (let l = 1; l < s.iterations.length; l++) {
      this.icp.encodeDownsample(encoder, levels[l - 1], this.coarseDepth[l - 1], s.jumpRel, l - 1);
      const [w, h] = this.levelSize(l);
      levels.push({ depth: this.coarseDepth[l - 1], intensity: lastImage ? live[l] : null, width: w, height: h, intrinsics: levelIntrinsics(intr, l) });
    }
    levels.forEach((level, l) => this.raycast.encode(encoder, this.targets[l], last, level.intrinsics));
    this.device.queue.submit([encoder.finish()]);
    const prediction = predictPose(last, this.beforeLast, s.motion);
    this.lastTerms = lastImage ? 'depth + colour' : 'depth only';
    const result = await runIcp(prediction, s, (l, pose) => {
      const t = this.targets[l];
      const model = { vertices: t.vertices, normals: t.normals, intensity: lastImage?.[l] ?? null, width: t.width, height: t.height, intrinsics: levels[l].intrinsics, pose: last };
      return this.icp.sums(levels[l], model, pose, levelThresholds(s, l));
    }, this.beforeLast !== null);
    this.beforeLast = last;
    this.last = result.pose;
    // This frame's image becomes the last frame's, if its pose is known.
    this.lastHasImage = withColour && result.state === 'tracking';
    if (withColour) this.liveSet = 1 - this.liveSet;
    return result;
  }

  destroy(): void {
    this.raycast.destroy();
    this.icp.destroy();
    this.targets.forEach((t) => t.destroy());
    this.coarseDepth.forEach((b) => b.destroy());
    this.intensity.flat().forEach((b) => b.destroy());
    this.pinholeDepth.destroy();
    this.pinholeColour.destroy();
  }
}
