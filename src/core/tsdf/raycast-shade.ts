/**
 * The live view of the volume (CPU reference of shaders/tsdf-shade.wgsl): a
 * ray cast's maps (raycast.ts, or the GPU's tsdf-raycast.wgsl buffers) turned
 * into an RGBA8 image. "shaded": grey Lambert from the surface normal under a
 * headlight (a light at the camera centre, so what faces the camera is bright
 * and nothing is ever lit from behind), over an ambient floor so surfaces
 * seen edge-on stay visible; "coloured": the integrated colour where the hit
 * has one, shaded grey where it has none. Where no surface is hit: the view's
 * background. Levels are rounded once, from the light's value, so the GPU's
 * float32 agrees to one level at most (a .5 tie).
 */
import type { RaycastResult } from './raycast';

export type RaycastShading = 'shaded' | 'coloured';

/** The dark theme's view background (#1b1d22): what a ray that hits nothing shows. */
export const RAYCAST_BACKGROUND: readonly [number, number, number] = [0x1b, 0x1d, 0x22];
/** The light a surface gets whatever its angle (0-1), so walls seen edge-on do not vanish. */
export const RAYCAST_AMBIENT = 0.2;

/** The ray cast's per-pixel maps as the GPU holds them: xyz per pixel (NaN: none), colour as RGBA8 words (alpha 255: has colour). */
export interface RaycastMaps {
  width: number;
  height: number;
  vertices: Float32Array;
  normals: Float32Array;
  colours: Uint32Array;
}

/** An opaque RGBA8 word (R in the low byte), the layout the image and the ray cast's colours use. */
export const packRgba8 = (r: number, g: number, b: number) => (r | (g << 8) | (b << 16) | (255 << 24)) >>> 0;

/** The grey level (0-255) of a hit at q with unit normal n (NaN: none) lit from camera centre o. */
export function headlightLevel(q: ArrayLike<number>, n: ArrayLike<number>, o: readonly number[]): number {
  let lambert = 0;
  if (Number.isFinite(n[0])) {
    const l = [o[0] - q[0], o[1] - q[1], o[2] - q[2]];
    const len = Math.hypot(l[0], l[1], l[2]);
    if (len > 0) lambert = Math.max(0, (n[0] * l[0] + n[1] * l[1] + n[2] * l[2]) / len);
  }
  return Math.floor(255 * (RAYCAST_AMBIENT + (1 - RAYCAST_AMBIENT) * lambert) + 0.5);
}

/** One RGBA8 word per pixel: the view of `maps` from camera centre `o`. */
export function shadeRaycast(maps: RaycastMaps, o: readonly number[], mode: RaycastShading): Uint32Array {
  const n = maps.width * maps.height;
  const out = new Uint32Array(n);
  const background = packRgba8(...RAYCAST_BACKGROUND);
  for (let i = 0; i < n; i++) {
    const q = maps.vertices.subarray(3 * i, 3 * i + 3);
    if (!Number.isFinite(q[0])) {
      out[i] = background;
    } else if (mode === 'coloured' && maps.colours[i] >>> 24 === 255) {
      out[i] = maps.colours[i];
    } else {
      const level = headlightLevel(q, maps.normals.subarray(3 * i, 3 * i + 3), o);
      out[i] = packRgba8(level, level, level);
    }
  }
  return out;
}

/** The reference ray cast's result as the GPU's maps (colours rounded to RGBA8 words, as the kernel writes them). */
export function raycastMaps(r: RaycastResult): RaycastMaps {
  const colours = new Uint32Array(r.width * r.height);
  for (let i = 0; i < colours.length; i++) {
    if (!Number.isFinite(r.colours[3 * i])) continue;
    const c = [0, 1, 2].map((k) => Math.min(255, Math.max(0, Math.floor(r.colours[3 * i + k] + 0.5))));
    colours[i] = packRgba8(c[0], c[1], c[2]);
  }
  return { width: r.width, height: r.height, vertices: r.vertices, normals: r.normals, colours };
}
