import { forValidInWindow } from './window';

/**
 * Median filter that ignores invalid samples: each valid pixel becomes the LOWER
 * median (sorted valid values, index floor((n - 1) / 2)) of the valid samples in
 * its (2r+1) x (2r+1) window, clipped at the image border. The lower median is
 * always one of the samples, so no new depth value is invented. Invalid pixels
 * stay invalid: holes are hole filling's job, not the median's.
 * Reference of shaders/median-3x3.wgsl (radius 1) and median-5x5.wgsl (radius 2).
 */
export function median(depth: Float32Array, width: number, height: number, radius: 1 | 2): Float32Array {
  const out = new Float32Array(depth.length);
  const window: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!Number.isFinite(depth[i])) {
        out[i] = Number.NaN;
        continue;
      }
      window.length = 0;
      forValidInWindow(depth, width, height, { x, y, r: radius }, Number.isFinite, (v) => window.push(v));
      window.sort((a, b) => a - b);
      out[i] = window[(window.length - 1) >> 1];
    }
  }
  return out;
}
