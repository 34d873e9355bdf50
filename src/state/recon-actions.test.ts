import { afterEach, describe, expect, it } from 'vitest';
import type { RecordingSummary } from '../core/recording';
import { countWithin, followCamera, frameSkipReason, orbitRaycastView, reconStartProblem, resetRecon, startRecon, tsdfSettingsOf, zoomRaycastView } from './recon-actions';
import { store, type DepthscopeState } from './store';
import { DEFAULT_RECON, INITIAL_RECON, reconStore } from './recon-store';
import { INITIAL_RECORDING, recordingStore } from './recording-store';

const I = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
const summary = (poses: (number[] | null)[]): RecordingSummary => ({ name: 'room', frames: poses.map((pose, k) => ({ timeS: k, stamp: k, pose, hasColour: false })) }) as unknown as RecordingSummary;
const intr = { fx: 60, fy: 60, cx: 40, cy: 30 };

afterEach(() => {
  reconStore.setState(INITIAL_RECON);
  recordingStore.setState(INITIAL_RECORDING);
});

describe('starting a reconstruction', () => {
  it('refuses without a recording, without poses for "dataset", and "track" without a tracker', () => {
    expect(reconStartProblem(null, DEFAULT_RECON, false)).toMatch(/Open a recording/);
    expect(reconStartProblem(summary([null, null]), DEFAULT_RECON, false)).toBe(
      '“room” has no camera poses, so the pose source “dataset” cannot be used: open a dataset with poses (a TUM groundtruth.txt, a Redwood .log, 7-Scenes or ScanNet pose files).',
    );
    expect(reconStartProblem(summary([null, null]), DEFAULT_RECON, true)).toMatch(/or choose tracking\.$/);
    expect(reconStartProblem(summary([I]), { ...DEFAULT_RECON, poseSource: 'track' }, false)).toMatch(/Tracking is not available/);
    expect(reconStartProblem(summary([I]), { ...DEFAULT_RECON, poseSource: 'track' }, true)).toBeNull();
    expect(reconStartProblem(summary([null, I]), DEFAULT_RECON, false)).toBeNull();
  });

  it('refuses settings the volume refuses, with its sentence', () => {
    expect(reconStartProblem(summary([I]), { ...DEFAULT_RECON, truncationM: 0.001 }, false)).toMatch(/truncation distance must be from one voxel/);
  });

  it('turns the budget in MiB into whole 10 KiB blocks', () => {
    expect(tsdfSettingsOf({ ...DEFAULT_RECON, budgetMiB: 10 }).blockBudget).toBe(1024);
  });

  it('a refused start changes nothing but the sentence', () => {
    recordingStore.setState({ summary: summary([null]) });
    expect(startRecon()).toBe(false);
    expect(reconStore.getState()).toEqual({ ...INITIAL_RECON, error: expect.stringContaining('has no camera poses') });
  });
});

describe('frames that are skipped, each with a sentence', () => {
  const range = { depthMinM: 0.1, depthMaxM: 4 };
  it('no pose, a pose that is not rigid, no intrinsics, no depth in range', () => {
    expect(frameSkipReason(null, intr, 10, range)).toMatch(/no camera pose/);
    const scaled = [...I];
    scaled[0] = 2;
    expect(frameSkipReason(scaled, intr, 10, range)).toMatch(/not a rigid transform/);
    expect(frameSkipReason(I, null, 10, range)).toMatch(/no camera intrinsics/);
    expect(frameSkipReason(I, intr, 0, range)).toBe('it has no valid depth within 0.1–4 m.');
    expect(frameSkipReason(I, intr, 1, range)).toBeNull();
  });

  it('counts valid depths within the range from the sorted valid depths, ends included', () => {
    const sorted = Float32Array.from([0.05, 0.1, 0.5, 4, 4.5]);
    expect(countWithin(sorted, 0.1, 4)).toBe(3);
    expect(countWithin(sorted, 5, 6)).toBe(0);
    expect(countWithin(new Float32Array(0), 0, 1)).toBe(0);
  });
});

describe('the live view orbit', () => {
  afterEach(() => store.setState(STORE_START));
  const STORE_START = store.getState();
  const withMedian = (median: number) => store.setState({ analysis: { stats: { median } } as DepthscopeState['analysis'] });

  it('starts about the frame median depth, within the volume depth range, and turns from there', () => {
    withMedian(1.6);
    orbitRaycastView(0.1, -0.2);
    expect(reconStore.getState().orbit).toEqual({ yaw: 0.1, pitch: -0.2, pivotM: 1.6, distanceM: 1.6 });
    orbitRaycastView(0.1, 0);
    expect(reconStore.getState().orbit).toMatchObject({ yaw: 0.2, pitch: -0.2, pivotM: 1.6 });
    followCamera();
    expect(reconStore.getState().orbit).toBeNull();
    withMedian(50);
    zoomRaycastView(2);
    expect(reconStore.getState().orbit).toMatchObject({ pivotM: DEFAULT_RECON.depthMaxM, distanceM: 2 * DEFAULT_RECON.depthMaxM });
  });

  it('pivots 1 m ahead when the frame has no depth, and Reset follows the camera again', () => {
    withMedian(Number.NaN);
    zoomRaycastView(0.5);
    expect(reconStore.getState().orbit).toEqual({ yaw: 0, pitch: 0, pivotM: 1, distanceM: 0.5 });
    resetRecon();
    expect(reconStore.getState().orbit).toBeNull();
  });
});
