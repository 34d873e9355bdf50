/**
 * Every fuzz target by name, for the campaign (main thread) and the worker
 * (which runs them). The selftest-* targets misbehave on purpose, one way each,
 * so that the harness's tests can show it catches hangs, OOMs and escapes.
 */
import { DEPTH_TARGETS, HOSTILE_FULL_SIZE_TARGET, PLY_TARGET } from './targets-depth';
import { INTRINSICS_TARGET, LINK_TARGET, YAML_TARGET } from './targets-text';
import { DATASET_TEXT_TARGET } from './targets-dataset';
import { accepted, refusal, type FuzzTarget } from './target';

function selftest(name: string, run: () => ReturnType<FuzzTarget['run']>): FuzzTarget {
  return { name, corpus: () => [''], generate: () => '', run };
}

const hoard: string[] = [];

const SELFTEST_TARGETS: FuzzTarget[] = [
  selftest('selftest-hang', () => {
    for (;;); // a decoder stuck in a loop
  }),
  selftest('selftest-oom', () => {
    // The class 1 failure: strings materialised until the heap is gone.
    for (let i = 0; ; i++) hoard.push(`${i}`.repeat(1024));
  }),
  // A result holding 64 MiB outside the JS heap (a decoded image is a typed array).
  selftest('selftest-big-buffer', () => accepted([], new Uint8Array(64 * 2 ** 20))),
  selftest('selftest-escape', () => {
    throw new TypeError("Cannot read properties of undefined (reading 'length')");
  }),
  selftest('selftest-long-message', () => refusal(`The file is refused because ${'it is long and '.repeat(30)}so on.`)),
  selftest('selftest-ok', () => accepted(['A short note about the file.'])),
];

/** The targets `npm run fuzz` runs, in order. */
export const DEFAULT_TARGETS: readonly FuzzTarget[] = [...DEPTH_TARGETS, LINK_TARGET, INTRINSICS_TARGET, YAML_TARGET, PLY_TARGET, DATASET_TEXT_TARGET];

export const TARGETS: ReadonlyMap<string, FuzzTarget> = new Map([...DEFAULT_TARGETS, HOSTILE_FULL_SIZE_TARGET, ...SELFTEST_TARGETS].map((t) => [t.name, t]));
