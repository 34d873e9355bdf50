/**
 * The text files of dataset layouts (src/io/datasets/dataset-text.ts): every
 * parser runs on each input. Seeds: the generated fixtures' text files (TUM
 * lists and trajectory, Redwood .log and camera_intrinsic.json, 7-Scenes and
 * ScanNet matrices). An input is accepted when some parser reads it; every
 * refusal must be a DepthDecodeError with a readable sentence, and what is read
 * must keep the parsers' promises (sorted finite stamps, 16-number poses,
 * positive focal lengths).
 */
import { DepthDecodeError } from '../../src/core/depth-image';
import {
  parseMatrix4,
  parseOpen3dIntrinsic,
  parseStampList,
  parseTrajectoryLog,
  parseTumTrajectory,
} from '../../src/io/datasets/dataset-text';
import { generateDatasetFixtures } from '../make-dataset-fixtures';
import { YAML_TOKENS } from './corpus-text';
import { mutateText } from './mutate';
import { invariant, once, type FuzzTarget, type Verdict } from './target';

const TOKENS = [...YAML_TOKENS, 'inf', '-inf', 'nan', '1305031102.000000', 'depth/x.png', '0 0 1', '1e309', '0x10', '\t'];

function seeds(): string[] {
  const texts = [...generateDatasetFixtures()].filter(([name]) => /\.(txt|log|json)$/.test(name));
  return texts.map(([, bytes]) => new TextDecoder().decode(bytes));
}

const sorted = (xs: readonly number[]) => xs.every((x, i) => i === 0 || xs[i - 1] <= x);

const PARSERS: ((text: string) => void)[] = [
  (t) => {
    const list = parseStampList(t, 'rgb.txt');
    invariant(sorted(list.map((e) => e.stamp)) && list.every((e) => Number.isFinite(e.stamp) && e.path.length > 0), 'stamp list');
  },
  (t) => {
    const poses = parseTumTrajectory(t, 'groundtruth.txt');
    invariant(sorted(poses.map((p) => p.stamp)) && poses.every((p) => p.pose.length === 16 && p.pose.every(Number.isFinite)), 'trajectory');
  },
  (t) => {
    const log = parseTrajectoryLog(t, 'trajectory.log');
    invariant(log.every((e) => Number.isSafeInteger(e.frame) && e.pose.length === 16 && e.pose.every(Number.isFinite)), '.log');
  },
  (t) => invariant(parseMatrix4(t, 'pose.txt').length === 16, 'matrix'),
  (t) => {
    const k = parseOpen3dIntrinsic(t, 'camera_intrinsic.json');
    invariant(k.fx > 0 && k.fy > 0 && Number.isInteger(k.width) && Number.isInteger(k.height), 'intrinsics');
  },
];

export const DATASET_TEXT_TARGET: FuzzTarget = {
  name: 'dataset-text',
  corpus: once(seeds),
  generate: (rng, corpus) => mutateText(rng, rng.pick(corpus as string[]), TOKENS),
  run(input): Verdict {
    const refusals: string[] = [];
    for (const parse of PARSERS) {
      try {
        parse(input as string);
      } catch (e) {
        if (!(e instanceof DepthDecodeError)) throw e;
        refusals.push(e.message);
      }
    }
    return { refused: refusals.length === PARSERS.length ? refusals[0] : null, messages: refusals };
  },
};
