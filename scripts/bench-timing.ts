/** Timing for the Node benchmarks. */

/** The median ms of `reps` runs of `fn` (no warm-up: the caller decides). */
export function medianOfRuns(reps: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(reps / 2)];
}
