import { afterEach, describe, expect, it } from 'vitest';
import type { RecordingSummary } from '../core/recording';
import { DEFAULT_UNITS } from '../core/units';
import { chainSourceOf } from './chain-source';
import { INITIAL_RECORDING, recordingStore } from './recording-store';
import type { LoadedSource } from './store';

const raw = { width: 4, height: 3, data: new Uint16Array(12), sampleType: 'uint16', format: 'png', pageCount: 1, page: 0, notes: [] } as const;
const frame = (sequence: number): LoadedSource => ({ name: 'f', url: null, raw, frame: { sequence, index: 0 } });
const summary = { stereoBaselineMm: 49.8 } as RecordingSummary;

afterEach(() => recordingStore.setState(INITIAL_RECORDING));

describe('chainSourceOf', () => {
  it("takes the baseline of the recording on screen (a RealSense bag's Stereo Baseline)", () => {
    recordingStore.setState({ ...INITIAL_RECORDING, summary, id: -7 });
    const units = { ...DEFAULT_UNITS, scale: 0.0001 };
    expect(chainSourceOf({ source: frame(-7), units, intrinsics: null }).baselineMm).toBe(49.8);
    // Another image on screen is not the recording's frame: no baseline.
    expect(chainSourceOf({ source: frame(3), units, intrinsics: null }).baselineMm).toBeNull();
  });

  it('prefers the disparity units the user set for the source', () => {
    recordingStore.setState({ ...INITIAL_RECORDING, summary, id: -7 });
    const units = { ...DEFAULT_UNITS, scale: 'disparity' as const, disparity: { focalPx: 600, baselineM: 0.055 } };
    expect(chainSourceOf({ source: frame(-7), units, intrinsics: null }).baselineMm).toBeCloseTo(55, 12);
  });
});
