/**
 * Keeps a colormap range usable: lo < hi always, and lo > 0 in log scale.
 * A flat image (every valid pixel at 2.000 m) still needs a non-empty span.
 */
export function widenRange(lo: number, hi: number, logScale: boolean, sortedValid?: Float32Array): [number, number] {
  let a = Math.min(lo, hi);
  let b = Math.max(lo, hi);
  if (logScale && a <= 0) {
    // Smallest positive valid value, or a tiny positive floor.
    let positive = Number.NaN;
    if (sortedValid) {
      for (let i = 0; i < sortedValid.length; i++) {
        if (sortedValid[i] > 0) {
          positive = sortedValid[i];
          break;
        }
      }
    }
    a = Number.isFinite(positive) ? positive : b > 0 ? b / 1000 : 1e-3;
    if (b <= a) b = a * 10;
  }
  if (!(b > a)) {
    const pad = a === 0 ? 1e-3 : Math.abs(a) * 1e-3;
    a -= pad;
    b += pad;
    if (logScale && a <= 0) a = b / 10;
  }
  return [a, b];
}
