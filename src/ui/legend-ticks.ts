/** "Nice" tick values for a legend axis (1, 2, 5 x 10^k steps, or decades in log scale). */
export function niceTicks(lo: number, hi: number, logScale: boolean, target = 5): number[] {
  if (!(hi > lo)) return [lo];
  if (logScale && lo > 0) {
    const ticks: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (const m of [1, 2, 5]) {
        const v = m * 10 ** e;
        if (v >= lo && v <= hi) ticks.push(v);
      }
    }
    return ticks.length >= 2 ? ticks : [lo, hi];
  }
  const raw = (hi - lo) / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

export function formatTick(v: number): string {
  return Math.abs(v) >= 100 || v === 0 ? String(Number(v.toPrecision(4))) : Number(v.toPrecision(3)).toString();
}
