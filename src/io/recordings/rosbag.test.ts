/** ROS 1 bags (plain, LZ4, BZ2, unindexed) decode to exactly what the generator wrote. */
import { describe, expect, it } from 'vitest';
import { COLOUR_CAL, COLOUR_TIMES, DEPTH_CAL, DEPTH_TIMES, EXPECTED_PAIRS, colourRgba, depthMm, seconds } from '../../../scripts/recording-fixtures/content';
import { cameraMessages, writeBag } from '../../../scripts/make-recording-fixtures';
import { countingSource, fixtureBytes, openBytes, openFixture } from './test-support';
import { openRecordingFile } from './open-recording-file';

describe.each(['camera-plain.bag', 'camera-lz4.bag', 'camera-bz2.bag', 'camera-unindexed.bag'])('%s', (name) => {
  it('lists frames at the recorded stamps, with colour paired by nearest stamp', async () => {
    const { summary } = await openFixture(name);
    expect(summary.kind).toBe('rosbag');
    expect(summary.name).toBe(name);
    expect(summary.depthStream).toBe('/camera/depth/image_raw');
    expect(summary.colourStream).toBe('/camera/color/image_raw');
    expect(summary.frames.map((f) => f.stamp)).toEqual(DEPTH_TIMES.map(seconds));
    expect(summary.frames.map((f) => f.timeS)).toEqual(DEPTH_TIMES.map((t) => seconds(t) - seconds(DEPTH_TIMES[0])));
    expect(summary.frames.map((f) => f.hasColour)).toEqual(EXPECTED_PAIRS.map((p) => p >= 0));
    expect(summary.frames.every((f) => f.pose === null)).toBe(true);
    expect(summary.depthUnitM).toBe(0.001);
    expect(summary.depthUnitSource).toBe('16UC1: millimetres by ROS convention');
    expect(summary.depthToColour).toBeNull();
    expect(summary.hasReference).toBe(false);
    expect(summary.streams).toEqual([
      { id: '/camera/color/image_raw', role: 'colour', encoding: 'rgb8', width: 16, height: 12, fps: null, frames: COLOUR_TIMES.length },
      { id: '/camera/depth/image_raw', role: 'depth', encoding: '16UC1', width: 16, height: 12, fps: null, frames: DEPTH_TIMES.length },
    ]);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary); // plain, structured-clonable data
  });

  it('reads intrinsics and plumb_bob distortion from camera_info (K, D)', async () => {
    const { summary } = await openFixture(name);
    expect(summary.depthCamera).toEqual({
      fx: DEPTH_CAL.fx, fy: DEPTH_CAL.fy, cx: DEPTH_CAL.cx, cy: DEPTH_CAL.cy, width: 16, height: 12,
      distortion: 'brown-conrady', coeffs: DEPTH_CAL.d, source: 'camera_info on /camera/depth/camera_info',
    });
    expect(summary.colourCamera).toMatchObject({ fx: COLOUR_CAL.fx, fy: COLOUR_CAL.fy, cx: COLOUR_CAL.cx, cy: COLOUR_CAL.cy, coeffs: [0, 0, 0, 0, 0] });
  });

  it('decodes every depth frame and its paired colour exactly', async () => {
    const rec = await openFixture(name);
    for (let i = 0; i < DEPTH_TIMES.length; i++) {
      const depth = await rec.readDepth(i);
      expect(depth.sampleType).toBe('uint16');
      expect([depth.width, depth.height]).toEqual([16, 12]);
      expect(depth.data).toEqual(depthMm(i));
      const colour = await rec.readColour(i);
      if (EXPECTED_PAIRS[i] < 0) expect(colour).toBeNull();
      else expect(colour?.rgba).toEqual(colourRgba(EXPECTED_PAIRS[i]));
    }
    expect(await rec.readReference(0)).toBeNull();
  });
});

describe('unindexed bags', () => {
  it('are re-indexed by scanning, with progress and a note', async () => {
    const stages: (number | null)[] = [];
    const rec = await openFixture('camera-unindexed.bag', { onProgress: (_stage, f) => stages.push(f) });
    expect(rec.summary.notes).toEqual(['Re-indexed by scanning: the bag has no index (the recording was cut off).']);
    expect(stages.length).toBeGreaterThan(1);
    expect(stages[stages.length - 1]).toBe(1);
    expect(stages.every((f, i) => f !== null && f >= 0 && f <= 1 && (i === 0 || f >= (stages[i - 1] ?? 0)))).toBe(true);
  });
});

describe('opening reads the index, not the frames', () => {
  it('reads a small part of a 240-frame bag to open it, and one chunk per frame', async () => {
    const many = cameraMessages().filter((m) => m.topic.endsWith('camera_info'));
    const base = cameraMessages().filter((m) => m.topic === '/camera/depth/image_raw');
    for (let i = 0; i < 240; i++) many.push({ ...base[i % base.length], time: { sec: 200 + Math.floor(i / 10), nsec: (i % 10) * 1e8 } });
    const bytes = writeBag(many, 'none', true, 8);
    const source = countingSource(bytes, 'many.bag');
    const rec = await openRecordingFile(source, {});
    expect(rec.summary.frames.length).toBe(240);
    expect(source.bytesRead).toBeLessThan(bytes.length / 4);
    const before = source.bytesRead;
    expect((await rec.readDepth(137)).data).toEqual(depthMm(137 % base.length));
    expect(source.bytesRead - before).toBeLessThan(bytes.length / 20);
  });
});

describe('indexed bags', () => {
  it('report progress while reading the chunk indexes', async () => {
    const stages = new Set<string>();
    await openFixture('camera-lz4.bag', { onProgress: (stage) => stages.add(stage) });
    expect([...stages]).toEqual(['Reading the bag index']);
  });
});

describe('index records laid out unlike rosbag writes them', () => {
  it('are found by reading the chunk header when the counts do not predict where they start', async () => {
    const bytes = fixtureBytes('camera-plain.bag');
    const view = new DataView(bytes.buffer);
    const text = new TextDecoder('latin1').decode(bytes);
    // Each chunk info record (op 6) lists (conn, count) pairs: overstate every count by one.
    for (let at = text.indexOf('op=\x06'); at >= 0; at = text.indexOf('op=\x06', at + 1)) {
      const start = at - 8;
      const headerLength = view.getUint32(start, true);
      const dataLength = view.getUint32(start + 4 + headerLength, true);
      for (let p = start + 8 + headerLength; p < start + 8 + headerLength + dataLength; p += 8) view.setUint32(p + 4, view.getUint32(p + 4, true) + 1, true);
    }
    const rec = await openBytes(bytes);
    expect(rec.summary.frames.map((f) => f.stamp)).toEqual(DEPTH_TIMES.map(seconds));
    for (let i = 0; i < DEPTH_TIMES.length; i++) expect((await rec.readDepth(i)).data).toEqual(depthMm(i));
  });
});
