/**
 * The reconstruction (issue 16): where a TSDF fusion run stands, as plain
 * data. The engine's session (src/engine/recon-session.ts) owns the volume on
 * the GPU and writes here; the Reconstruct panel and the 3-D view read it. Its
 * settings are in the main store (DepthscopeState.recon), because the link
 * carries them; this store changes at the integration rate and none of it
 * travels. The fused mesh is here as typed arrays once marching cubes has run
 * (read back on demand and every few frames, never per frame).
 */
import type { Orbit } from '../core/orbit-camera';
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { RigidTransform } from '../core/recording';
import type { RaycastShading } from '../core/tsdf';
import { RECON_LINK_DEFAULT } from '../link/url-params-schema';

/** Where each frame's camera pose comes from: the dataset's own poses, or tracking against the volume. */
export type PoseSource = 'dataset' | 'track';

/** The settings of a run, with units; voxel, truncation and pose source travel in the link (`recon=`). */
export interface ReconSettings {
  /** Voxel edge, metres. */
  voxelM: number;
  /** Truncation distance of the signed distance, metres. */
  truncationM: number;
  /** Depths outside [depthMinM, depthMaxM] are not integrated. */
  depthMinM: number;
  depthMaxM: number;
  /** Observations after which a voxel's weight stops growing. */
  weightCap: number;
  /** GPU memory for voxel blocks, MiB (10 KiB a block): integration stops when it is full. */
  budgetMiB: number;
  poseSource: PoseSource;
}

export const DEFAULT_RECON: ReconSettings = {
  ...RECON_LINK_DEFAULT,
  depthMinM: 0.1,
  depthMaxM: 4,
  weightCap: 64,
  budgetMiB: 120,
};

/**
 * idle: nothing integrating (before a start, or paused); running: integrating
 * frames as the recording steps; done: every frame seen, or the budget full;
 * lost: tracking lost, nothing is integrated until it recovers or is reset.
 */
export type ReconPhase = 'idle' | 'running' | 'done' | 'lost';

export interface FusedMesh {
  /** xyz per vertex, world metres (the poses' world, OpenCV axes); three vertices per triangle. */
  positions: Float32Array;
  normals: Float32Array;
  /** RGB per vertex. */
  colours: Uint8Array;
  triangles: number;
  /** Frames integrated when it was extracted. */
  frames: number;
}

export interface ReconState {
  phase: ReconPhase;
  /** Paused by the user (phase idle with frames integrated): Start goes on from the next frame. */
  paused: boolean;
  /** The next frame of the recording to integrate. */
  nextFrame: number;
  framesIntegrated: number;
  /** Frames skipped (no pose, no intrinsics, no valid depth, not rigid), each said in `notice`. */
  framesSkipped: number;
  /** Frames per second over the last frames. */
  rate: number | null;
  blocks: number;
  bytes: number;
  budgetBytes: number;
  /** The last frame skipped and why, or another thing to know (not an error). */
  notice: string | null;
  /** Why the run cannot start or stopped (role="alert"). */
  error: string | null;
  /** The poses integrated, with the recording's stamps (the trajectory export). */
  trajectory: { stamp: number; pose: RigidTransform }[];
  mesh: FusedMesh | null;
  /** Marching cubes running now. */
  extracting: boolean;
  /** Bumped to ask the engine for a mesh now. */
  meshRequest: number;
  /** Bumped by Reset: the engine drops the volume. */
  resetToken: number;
  /** Whether a tracker is installed (the engine says so): until then only the dataset's poses are offered. */
  trackerAvailable: boolean;
  /** Tracking's own state when tracking: 'ok' with what aligned the last frame ('ok (depth + colour)'), or a sentence when lost. */
  tracking: string | null;
  /** The live ray-cast view of the volume from the last integrated frame's camera: off, shaded or coloured (kept by Reset; not in the link). */
  raycastView: RaycastView;
  /** The live view's orbit about the followed camera (core/orbit-camera.ts), or null: the view is the followed camera's. */
  orbit: Orbit | null;
}

export type RaycastView = 'off' | RaycastShading;

export const INITIAL_RECON: ReconState = {
  phase: 'idle',
  paused: false,
  nextFrame: 0,
  framesIntegrated: 0,
  framesSkipped: 0,
  rate: null,
  blocks: 0,
  bytes: 0,
  budgetBytes: 0,
  notice: null,
  error: null,
  trajectory: [],
  mesh: null,
  extracting: false,
  meshRequest: 0,
  resetToken: 0,
  trackerAvailable: false,
  tracking: null,
  raycastView: 'shaded',
  orbit: null,
};

export const reconStore = createStore<ReconState>()(() => INITIAL_RECON);

export function useRecon<T>(selector: (s: ReconState) => T): T {
  return useStore(reconStore, selector);
}
