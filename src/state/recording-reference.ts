/**
 * Which reference the Compare panel uses while a recording that ships ground
 * truth is open (KITTI depth completion, a folder of predictions paired with
 * their ground truth; RecordingSummary.hasReference). The rule:
 *
 * - Opening such a recording makes its ground truth the reference (one open
 *   before belonged to another map), and each frame shown brings its own:
 *   stepping, seeking and playback change the reference with the frame, so the
 *   metrics are that frame's (engine/comparison-evaluation.ts does not score a
 *   frame against another frame's ground truth while a step is on its way).
 * - A reference the user opens while the recording is open (file, drop, link)
 *   is theirs: it stays for every frame until they close it.
 * - Closing the reference brings back the ground truth of the frame on screen.
 * - When the recording goes (another file, or one without ground truth, is
 *   opened), its ground truth goes with it.
 */
import type { RawDepthImage } from '../core/depth-image';
import type { RecordingSummary } from '../core/recording';
import { DEFAULT_UNITS, unitScaleFor } from '../core/units';
import { clearReference, showFrameReference } from './compare-load';
import { compareStore } from './compare-store';

/** Whether the frames shown bring their ground truth as the reference. */
export function referenceFollowsTimeline(summary: RecordingSummary): boolean {
  const ref = compareStore.getState().reference;
  return summary.hasReference && (ref === null || ref.frame !== null);
}

/** On opening a recording: a previous recording's ground truth goes, and any reference when this one brings its own. */
export function referenceOnOpen(summary: RecordingSummary): void {
  const ref = compareStore.getState().reference;
  if (ref && (ref.frame !== null || summary.hasReference)) clearReference();
}

/** When the recording leaves the screen: its ground truth leaves the Compare panel. */
export function dropRecordingReference(): void {
  if (compareStore.getState().reference?.frame) clearReference();
}

/** Frame `index`'s ground truth as the reference, in the recording's unit for it; `stillWanted` as in showFrameReference. */
export function showGroundTruth(summary: RecordingSummary, sequence: number, index: number, raw: RawDepthImage | null, stillWanted: () => boolean): Promise<boolean> {
  // A frame without ground truth (none of the layouts has one yet): the last frame's stays
  // in the panel, and comparison-evaluation.ts does not score this frame against it.
  if (!raw) return Promise.resolve(false);
  const units = { ...DEFAULT_UNITS, scale: unitScaleFor(summary.referenceUnitM ?? summary.depthUnitM) };
  return showFrameReference(raw, `${summary.name} · ground truth of frame ${index + 1}`, units, { sequence, index }, stillWanted);
}

/** Calls `restore` when the user closes the reference (the recording's ground truth then comes back). */
export function watchReferenceClosed(restore: () => void): () => void {
  return compareStore.subscribe((s, prev) => {
    if (s.reference === null && prev.reference !== null) restore();
  });
}
