/** Each bad dataset ends in a sentence: empty, unknown, files missing, malformed text, and colour never read as depth. */
import { describe, expect, it } from 'vitest';
import { DepthDecodeError } from '../../core/depth-image';
import { openDataset } from './open-dataset';
import { fixtureTree, memoryTree, testColourDecoder } from './test-support';

const open = (tree: ReturnType<typeof memoryTree>) => openDataset(tree, { decodeColour: testColourDecoder });

function withFiles(dir: string, change: (files: Map<string, unknown>) => void) {
  const tree = fixtureTree(dir);
  change(tree.files as Map<string, unknown>);
  return tree;
}

describe('dataset refusals', () => {
  it('an empty folder, or one of debris only', async () => {
    await expect(open(memoryTree('empty', {}))).rejects.toThrow('“empty” is empty.');
    await expect(open(memoryTree('mac', { '.DS_Store': 'x', '__MACOSX/a': 'y' }))).rejects.toThrow('“mac” is empty.');
  });

  it('an unknown layout: no depth files, or only colour', async () => {
    await expect(open(memoryTree('notes', { 'a.txt': 'hello', 'b.csv': '1,2' }))).rejects.toThrow(/“notes” is not a dataset Depthscope recognises: it holds no depth files\. Recognised: TUM RGB-D/);
    const colour = fixtureTree('folder').files.get('frame_1_rgb.png')!;
    const tree = { name: 'photos', files: new Map([['a.png', colour], ['b.png', colour]]) };
    await expect(openDataset(tree)).rejects.toThrow(/holds only colour pictures \(2\)/);
  });

  it('TUM: files named in rgb.txt or depth.txt but missing', async () => {
    const tree = withFiles('tum', (f) => {
      f.delete('rgb/1305031102.008000.png');
      f.delete('rgb/1305031102.019000.png');
    });
    await expect(open(tree)).rejects.toThrow('“rgb/1305031102.008000.png” and 1 more, named in rgb.txt, are missing from “tum”.');
    const noDepth = withFiles('tum', (f) => f.delete('depth/1305031102.100000.png'));
    await expect(open(noDepth)).rejects.toThrow('“depth/1305031102.100000.png”, named in depth.txt, is missing from “tum”.');
  });

  it('malformed text: groundtruth, .log, pose, intrinsics', async () => {
    const tum = fixtureTree('tum');
    const badGt = memoryTree('x', { 'groundtruth.txt': '1 2 3\n' });
    (tum.files as Map<string, unknown>).set('groundtruth.txt', badGt.files.get('groundtruth.txt'));
    await expect(open(tum)).rejects.toThrow(/“groundtruth.txt”, line 1: expected “timestamp tx ty tz qx qy qz qw”/);

    const redwood = fixtureTree('redwood');
    (redwood.files as Map<string, unknown>).set('trajectory.log', memoryTree('x', { t: '0 0 1\n1 0 0 0\n' }).files.get('t'));
    await expect(open(redwood)).rejects.toThrow(/“trajectory.log”: a .log trajectory has 5 lines per frame/);

    const redwood2 = fixtureTree('redwood');
    (redwood2.files as Map<string, unknown>).set('camera_intrinsic.json', memoryTree('x', { t: '{"width": 8}' }).files.get('t'));
    await expect(open(redwood2)).rejects.toThrow(/“camera_intrinsic.json”: expected Open3D's camera intrinsics/);

    const scenes = fixtureTree('7scenes');
    (scenes.files as Map<string, unknown>).set('seq-01/frame-000001.pose.txt', memoryTree('x', { t: '1 0 0 0\nnot a pose\n' }).files.get('t'));
    await expect(open(scenes)).rejects.toThrow(/“seq-01\/frame-000001.pose.txt”, line 2: "not" is not a number/);

    const scannet = fixtureTree('scannet');
    (scannet.files as Map<string, unknown>).set('intrinsic/intrinsic_depth.txt', memoryTree('x', { t: '0 0 0 0\n'.repeat(4) }).files.get('t'));
    await expect(open(scannet)).rejects.toThrow(/“intrinsic\/intrinsic_depth.txt”: the focal lengths must be positive/);
  });

  it('a .log pose for a frame that does not exist', async () => {
    const redwood = fixtureTree('redwood');
    const m = '1 0 0 0\n0 1 0 0\n0 0 1 0\n0 0 0 1\n';
    (redwood.files as Map<string, unknown>).set('trajectory.log', memoryTree('x', { t: `7 7 8\n${m}` }).files.get('t'));
    await expect(open(redwood)).rejects.toThrow('“trajectory.log” has a pose for frame 7, but depth/ holds 3 frames.');
  });

  it('a depth frame that is not a depth file says which file', async () => {
    const tree = fixtureTree('redwood');
    (tree.files as Map<string, unknown>).set('depth/000001.png', memoryTree('x', { t: 'not a png' }).files.get('t'));
    const rec = await open(tree);
    await expect(rec.readDepth(1)).rejects.toThrow(/^“depth\/000001.png”: This file is not in a format/);
    await expect(rec.readDepth(3)).rejects.toThrow(RangeError);
  });

  it('colour is never depth in a recognised layout, even a 16-bit gray PNG in color/', async () => {
    const tree = fixtureTree('redwood');
    const depthLike = tree.files.get('depth/000002.png')!;
    (tree.files as Map<string, unknown>).set('color/000003.png', depthLike);
    const rec = await open(tree);
    expect(rec.summary.frames).toHaveLength(3);
    expect(rec.summary.streams.filter((s) => s.role === 'depth').map((s) => [s.id, s.frames])).toEqual([['depth', 3]]);
  });

  it('errors are DepthDecodeErrors', async () => {
    await expect(open(memoryTree('empty', {}))).rejects.toBeInstanceOf(DepthDecodeError);
  });
});
