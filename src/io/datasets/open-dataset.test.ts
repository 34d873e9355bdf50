/** Each layout opened from the generated fixtures: values exactly as written, association, poses, intrinsics, units. */
import { describe, expect, it } from 'vitest';
import {
  colourPixel,
  depthGrid,
  FOLDER_COLOUR,
  FOLDER_DEPTH,
  poseMatrix,
  REDWOOD_INTRINSICS,
  SCANNET_COLOUR_K,
  SCANNET_DEPTH_K,
  sevenScenesNumber,
  TUM_DEPTH_STAMPS,
  TUM_EXPECTED_COLOUR,
  TUM_RGB_STAMPS,
  W,
  H,
  type LayoutName,
} from '../../../scripts/make-dataset-fixtures';
import type { Recording } from '../../core/recording';
import { openDataset } from './open-dataset';
import { fixtureTree, testColourDecoder } from './test-support';

const open = (dir: string, depthStream?: string) => openDataset(fixtureTree(dir), { decodeColour: testColourDecoder, depthStream });

async function expectDepth(rec: Recording, index: number, layout: LayoutName, frame: number): Promise<void> {
  const depth = await rec.readDepth(index);
  expect([depth.width, depth.height, depth.sampleType]).toEqual([W, H, 'uint16']);
  expect(Array.from(depth.data)).toEqual(Array.from(depthGrid(layout, frame)));
}

async function expectColourFrame(rec: Recording, index: number, frame: number, width = W): Promise<void> {
  const colour = (await rec.readColour(index))!;
  expect(colour.width).toBe(width);
  for (const [x, y] of [[0, 0], [3, 2], [W - 1, H - 1]]) expect(Array.from(colour.rgba.subarray(4 * (y * width + x), 4 * (y * width + x) + 4))).toEqual([...colourPixel(frame, x, y), 255]);
}

function expectPose(actual: readonly number[] | null, expected: readonly number[], digits = 12): void {
  expect(actual).not.toBeNull();
  actual!.forEach((v, i) => expect(v).toBeCloseTo(expected[i], digits));
}

describe('TUM RGB-D', () => {
  it('reads depth at 5000 per metre, exactly, in stamp order', async () => {
    const rec = await open('tum');
    const s = rec.summary;
    expect(s.kind).toBe('tum');
    expect([s.depthUnitM, s.depthUnitSource]).toEqual([1 / 5000, 'TUM: 5000 per metre']);
    expect(s.frames.map((f) => f.stamp)).toEqual(TUM_DEPTH_STAMPS.map(Number));
    expect(s.frames.map((f) => f.timeS)).toEqual(TUM_DEPTH_STAMPS.map((t) => Number(t) - Number(TUM_DEPTH_STAMPS[0])));
    for (let i = 0; i < 3; i++) await expectDepth(rec, i, 'tum', i);
    expect(s.hasReference).toBe(false);
    expect(await rec.readReference(0)).toBeNull();
  });

  it('pairs colour one to one as associate.py does, not by nearest neighbour', async () => {
    const rec = await open('tum');
    // Nearest-neighbour would give depth 0 colour 0 (8 ms); associate.py gives colour 0 to depth 1 (2 ms) and depth 0 colour 1 (19 ms).
    expect(rec.summary.frames.map((f) => f.hasColour)).toEqual(TUM_EXPECTED_COLOUR.map((c) => c >= 0));
    await expectColourFrame(rec, 0, TUM_EXPECTED_COLOUR[0]);
    await expectColourFrame(rec, 1, TUM_EXPECTED_COLOUR[1]);
    expect(await rec.readColour(2)).toBeNull();
    expect(rec.summary.streams.map((s) => [s.id, s.role, s.frames, s.width, s.height])).toEqual([
      ['depth.txt', 'depth', 3, W, H],
      ['rgb.txt', 'colour', 2, W, H],
    ]);
    expect(TUM_RGB_STAMPS).toHaveLength(3);
  });

  it('turns groundtruth.txt quaternions into the camera-to-world matrices the generator rotated by', async () => {
    const rec = await open('tum');
    rec.summary.frames.forEach((f, k) => expectPose(f.pose, poseMatrix(k)));
  });
});

