/** The 3-D comparison overlay's two colours (reference-cloud.ts), apart from the GPU code so that tests and panels can read them. */
import { vec3 } from 'three/tsl';

/** The two colours of the overlay, 8-bit RGB as drawn (the canvas is linear: no conversion): the map's points, and the reference's. */
export const MAP_TINT: readonly [number, number, number] = [242, 142, 43];
export const REFERENCE_TINT: readonly [number, number, number] = [62, 199, 240];

export const tintNode = (t: readonly [number, number, number]) => vec3(t[0] / 255, t[1] / 255, t[2] / 255);
export const tintCss = (t: readonly [number, number, number]) => `rgb(${t.join(', ')})`;
