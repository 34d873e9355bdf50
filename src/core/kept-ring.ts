/**
 * "Keep the last N frames" in the 3-D view: which frames' clouds a ring of
 * N - 1 GPU buffers holds beside the current frame's own cloud, and which
 * buffer the frame being left is copied into. Pure bookkeeping; the buffers
 * and the copies are render/kept-clouds.ts's.
 *
 * The rule (issue 15): the view draws the frames of keptFrames(poses, shown, N)
 * (camera-path.ts: the current frame and the N - 1 posed frames before it, by
 * index) whose clouds were shown since. A frame's cloud enters the ring when the
 * timeline leaves it, copied from the live cloud's buffer before the next frame
 * is back-projected there. So stepping back drops the frames after the new one,
 * a scrub or jump of N frames or more empties the ring, and nothing stale from
 * another part of the timeline is drawn. Frames without a pose are never kept
 * (they cannot be placed), and a current frame without a pose empties the ring.
 * Playback at the recorded rate that skips frames leaves gaps (the window counts
 * the recording's frames, not the frames shown).
 */
import type { RigidTransform } from './recording';
import { keptFrames } from './camera-path';

/**
 * The largest N. Each kept frame holds its back-projected points on the GPU,
 * 16 bytes a point (xyzw, float32): 4.9 MB at 640x480 with stride 1, so 30
 * frames (29 ring buffers beside the live cloud) hold 143 MB (428 MB at
 * 1280x720), as much GPU memory as a tab should spend on it.
 */
export const MAX_KEPT_FRAMES = 30;

/** Bytes a point takes in a kept cloud (vec4<f32>, as the back-projection writes it). */
export const KEPT_POINT_BYTES = 16;

/** One kept cloud: the frame it shows and the ring buffer (0 .. N - 2) that holds it. */
export interface KeptEntry {
  frame: number;
  slot: number;
}

export interface KeptStep {
  /** What the ring holds after the step, by frame ascending. */
  entries: KeptEntry[];
  /** The frame left behind and the buffer its cloud is copied into now; null: no copy. */
  write: KeptEntry | null;
}

/** N as the setting gives it, made a whole number in 0 .. MAX_KEPT_FRAMES (0 and 1: off). */
export function keepCount(keep: number): number {
  return Number.isFinite(keep) ? Math.min(MAX_KEPT_FRAMES, Math.max(0, Math.round(keep))) : 0;
}

/** The ring's buffers for N: one per kept frame besides the current one. */
export function ringSlots(keep: number): number {
  return Math.max(0, keepCount(keep) - 1);
}

/** Bytes the ring holds with `slots` buffers of `points` points each. */
export function keptBytes(points: number, slots: number): number {
  return points * slots * KEPT_POINT_BYTES;
}

/**
 * The ring after the view moves from frame `leaving` (its cloud still in the
 * live buffer; null when that buffer holds no frame of this recording) to frame
 * `shown`, keeping `keep` frames in all.
 */
export function keptStep(entries: readonly KeptEntry[], poses: readonly (RigidTransform | null)[], leaving: number | null, shown: number, keep: number): KeptStep {
  const slots = ringSlots(keep);
  if (slots === 0) return { entries: [], write: null };
  const window = new Set(keptFrames(poses, shown, keepCount(keep)));
  window.delete(shown); // the live cloud draws it
  const kept = entries.filter((e) => window.has(e.frame) && e.slot < slots);
  let write: KeptEntry | null = null;
  if (leaving !== null && window.has(leaving)) {
    const taken = new Set(kept.map((e) => e.slot));
    // After the filter at most N - 2 other frames remain, so a free buffer exists when `leaving` has none.
    write = kept.find((e) => e.frame === leaving) ?? { frame: leaving, slot: [...Array(slots).keys()].find((k) => !taken.has(k)) as number };
    if (!kept.includes(write)) kept.push(write);
  }
  return { entries: kept.sort((a, b) => a.frame - b.frame), write };
}
