/** A bag with several depth and colour topics: every encoding decodes exactly, and the chosen topics are used. */
import { describe, expect, it } from 'vitest';
import { COLOUR_TIMES, colourAs, colourRgba, compressed32Expected, depthM, depthMm, infraredY8 } from '../../../scripts/recording-fixtures/content';
import { openFixture } from './test-support';

const DEPTH_TOPICS = [
  ['/cam_a/depth/image_raw', '16UC1'],
  ['/cam_b/depth/image_raw', '32FC1'],
  ['/cam_b/depth/image_raw/compressedDepth', '16UC1; compressedDepth png'],
  ['/cam_c/depth/image_raw/compressedDepth', '32FC1; compressedDepth png'],
  ['/cam_d/depth/image_raw', 'mono16'],
];

describe('a bag with several topics', () => {
  it('lists every image topic with its role, and picks the first depth and colour topics by default', async () => {
    const { summary } = await openFixture('topics.bag');
    expect(summary.streams.map((s) => [s.id, s.role, s.encoding])).toEqual([
      ['/cam_a/color/bgr8', 'colour', 'bgr8'],
      ['/cam_a/color/bgra8', 'colour', 'bgra8'],
      ['/cam_a/color/rgba8', 'colour', 'rgba8'],
      ['/cam_a/color/yuv422', 'colour', 'yuv422'],
      ['/cam_a/color/yuyv', 'colour', 'yuyv'],
      ['/cam_a/depth/image_raw', 'depth', '16UC1'],
      ['/cam_a/ir/image_raw', 'infrared', 'mono8'],
      ...DEPTH_TOPICS.slice(1).map(([id, enc]) => [id, 'depth', enc]),
    ]);
    expect(summary.depthStream).toBe('/cam_a/depth/image_raw');
    expect(summary.colourStream).toBe('/cam_a/color/bgr8');
  });

  it('decodes 16UC1, 32FC1, mono16 (big-endian) and compressedDepth (16UC1 and 32FC1 inverse depth) exactly', async () => {
    const expected: Record<string, (i: number) => Uint16Array | Float32Array> = {
      '/cam_a/depth/image_raw': depthMm,
      '/cam_b/depth/image_raw': depthM,
      '/cam_b/depth/image_raw/compressedDepth': depthMm,
      '/cam_c/depth/image_raw/compressedDepth': compressed32Expected,
      '/cam_d/depth/image_raw': depthMm,
    };
    for (const [topic] of DEPTH_TOPICS) {
      const rec = await openFixture('topics.bag', { depthStream: topic });
      expect(rec.summary.depthStream).toBe(topic);
      for (const i of [0, 1]) expect((await rec.readDepth(i)).data, topic).toEqual(expected[topic](i));
    }
  });

  it('gives metres for 32FC1 topics, raw and compressed', async () => {
    for (const topic of ['/cam_b/depth/image_raw', '/cam_c/depth/image_raw/compressedDepth']) {
      const { summary } = await openFixture('topics.bag', { depthStream: topic });
      expect(summary.depthUnitM).toBe(1);
    }
  });

  it('converts bgr8, rgba8, bgra8, yuyv and yuv422 (UYVY) colour to RGBA exactly', async () => {
    const alpha = (i: number, order: 'rgba8' | 'bgra8') => {
      const src = colourAs(i, order);
      return Uint8ClampedArray.from(src, (_, k) => (order === 'bgra8' && k % 4 !== 1 && k % 4 !== 3 ? src[k + (k % 4 === 0 ? 2 : -2)] : src[k]));
    };
    const gray = (i: number) => {
      const y = infraredY8(i);
      return Uint8ClampedArray.from({ length: y.length * 4 }, (_, k) => (k % 4 === 3 ? 255 : 1.164 * (y[k >> 2] - 16)));
    };
    const cases: [string, (i: number) => Uint8ClampedArray][] = [
      ['/cam_a/color/bgr8', colourRgba],
      ['/cam_a/color/rgba8', (i) => alpha(i, 'rgba8')],
      ['/cam_a/color/bgra8', (i) => alpha(i, 'bgra8')],
      ['/cam_a/color/yuyv', gray],
      ['/cam_a/color/yuv422', gray], // ROS's yuv422 is UYVY: the same gray from the other byte order
    ];
    for (const [topic, want] of cases) {
      const rec = await openFixture('topics.bag', { colourStream: topic });
      expect(rec.summary.colourStream).toBe(topic);
      expect((await rec.readColour(0))?.rgba, topic).toEqual(want(0));
      expect((await rec.readColour(1))?.rgba, topic).toEqual(want(1));
    }
    expect(COLOUR_TIMES.length).toBeGreaterThan(1);
  });

  it('notes an unsupported distortion model and keeps the intrinsics', async () => {
    const { summary } = await openFixture('topics.bag', { depthStream: '/cam_b/depth/image_raw' });
    expect(summary.depthCamera).toMatchObject({ fx: 20.5, distortion: 'none', coeffs: [0, 0, 0, 0, 0] });
    expect(summary.notes).toEqual(['/cam_b/depth/camera_info: the distortion model “rational_polynomial” is not supported; the lens is taken as undistorted.']);
  });

  it('refuses a topic that is not there, naming the ones that are', async () => {
    await expect(openFixture('topics.bag', { depthStream: '/nope' })).rejects.toThrow(/there is no image topic “\/nope”; the image topics are \/cam_a\/color\/bgr8, /);
  });
});
