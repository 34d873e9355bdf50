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
import type { RecordingSummary, RigidTransform } from './recording';
import { keptFrames } from './camera-path';

/**
 * The largest N. Each kept frame holds its back-projected points on the GPU,
 * 16 bytes a point (xyzw, float32), and its colour image, 4 bytes a pixel:
 * 4.9 + 1.2 MB at 640x480 with stride 1, so 30 frames (29 ring buffers beside
 * the live cloud) hold 178 MB (535 MB at 1280x720), as much GPU memory as a
 * tab should spend on it.
 */
export const MAX_KEPT_FRAMES = 30;

/** Bytes a point takes in a kept cloud (vec4<f32>, as the back-projection writes it). */
export const KEPT_POINT_BYTES = 16;

/** Bytes a pixel of a kept frame's colour image takes (packed RGBA8 in one u32, as the live cloud's lookup holds it). */
export const KEPT_COLOUR_PIXEL_BYTES = 4;

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

/** Bytes the ring holds with `slots` kept frames of `points` points each and a colour image of `colourPixels` pixels (0: none). */
export function keptBytes(points: number, slots: number, colourPixels = 0): number {
  return slots * (points * KEPT_POINT_BYTES + colourPixels * KEPT_COLOUR_PIXEL_BYTES);
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

/** What the view draws next, as KeptRing.advance reads it. */
export interface KeptAdvance<B> {
  keep: number;
  /** The recording on screen (null: none); compared by identity: a new summary is a new recording. */
  summary: RecordingSummary | null;
  frame: number;
  columns: number;
  rows: number;
  /** The live cloud's buffer as drawn so far (null: none yet). */
  live: B | null;
  /** The size of the colour image each ring buffer keeps beside its points (null or absent: none). */
  colourSize?: { width: number; height: number } | null;
}

export interface KeptPlan extends KeptStep {
  /** The ring's buffers must go first: N, the grid, the colour image's size or the recording changed (the ring has `slots` buffers after). */
  reset: boolean;
  slots: number;
}

/**
 * The ring's bookkeeping from frame to frame, over buffers of any type `B`
 * (GPUBuffer in the view, tokens in tests): what the ring was made for, which
 * frames it holds and which frame the live buffer holds.
 *
 * A change of N or of the colour image's size empties the ring but not the
 * live buffer: the frame on screen is still there on the same grid, and is
 * kept when the next frame is drawn.
 * (Forgetting it lost frame 0 when N changed and a step followed before the
 * view had redrawn frame 0 under the new N, the race cloud-keep.spec saw
 * under load.) A new grid or recording forgets it too: its points are another
 * size or from another timeline.
 */
export class KeptRing<B> {
  private entries: KeptEntry[] = [];
  private live: { points: B; frame: number } | null = null;
  /** What the buffers were made for: N, the colour size and grid (key), the grid alone, the recording. */
  private made = '';
  private madeGrid = '';
  private madeFor: RecordingSummary | null = null;
  private poses: readonly (RigidTransform | null)[] = [];

  /** Before the view draws `input.frame`: whether to drop the buffers, and which frame to copy from the live buffer into which one. */
  advance(input: KeptAdvance<B>): KeptPlan {
    const { summary, frame, columns, rows, live, keep, colourSize } = input;
    const slots = ringSlots(keep);
    const grid = `${columns}x${rows}`;
    const made = `${slots}:${grid}:${colourSize?.width ?? 0}x${colourSize?.height ?? 0}`;
    const reset = !summary || made !== this.made || summary !== this.madeFor;
    if (reset) {
      const sameFrames = summary !== null && summary === this.madeFor && this.madeGrid === grid;
      const live = sameFrames ? this.live : null;
      this.clear();
      this.live = live;
      this.made = made;
      this.madeGrid = grid;
      this.madeFor = summary;
      this.poses = summary ? summary.frames.map((f) => f.pose) : [];
    }
    const leaving = summary && this.live && this.live.points === live ? this.live.frame : null;
    const step = summary ? keptStep(this.entries, this.poses, leaving, frame, keep) : { entries: [], write: null };
    this.entries = step.entries;
    this.live = null;
    return { ...step, reset, slots: summary ? slots : 0 };
  }

  /** The live buffer now holds `frame`'s cloud (after the view back-projected it). */
  drew(points: B, frame: number): void {
    this.live = this.madeFor ? { points, frame } : null;
  }

  /** The pose of a frame of the recording the ring is made for. */
  pose(frame: number): RigidTransform | null {
    return this.poses[frame] ?? null;
  }

  /** The kept frames and their buffers, by frame ascending. */
  get kept(): readonly KeptEntry[] {
    return this.entries;
  }

  /** Whether a recording is on screen (the ring's frames can be placed). */
  get placed(): boolean {
    return this.madeFor !== null;
  }

  clear(): void {
    this.entries = [];
    this.live = null;
    this.made = '';
    this.madeGrid = '';
    this.madeFor = null;
    this.poses = [];
  }
}
