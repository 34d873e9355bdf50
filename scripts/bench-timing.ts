/** Timing for the Node benchmarks. */

/** The median ms of `reps` runs of `fn` (no warm-up: the caller decides). */
export function medianOfRuns(reps: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** The middle value (the upper one of an even count); sorts `values` in place. */
function median(values: number[]): number {
  return values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/**
 * `fn` and `reference` run alternately, `reps` times each after one warm-up of
 * both: load on a shared machine then hits both alike, where running all of one
 * before the other let a busy spell land on one side (the 4K PNG ratio moved
 * between 1.04 and 1.44 that way). The ratio is the median of the pairs' ratios.
 */
export function pairedMedians(reps: number, fn: () => void, reference: () => void): { ms: number; referenceMs: number; ratio: number } {
  fn();
  reference();
  const ours: number[] = [];
  const theirs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    const t1 = performance.now();
    reference();
    const t2 = performance.now();
    ours.push(t1 - t0);
    theirs.push(t2 - t1);
    ratios.push((t1 - t0) / (t2 - t1));
  }
  return { ms: median(ours), referenceMs: median(theirs), ratio: median(ratios) };
}
