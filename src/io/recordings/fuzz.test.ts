/**
 * Mutated bags and MCAP files (fast-check): opening and reading every frame
 * either works, giving images that keep their invariants, or is refused with
 * a DepthDecodeError that is not an UnexpectedDecodeError. Edits favour the
 * places that matter: lengths and counts (set to 0, 1, 2^31, 2^32 - 1), the
 * index at the end, chunk data, truncation.
 */
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { DepthDecodeError } from '../../core/depth-image';
import { assertDepthImage } from '../depth-result';
import { UnexpectedDecodeError } from '../decode-errors';
import { fixtureBytes, openBytes } from './test-support';

type Edit =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'u32'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'zero'; at: number; count: number };

/** Positions as fractions of the file, so edits land anywhere whatever its size. */
const at = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('u32' as const), at, value: fc.constantFrom(0, 1, 2 ** 31, 2 ** 32 - 1, 4096, 65536) }),
  fc.record({ kind: fc.constant('truncate' as const), at }),
  fc.record({ kind: fc.constant('zero' as const), at, count: fc.integer({ min: 1, max: 64 }) }),
);

function mutate(original: Uint8Array, edits: readonly Edit[]): Uint8Array {
  let bytes = original.slice();
  for (const e of edits) {
    const p = Math.floor(e.at * bytes.length);
    if (e.kind === 'flip') bytes[p] ^= 1 << e.bit;
    else if (e.kind === 'u32' && p + 4 <= bytes.length) new DataView(bytes.buffer).setUint32(p, e.value, true);
    else if (e.kind === 'truncate') bytes = bytes.slice(0, p);
    else if (e.kind === 'zero') bytes.fill(0, p, p + e.count);
  }
  return bytes;
}

async function openAndReadAll(bytes: Uint8Array, name: string): Promise<void> {
  try {
    const rec = await openBytes(bytes, {}, name);
    for (let i = 0; i < rec.summary.frames.length; i++) {
      assertDepthImage(await rec.readDepth(i));
      await rec.readColour(i);
    }
  } catch (error) {
    if (!(error instanceof DepthDecodeError) || error instanceof UnexpectedDecodeError) throw error;
  }
}

describe.each(['camera-plain.bag', 'camera-lz4.bag', 'camera-bz2.bag', 'camera-unindexed.bag', 'realsense.bag', 'ros2-lz4.mcap', 'ros2-zstd.mcap'])(
  'mutated %s',
  (name) => {
    it('opens and reads, or is refused with a DepthDecodeError', async () => {
      const original = fixtureBytes(name);
      await fc.assert(
        fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => openAndReadAll(mutate(original, edits), name)),
        { numRuns: 150, seed: 15 },
      );
    });
  },
);
