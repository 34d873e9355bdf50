import { describe, expect, it } from 'vitest';
import type { CameraModel, RecordingSummary } from '../core/recording';
import { registeredIntrinsics, registrationFor } from './depth-registration';

const depthCamera: CameraModel = { width: 16, height: 12, fx: 20.5, fy: 20.25, cx: 7.75, cy: 5.5, distortion: 'brown-conrady', coeffs: [0.1, -0.05, 0.001, 0.002, 0.01], source: 'depth camera_info' };
const colourCamera: CameraModel = { width: 32, height: 24, fx: 42, fy: 43, cx: 16, cy: 12, distortion: 'none', coeffs: [0, 0, 0, 0, 0], source: 'colour camera_info' };
const IDENTITY = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
const offset = [1, 0, 0, 0.015, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

function summary(change: Partial<RecordingSummary>): RecordingSummary {
  return {
    kind: 'realsense-bag',
    name: 'a.bag',
    frames: [],
    depthUnitM: 0.001,
    depthUnitSource: 'Depth Units option',
    depthCamera,
    colourCamera,
    depthToColour: offset,
    streams: [
      { id: 'd', role: 'depth', encoding: 'mono16', width: 16, height: 12, fps: 30, frames: 1 },
      { id: 'c', role: 'colour', encoding: 'rgb8', width: 16, height: 12, fps: 30, frames: 1 },
    ],
    depthStream: 'd',
    colourStream: 'c',
    hasReference: false,
    notes: [],
    ...change,
  };
}

describe('registrationFor', () => {
  it('gives both cameras at their streams’ sizes (camera_info scaled like a preset) and the extrinsics', () => {
    const r = registrationFor(summary({}))!;
    expect(r.depthCamera).toMatchObject({ width: 16, height: 12, fx: 20.5, cx: 7.75, distortion: 'brown-conrady' });
    // The colour camera_info is for 32 x 24 and the stream is 16 x 12: halved, the centre as scalePreset moves it.
    expect(r.colourCamera).toMatchObject({ width: 16, height: 12, fx: 21, fy: 21.5, cx: 7.75, cy: 5.75 });
    expect(r.depthToColour).toEqual(offset);
    expect(registeredIntrinsics(r, colourCamera.source)).toEqual({
      intrinsics: { fx: 21, fy: 21.5, cx: 7.75, cy: 5.75 },
      intrinsicsSource: 'colour camera_info (depth aligned to colour)',
      lens: null,
    });
  });

  it('offers none without extrinsics or a colour camera, or when the streams are already one camera', () => {
    expect(registrationFor(summary({ depthToColour: null }))).toBeNull();
    expect(registrationFor(summary({ colourCamera: null }))).toBeNull();
    expect(registrationFor(summary({ colourStream: null }))).toBeNull();
    expect(registrationFor(summary({ colourCamera: { ...depthCamera, source: 'c' }, depthToColour: IDENTITY }))).toBeNull();
    // The same camera moved, or another lens with identity extrinsics, still differs.
    expect(registrationFor(summary({ colourCamera: { ...depthCamera, source: 'c' } }))).not.toBeNull();
    expect(registrationFor(summary({ depthToColour: IDENTITY }))).not.toBeNull();
  });
});
