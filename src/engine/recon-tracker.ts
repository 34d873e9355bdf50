/**
 * The seam for pose source 'track' (issue 16's frame-to-model ICP, built
 * apart in src/core/icp and src/gpu). Until a tracker is installed here the
 * panel offers the dataset's poses only and a link asking for 'track' is
 * refused with a sentence; nothing pretends to track.
 *
 * To connect one: call installTracker with a factory at engine start
 * (start-engine.ts). The session then asks it for every frame's pose before
 * integrating, with the volume it integrates into (for ray casting), and marks
 * the run 'lost' while it answers lost.
 */
import type { PinholeIntrinsics } from '../core/filters/depth-field';
import type { LensDistortion } from '../core/distortion';
import type { RigidTransform } from '../core/recording';
import type { TsdfGpuVolume } from '../gpu/tsdf-pass';
import { setTrackerAvailable } from '../state/recon-actions';

/** `terms`: what aligned the frame ('depth + colour', 'depth only'), or null for the first frame (placed, not tracked). */
export type TrackResult = { state: 'ok'; pose: RigidTransform; terms: string | null } | { state: 'lost'; reason: string };

export interface ReconTracker {
  /**
   * The camera-to-world pose of the frame whose depth (f32 metres) and
   * registered colour (RGBA8 words, or null) are on the device, seen through
   * `lens` (null: a pinhole); the first frame gets `initial`.
   */
  track(depth: GPUBuffer, colour: GPUBuffer | null, width: number, height: number, intr: PinholeIntrinsics, initial: RigidTransform, lens: LensDistortion | null): Promise<TrackResult>;
  destroy(): void;
}

export type TrackerFactory = (device: GPUDevice, volume: TsdfGpuVolume) => ReconTracker;

let factory: TrackerFactory | null = null;

export function installTracker(make: TrackerFactory): void {
  factory = make;
  setTrackerAvailable(true);
}

export function trackerFactory(): TrackerFactory | null {
  return factory;
}
