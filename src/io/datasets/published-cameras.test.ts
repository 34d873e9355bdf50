/** Published dataset cameras: TUM's per-Kinect calibration picked by the sequence's name, 7-Scenes' stated depth intrinsics. */
import { describe, expect, it } from 'vitest';
import { openDataset } from './open-dataset';
import { fixtureTree, testColourDecoder } from './test-support';
import { SEVEN_SCENES_DEPTH_CAMERA, tumCamera } from './published-cameras';

describe('TUM cameras by sequence name', () => {
  it('picks freiburg1, 2 and 3 (fr1 and fr2 with their plumb_bob lens, fr3 already undistorted)', () => {
    expect(tumCamera('rgbd_dataset_freiburg1_xyz')).toMatchObject({ fx: 517.306408, fy: 516.469215, cx: 318.64304, cy: 255.313989, distortion: 'brown-conrady', coeffs: [0.262383, -0.953104, -0.005358, 0.002628, 1.163314] });
    expect(tumCamera('rgbd_dataset_freiburg2_desk.tgz')).toMatchObject({ fx: 520.90862, fy: 521.007327, cx: 325.141442, cy: 249.701764, coeffs: [0.231222, -0.784899, -0.003257, -0.000105, 0.917205] });
    expect(tumCamera('rgbd_dataset_freiburg3_long_office_household')).toMatchObject({ fx: 535.4, fy: 539.2, cx: 320.1, cy: 247.6, distortion: 'none' });
    expect(tumCamera('rgbd_dataset_freiburg1_xyz')!.source).toMatch(/freiburg1/);
  });

  it('keeps the default for a name that does not say (or names no Kinect of TUM’s)', () => {
    for (const name of ['tum', 'my_sequence', 'freiburg4_room', 'freiburg12']) expect(tumCamera(name)).toBeNull();
  });

  it('a TUM folder named after its sequence opens with that camera for depth and colour (registered by OpenNI)', async () => {
    const tree = { ...fixtureTree('tum'), name: 'rgbd_dataset_freiburg2_xyz' };
    const s = (await openDataset(tree, { decodeColour: testColourDecoder })).summary;
    expect(s.depthCamera).toEqual(tumCamera('rgbd_dataset_freiburg2_xyz'));
    expect(s.colourCamera).toEqual(s.depthCamera);
    expect(s.depthToColour).toBeNull();
    const unnamed = (await openDataset(fixtureTree('tum'), { decodeColour: testColourDecoder })).summary;
    expect(unnamed.depthCamera).toBeNull();
    expect(unnamed.notes.join(' ')).toMatch(/does not say which Kinect/);
  });
});

describe('7-Scenes', () => {
  it('opens with the authors’ depth intrinsics: principal point (320, 240), focal length (585, 585), at 640 x 480', async () => {
    const s = (await openDataset(fixtureTree('7scenes'), { decodeColour: testColourDecoder })).summary;
    expect(s.depthCamera).toEqual(SEVEN_SCENES_DEPTH_CAMERA);
    expect(s.depthCamera).toMatchObject({ width: 640, height: 480, fx: 585, fy: 585, cx: 320, cy: 240 });
    expect(s.colourCamera).toBeNull();
  });
});
