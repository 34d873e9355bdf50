/** Fuzzing the EXR reader (header rewrite, block walk, three.js's loader) with mutated generated files: an image or a DepthDecodeError, never a crash. */
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { DepthDecodeError } from '../core/depth-image';
import { UnexpectedDecodeError } from './decode-errors';
import { decodeDepth } from './decode-depth';
import { assertDepthImage } from './depth-result';
import { fixtureBytes } from './datasets/test-support';

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

const edit = fc.record({
  at: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.double({ min: 0, max: 1, noNaN: true }).map((f) => -f)),
  value: fc.oneof(fc.constantFrom(0, 0xff, 0x7f, 0x80, 1, 2, 3, 0x10), fc.integer({ min: 0, max: 255 })),
  truncate: fc.boolean(),
});

function mutate(file: Uint8Array, edits: { at: number; value: number; truncate: boolean }[]): Uint8Array {
  let b = file.slice();
  for (const e of edits) {
    const i = e.at >= 0 ? Math.min(e.at, b.length - 1) : Math.floor(-e.at * b.length);
    if (e.truncate && i % 5 === 0) b = b.slice(0, i);
    else if (i < b.length) b[i] = e.value;
  }
  return b;
}

function decodesOrRefuses(bytes: Uint8Array): void {
  try {
    assertDepthImage(decodeDepth(bytes));
  } catch (e) {
    if (!(e instanceof DepthDecodeError) || e instanceof UnexpectedDecodeError) throw e;
  }
}

describe('fuzzing the EXR reader', () => {
  for (const name of ['half-z-none.exr', 'float-depth-zip.exr', 'layers-zips.exr']) {
    it(`${name}: mutated copies (seed ${seed})`, () => {
      const file = fixtureBytes(`exr/${name}`);
      fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => decodesOrRefuses(mutate(file, edits))), { seed, numRuns: 600 });
    });
  }
});
