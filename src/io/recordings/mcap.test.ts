/** ROS 2 MCAP (LZ4 and zstd chunks, CDR): the same frames, stamps and calibration as the bags. */
import { describe, expect, it } from 'vitest';
import { DEPTH_CAL, DEPTH_TIMES, EXPECTED_PAIRS, colourRgba, depthM, depthMm, seconds } from '../../../scripts/recording-fixtures/content';
import { openBytes, openFixture } from './test-support';
import { writeMcap } from '../../../scripts/recording-fixtures/mcap-fixture';
import { ros2Messages } from '../../../scripts/make-recording-fixtures';

describe.each(['ros2-lz4.mcap', 'ros2-zstd.mcap'])('%s', (name) => {
  it('lists the depth topics and picks the first depth-like one', async () => {
    const { summary } = await openFixture(name);
    expect(summary.kind).toBe('mcap');
    expect(summary.depthStream).toBe('/camera/depth/image_rect_raw');
    expect(summary.colourStream).toBe('/camera/color/image_raw');
    expect(summary.streams.map((s) => [s.id, s.role, s.encoding])).toEqual([
      ['/camera/color/image_raw', 'colour', 'rgb8'],
      ['/camera/depth/image_rect_raw', 'depth', '16UC1'],
      ['/camera/depth/image_rect_raw/compressedDepth', 'depth', '16UC1; compressedDepth png'],
      ['/camera/depth_float/image', 'depth', '32FC1'],
    ]);
    expect(summary.frames.map((f) => f.stamp)).toEqual(DEPTH_TIMES.map(seconds));
    expect(summary.frames.map((f) => f.hasColour)).toEqual(EXPECTED_PAIRS.map((p) => p >= 0));
  });

  it('reads camera_info with lower-case k and d', async () => {
    const { summary } = await openFixture(name);
    expect(summary.depthCamera).toEqual({
      fx: DEPTH_CAL.fx, fy: DEPTH_CAL.fy, cx: DEPTH_CAL.cx, cy: DEPTH_CAL.cy, width: 16, height: 12,
      distortion: 'brown-conrady', coeffs: DEPTH_CAL.d, source: 'camera_info on /camera/depth/camera_info',
    });
  });

  it('decodes 16UC1 depth and paired rgb8 colour exactly', async () => {
    const rec = await openFixture(name);
    for (let i = 0; i < DEPTH_TIMES.length; i++) {
      expect((await rec.readDepth(i)).data).toEqual(depthMm(i));
      const colour = await rec.readColour(i);
      expect(colour?.rgba ?? null).toEqual(EXPECTED_PAIRS[i] < 0 ? null : colourRgba(EXPECTED_PAIRS[i]));
    }
  });

  it('opens the 32FC1 topic in metres and the compressedDepth topic in millimetres when chosen', async () => {
    const float = await openFixture(name, { depthStream: '/camera/depth_float/image' });
    expect(float.summary.depthUnitM).toBe(1);
    expect(float.summary.depthUnitSource).toBe('32FC1: metres by ROS convention');
    const f = await float.readDepth(3);
    expect(f.sampleType).toBe('float32');
    expect(f.data).toEqual(depthM(3));
    const png = await openFixture(name, { depthStream: '/camera/depth/image_rect_raw/compressedDepth' });
    expect(png.summary.depthUnitM).toBe(0.001);
    expect((await png.readDepth(1)).data).toEqual(depthMm(1));
  });
});

describe('an MCAP file written without message indexes', () => {
  it('is indexed by scanning its chunks sequentially, with progress, and reads the same frames', async () => {
    const bytes = await writeMcap(ros2Messages(), 'lz4', 4096, { messageIndex: false });
    const progress: number[] = [];
    const rec = await openBytes(bytes, { onProgress: (_stage, f) => f !== null && progress.push(f) }, 'no-index.mcap');
    expect(rec.summary.notes.join(' ')).toMatch(/scanning.*no message indexes/);
    expect(progress.at(-1)).toBe(1);
    expect(progress.length).toBeGreaterThan(2);
    expect(rec.summary.frames.map((f) => f.stamp)).toEqual(DEPTH_TIMES.map(seconds));
    expect(rec.summary.frames.map((f) => f.hasColour)).toEqual(EXPECTED_PAIRS.map((p) => p >= 0));
    for (let i = 0; i < DEPTH_TIMES.length; i++) expect((await rec.readDepth(i)).data).toEqual(depthMm(i));
    // The indexed file opens from its indexes, without the note.
    const indexed = await openBytes(await writeMcap(ros2Messages(), 'lz4'), {}, 'indexed.mcap');
    expect(indexed.summary.notes.join(' ')).not.toMatch(/scanning/);
  });
});
