/**
 * The budgets, shared by `npm run fuzz` and the short run in the unit tests.
 *
 * Time, 2 s per input: the slowest inputs (a mutated 640 x 480 real PNG, an
 * intrinsics file at its 256 KiB cap) take 0.1-0.15 s alone and up to 1.5 s in
 * a worker on a 2-core machine at load 7-9, so 2 s leaves room for a shared CI
 * machine; the failures issue 13 is about took minutes or never ended, so
 * they cannot hide under it. (The budget is wall-clock: Node 20 has no
 * per-thread CPU clock.)
 * Heap, 256 MiB per input: the largest seed decodes to ~2.5 MB, and the app's
 * load worker has no more than a tab's heap to give; class 1 (32,000 ASCII
 * tags) needs 4 GB when done wrong, far past it.
 */
export const FUZZ_DEFAULTS = {
  timeBudgetMs: 2000,
  heapBudgetMb: 256,
  /** `npm run fuzz`: issue 13 asks for at least 10,000 per decoder and for the link parser. */
  longInputs: 10_000,
  /** The unit tests' run: enough to catch a regression in the common paths, seconds per target. */
  shortInputs: 200,
} as const;