describe('Redwood / Open3D', () => {
  it('reads depth in millimetres, colour by name, the .log poses and camera_intrinsic.json (column-major)', async () => {
    const rec = await open('redwood');
    const s = rec.summary;
    expect([s.kind, s.depthUnitM, s.frames.length]).toEqual(['redwood', 0.001, 3]);
    for (let i = 0; i < 3; i++) {
      await expectDepth(rec, i, 'redwood', i);
      await expectColourFrame(rec, i, i);
      expect(s.frames[i].pose).toEqual(poseMatrix(i));
      expect(s.frames[i].timeS).toBeCloseTo(i / 30, 12);
    }
    expect(s.depthCamera).toEqual({ ...REDWOOD_INTRINSICS, distortion: 'none', coeffs: [0, 0, 0, 0, 0], source: 'camera_intrinsic.json' });
  });
});

describe('7-Scenes', () => {
  it('opens the first sequence: millimetres (65535 kept as stored), colour and pose files', async () => {
    const rec = await open('7scenes');
    const s = rec.summary;
    expect([s.kind, s.depthStream, s.frames.length, s.depthUnitM]).toEqual(['7scenes', 'seq-01', 3, 0.001]);
    expect(s.streams.filter((x) => x.role === 'depth').map((x) => [x.id, x.frames])).toEqual([['seq-01', 3], ['seq-02', 2]]);
    for (let i = 0; i < 3; i++) {
      await expectDepth(rec, i, '7scenes', i);
      await expectColourFrame(rec, i, i);
      expect(s.frames[i].pose).toEqual(poseMatrix(i).map((v) => Number(sevenScenesNumber(v))));
    }
    expect((await rec.readDepth(0)).data[W * H - 1]).toBe(65535);
  });

  it('opens another sequence when asked', async () => {
    const rec = await open('7scenes', 'seq-02');
    expect([rec.summary.depthStream, rec.summary.frames.length]).toEqual(['seq-02', 2]);
    await expectDepth(rec, 1, '7scenes', 11);
    await expect(open('7scenes', 'seq-09')).rejects.toThrow(/no sequence “seq-09”; it has seq-01, seq-02/);
  });
});

describe('ScanNet', () => {
  it('reads frames in numeric order, intrinsics of both cameras, and leaves -inf poses out', async () => {
    const rec = await open('scannet');
    const s = rec.summary;
    expect([s.kind, s.depthUnitM]).toEqual(['scannet', 0.001]);
    expect(s.frames.map((f) => f.stamp)).toEqual([0, 1, 10]);
    for (let i = 0; i < 3; i++) {
      await expectDepth(rec, i, 'scannet', i);
      await expectColourFrame(rec, i, i, SCANNET_COLOUR_K.width);
    }
    expect(s.frames[0].pose).toEqual(poseMatrix(0));
    expect(s.frames[1].pose).toEqual(poseMatrix(1));
    expect(s.frames[2].pose).toBeNull();
    expect(s.notes.join(' ')).toMatch(/1 poses are invalid/);
    expect(s.depthCamera).toEqual({ ...SCANNET_DEPTH_K, width: W, height: H, distortion: 'none', coeffs: [0, 0, 0, 0, 0], source: 'intrinsic/intrinsic_depth.txt' });
    expect(s.colourCamera).toEqual({ ...SCANNET_COLOUR_K, distortion: 'none', coeffs: [0, 0, 0, 0, 0], source: 'intrinsic/intrinsic_color.txt' });
  });
});

describe('plain folder', () => {
  it('takes depth by its bytes in numeric name order and pairs colour by name; colour is never depth', async () => {
    const rec = await open('folder');
    const s = rec.summary;
    expect(s.kind).toBe('folder');
    expect(s.frames.length).toBe(FOLDER_DEPTH.length);
    expect(s.frames.map((f) => f.hasColour)).toEqual(FOLDER_COLOUR.map((c) => c !== null));
    for (let i = 0; i < 3; i++) await expectDepth(rec, i, 'folder', i);
    await expectColourFrame(rec, 2, 2);
    expect([s.depthUnitM, s.depthUnitSource]).toEqual([0.001, 'integer samples: millimetres assumed (the folder states no unit)']);
  });

  it('reads a folder of EXR files as float metres', async () => {
    const rec = await open('exr');
    expect([rec.summary.kind, rec.summary.frames.length, rec.summary.depthUnitM]).toEqual(['folder', 3, 1]);
  });
});
