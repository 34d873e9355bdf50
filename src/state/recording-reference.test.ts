import { beforeEach, describe, expect, it } from 'vitest';
import type { RecordingSummary } from '../core/recording';
import { compareStore, initialCompareState, type ReferenceMap } from './compare-store';
import { dropRecordingReference, referenceFollowsTimeline, referenceOnOpen } from './recording-reference';

const summary = (hasReference: boolean) => ({ hasReference }) as RecordingSummary;
const reference = (frame: ReferenceMap['frame']): ReferenceMap => ({
  id: 1,
  name: 'r',
  url: null,
  raw: { width: 1, height: 1, data: new Uint16Array(1), sampleType: 'uint16' } as unknown as ReferenceMap['raw'],
  units: {} as ReferenceMap['units'],
  depth: new Float32Array(1),
  frame,
});
const setReference = (r: ReferenceMap | null) => compareStore.setState({ reference: r });

describe('the reference while a recording with ground truth is open', () => {
  beforeEach(() => compareStore.setState(initialCompareState()));

  it('follows the timeline unless the user opened one', () => {
    expect(referenceFollowsTimeline(summary(true))).toBe(true);
    setReference(reference({ sequence: -5, index: 3 }));
    expect(referenceFollowsTimeline(summary(true))).toBe(true);
    setReference(reference(null));
    expect(referenceFollowsTimeline(summary(true))).toBe(false);
    expect(referenceFollowsTimeline(summary(false))).toBe(false);
  });

  it('opening replaces any reference when the recording brings ground truth, and a recording’s ground truth always', () => {
    setReference(reference(null));
    referenceOnOpen(summary(false));
    expect(compareStore.getState().reference?.frame).toBeNull();
    referenceOnOpen(summary(true));
    expect(compareStore.getState().reference).toBeNull();
    setReference(reference({ sequence: -5, index: 0 }));
    referenceOnOpen(summary(false));
    expect(compareStore.getState().reference).toBeNull();
  });

  it('a recording leaving takes its ground truth, not the user’s reference', () => {
    setReference(reference(null));
    dropRecordingReference();
    expect(compareStore.getState().reference).not.toBeNull();
    setReference(reference({ sequence: -5, index: 0 }));
    dropRecordingReference();
    expect(compareStore.getState().reference).toBeNull();
  });
});
