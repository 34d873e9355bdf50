/** RealSense .bag (librealsense's layout): units from the Depth Units option, per-stream camera_info, stream info, tf extrinsics. */
import { describe, expect, it } from 'vitest';
import { COLOUR_CAL, DEPTH_CAL, DEPTH_TIMES, EXPECTED_PAIRS, colourRgba, depthMm, infraredY8 } from '../../../scripts/recording-fixtures/content';
import { REALSENSE_DEPTH_UNITS, REALSENSE_STEREO_BASELINE_MM, realsenseMessages, writeBag } from '../../../scripts/make-recording-fixtures';
import { openBytes, openFixture } from './test-support';
import { float32Decimal } from './realsense';

const DEPTH = '/device_0/sensor_0/Depth_0/image/data';
const COLOUR = '/device_0/sensor_1/Color_0/image/data';
const IR = '/device_0/sensor_0/Infrared_1/image/data';

describe('RealSense .bag', () => {
  it('is recognised by /file_version and scaled by the recorded Depth Units, not assumed mm', async () => {
    const { summary } = await openFixture('realsense.bag');
    expect(summary.kind).toBe('realsense-bag');
    expect(summary.depthUnitM).toBe(REALSENSE_DEPTH_UNITS);
    expect(summary.depthUnitSource).toBe('Depth Units option');
    expect(summary.depthStream).toBe(DEPTH);
    expect(summary.colourStream).toBe(COLOUR);
  });

  it('lists depth, colour and infrared streams with their recorded fps and encodings', async () => {
    const { summary } = await openFixture('realsense.bag');
    expect(summary.streams).toEqual([
      { id: DEPTH, role: 'depth', encoding: 'mono16', width: 16, height: 12, fps: 30, frames: 4 },
      { id: IR, role: 'infrared', encoding: '8UC1', width: 16, height: 12, fps: 30, frames: 4 },
      { id: COLOUR, role: 'colour', encoding: 'rgb8', width: 16, height: 12, fps: 15, frames: 4 },
    ]);
  });

  it('reads each stream\'s camera_info with librealsense\'s distortion names', async () => {
    const { summary } = await openFixture('realsense.bag');
    expect(summary.depthCamera).toEqual({
      fx: DEPTH_CAL.fx, fy: DEPTH_CAL.fy, cx: DEPTH_CAL.cx, cy: DEPTH_CAL.cy, width: 16, height: 12,
      distortion: 'brown-conrady', coeffs: DEPTH_CAL.d, source: 'camera_info on /device_0/sensor_0/Depth_0/info/camera_info',
    });
    expect(summary.colourCamera).toEqual({
      fx: COLOUR_CAL.fx, fy: COLOUR_CAL.fy, cx: COLOUR_CAL.cx, cy: COLOUR_CAL.cy, width: 16, height: 12,
      distortion: 'inverse-brown-conrady', coeffs: [0.01, 0.02, 0.003, 0.004, 0.05], source: 'camera_info on /device_0/sensor_1/Color_0/info/camera_info',
    });
  });

  it('gives depth-to-colour from the tf extrinsics: the inverse of colour-to-depth (a half turn about z, offset)', async () => {
    const { summary } = await openFixture('realsense.bag');
    // colour→depth: R = diag(-1, -1, 1), t = (0.015, -0.002, 0.0005); its inverse is [Rᵀ | -Rᵀt].
    expect(summary.depthToColour).toEqual([-1, 0, 0, 0.015, 0, -1, 0, -0.002, 0, 0, 1, -0.0005, 0, 0, 0, 1]);
  });

  it('decodes z16 depth and rgb8 colour exactly', async () => {
    const rec = await openFixture('realsense.bag');
    for (let i = 0; i < DEPTH_TIMES.length; i++) {
      expect((await rec.readDepth(i)).data).toEqual(depthMm(i));
      const colour = await rec.readColour(i);
      expect(colour?.rgba ?? null).toEqual(EXPECTED_PAIRS[i] < 0 ? null : colourRgba(EXPECTED_PAIRS[i]));
    }
  });

  it('can show the infrared stream as the depth stream when asked (raw 8-bit samples)', async () => {
    const rec = await openFixture('realsense.bag', { depthStream: IR });
    expect(rec.summary.depthStream).toBe(IR);
    expect((await rec.readDepth(2)).data).toEqual(infraredY8(2));
  });

  it('falls back to millimetres, and says so, when Depth Units was not recorded', async () => {
    const bytes = writeBag(realsenseMessages().filter((m) => !m.topic.includes('Depth_Units')), 'none');
    const { summary } = await openBytes(bytes);
    expect(summary.depthUnitM).toBe(0.001);
    expect(summary.depthUnitSource).toBe('mono16 without a recorded Depth Units option: millimetres assumed');
  });

  it("gives the recorded Stereo Baseline (mm) for the chain's disparity, and none when it was not recorded", async () => {
    expect((await openFixture('realsense.bag')).summary.stereoBaselineMm).toBe(REALSENSE_STEREO_BASELINE_MM);
    const bytes = writeBag(realsenseMessages().filter((m) => !m.topic.includes('Stereo_Baseline')), 'none');
    expect((await openBytes(bytes)).summary.stereoBaselineMm).toBeUndefined();
  });

  it('reads the float32 option as the decimal it stands for', () => {
    expect(float32Decimal(Math.fround(0.0001))).toBe(0.0001);
    expect(float32Decimal(Math.fround(0.001))).toBe(0.001);
    expect(float32Decimal(Math.fround(0.000125))).toBe(0.000125);
  });
});

describe('RealSense file versions', () => {
  it('notes a file format other than 3', async () => {
    const messages = realsenseMessages().map((m) => (m.topic === '/file_version' ? { ...m, message: { data: 2 } } : m));
    const { summary } = await openBytes(writeBag(messages, 'none'));
    expect(summary.notes).toEqual(['RealSense file format 2: this reader follows format 3, so options such as Depth Units may be missed.']);
  });
});
