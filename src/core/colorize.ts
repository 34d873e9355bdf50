/**
 * CPU reference of shaders/colormap.wgsl: the same mapping, step for step.
 * Used by the kernel equivalence test and as the renderer when WebGPU is absent.
 */

export interface ColorizeParams {
  lo: number;
  hi: number;
  logScale: boolean;
  reverse: boolean;
  /** Side of the checkerboard squares drawn on pixels with no depth. */
  checkerPx: number;
}

export const CHECKER_LIGHT = 140; // round(0.55 * 255)
export const CHECKER_DARK = 89; // round(0.35 * 255)

/** The table position t in [0, 1] of one depth value, or null when it is drawn as "no depth". */
export function colormapPosition(d: number, p: ColorizeParams): number | null {
  if (!Number.isFinite(d) || (p.logScale && d <= 0)) return null;
  const f = Math.fround;
  let t = p.logScale
    ? f(f(f(Math.log(d)) - f(Math.log(p.lo))) / f(f(Math.log(p.hi)) - f(Math.log(p.lo))))
    : f(f(d - p.lo) / f(p.hi - p.lo));
  t = Math.min(Math.max(t, 0), 1);
  return p.reverse ? f(1 - t) : t;
}

export function colormapIndex(t: number): number {
  const f = Math.fround;
  return Math.min(Math.floor(f(f(t * 255) + 0.5)), 255);
}

/** RGBA8 pixels (row-major, top row first) of a depth field under a 256x3 RGB table. */
export function colorize(
  depth: Float32Array,
  width: number,
  height: number,
  table: Uint8Array,
  p: ColorizeParams,
  out: Uint8Array<ArrayBuffer> = new Uint8Array(width * height * 4),
): Uint8Array<ArrayBuffer> {
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const t = colormapPosition(depth[i], p);
      const o = i * 4;
      if (t === null) {
        const cell = (Math.floor(x / p.checkerPx) + Math.floor(y / p.checkerPx)) & 1;
        const g = cell === 0 ? CHECKER_LIGHT : CHECKER_DARK;
        out[o] = g;
        out[o + 1] = g;
        out[o + 2] = g;
      } else {
        const k = colormapIndex(t) * 3;
        out[o] = table[k];
        out[o + 1] = table[k + 1];
        out[o + 2] = table[k + 2];
      }
      out[o + 3] = 255;
    }
  }
  return out;
}
