/**
 * Fuzzing the archive readers and the dataset opener on mutated archives: the
 * only acceptable outcomes are a tree whose every entry reads (or refuses with a
 * DepthDecodeError), or a DepthDecodeError. Anything else is a bug.
 * FUZZ_SEED=<n> replays a run.
 */
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { DepthDecodeError } from '../../../core/depth-image';
import { bytesSource } from '../../byte-source';
import { openDataset } from '../open-dataset';
import { fixtureBytes, testColourDecoder } from '../test-support';
import { unpackArchive } from './unpack-archive';

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), kind: fc.constantFrom('flip', 'zero', 'ff', 'truncate'), bit: fc.integer({ min: 0, max: 7 }) });

function mutate(file: Uint8Array, edits: { at: number; kind: string; bit: number }[]): Uint8Array {
  let b = file.slice();
  for (const e of edits) {
    const i = Math.min(b.length - 1, Math.floor(e.at * b.length));
    if (i < 0) break;
    if (e.kind === 'flip') b[i] ^= 1 << e.bit;
    else if (e.kind === 'zero') b[i] = 0;
    else if (e.kind === 'ff') b[i] = 0xff;
    else b = b.slice(0, i);
  }
  return b;
}

async function unpacksOrRefuses(bytes: Uint8Array, name: string): Promise<void> {
  const refused = (e: unknown) => {
    if (!(e instanceof DepthDecodeError)) throw e;
  };
  try {
    const tree = await unpackArchive(bytesSource(bytes, name));
    for (const source of tree.files.values()) await source.read(0, source.size).catch(refused);
    const rec = await openDataset(tree, { decodeColour: testColourDecoder });
    for (let i = 0; i < rec.summary.frames.length; i++) await rec.readDepth(i).catch(refused);
  } catch (e) {
    refused(e);
  }
}

describe('fuzzing the archive readers', () => {
  for (const ext of ['zip', 'tar', 'tgz']) {
    it(`${ext}: mutated copies of the TUM archive (seed ${seed})`, async () => {
      const file = fixtureBytes(`archives/tum-mini.${ext}`);
      await fc.assert(
        fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => unpacksOrRefuses(mutate(file, edits), `f.${ext}`)),
        { seed, numRuns: 300 },
      );
    });
  }
});
