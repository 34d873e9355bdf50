/**
 * What a user places on the depth map in 3-D: measurement points and AR objects.
 * Plain data, kept in the store and carried by links.
 */

/** The virtual objects the AR preview offers; 'gltf' is a model the user dropped. */
export const AR_PRIMITIVES = ['cube', 'sphere', 'cone', 'torus'] as const;
export type ArPrimitive = (typeof AR_PRIMITIVES)[number];

/**
 * A virtual object standing on the real surface: the picked surface point and
 * its normal (depth camera frame: x right, y down, z forward, metres), and its
 * height in metres. A dropped glTF is kept by name only (its bytes are local).
 */
export interface ArObject {
  id: number;
  kind: ArPrimitive | 'gltf';
  name: string;
  position: [number, number, number];
  normal: [number, number, number];
  size: number;
}

/** A picked surface point: camera-frame metres and the filtered pixel it came from. */
export interface MeasurePoint {
  x: number;
  y: number;
  z: number;
  u: number;
  v: number;
}
