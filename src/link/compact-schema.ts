/**
 * What the compact `state` parameter may hold, as valibot schemas: one schema
 * per field, so a bad field is dropped alone (with its sentence) and the others
 * still apply. Lists are checked item by item for the same reason. Every number
 * is bounded, every text length-capped; object schemas drop keys they do not know.
 */
import * as v from 'valibot';
import { AR_PRIMITIVES, type ArObject, type MeasurePoint } from '../core/scene-marks';
import type { ViewTransform } from '../core/view-transform';
import type { Calibration } from '../core/calibration';
import { MAX_SIDE } from '../core/depth-image';

/** Metres in the camera frame: a scene larger than 1000 km is not a depth map. */
const coordinate = v.pipe(v.number(), v.finite(), v.minValue(-1e6), v.maxValue(1e6));
const vector = v.tuple([coordinate, coordinate, coordinate]);
const pixel = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_SIDE));
const positive = (max: number) => v.pipe(v.number(), v.finite(), v.gtValue(0), v.maxValue(max));

const measurePoint = v.object({ x: coordinate, y: coordinate, z: coordinate, u: pixel, v: pixel });

const unitNormal = v.pipe(
  vector,
  v.check((n) => Math.abs(Math.hypot(...n) - 1) < 1e-3),
);

const arObject = v.object({
  id: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31)),
  kind: v.picklist([...AR_PRIMITIVES, 'gltf']),
  name: v.pipe(v.string(), v.maxLength(200)),
  position: vector,
  normal: unitNormal,
  size: positive(1000),
});

const calibration = v.object({
  space: v.picklist(['depth', 'inverse']),
  scale: v.pipe(v.number(), v.finite()),
  shift: v.pipe(v.number(), v.finite()),
  points: v.pipe(
    v.array(v.object({ x: pixel, y: pixel, value: v.pipe(v.number(), v.finite()), depthM: positive(1e6) })),
    v.maxLength(16),
  ),
});

const bandEnd = v.nullable(v.pipe(v.number(), v.finite(), v.minValue(-1e9), v.maxValue(1e9)));

/** The fields of the state, each with the sentence that says what a good value is. */
export const FIELDS = {
  measuring: { schema: v.boolean(), help: 'true or false' },
  percentiles: {
    schema: v.pipe(
      v.tuple([v.pipe(v.number(), v.minValue(0), v.maxValue(100)), v.pipe(v.number(), v.minValue(0), v.maxValue(100))]),
      v.check(([lo, hi]) => lo < hi),
    ),
    help: 'two percentiles [low, high] from 0 to 100, low below high',
  },
  validRange: {
    schema: v.pipe(
      v.object({ min: bandEnd, max: bandEnd }),
      v.check((r) => r.min === null || r.max === null || r.min < r.max),
    ),
    help: '{min, max}: numbers or null, min below max',
  },
  disparity: {
    schema: v.object({ focalPx: positive(1e6), baselineM: positive(1e3) }),
    help: '{focalPx, baselineM}, both numbers above 0',
  },
  largerIsNearer: { schema: v.boolean(), help: 'true or false' },
  calibration: { schema: calibration, help: '{space: "depth" or "inverse", scale, shift, points (at most 16)}' },
  pgmByteOrder: { schema: v.picklist(['big', 'little']), help: '"big" or "little"' },
  pan: {
    schema: v.object({ cx: coordinate, cy: coordinate, zoom: positive(1e4) }),
    help: '{cx, cy, zoom}: the image pixel at the centre and screen pixels per image pixel (above 0, at most 10000)',
  },
  arBand: { schema: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100)), help: 'metres from 0 to 100' },
  arMask: { schema: v.boolean(), help: 'true or false' },
  localFile: {
    schema: v.object({
      name: v.pipe(v.string(), v.maxLength(200)),
      width: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_SIDE)),
      height: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_SIDE)),
    }),
    help: '{name (at most 200 characters), width, height} of the file the link was made from',
  },
} as const;

/** Lists, checked item by item: a bad item is dropped alone. */
export const LISTS = {
  measurePoints: {
    item: measurePoint,
    max: 2,
    help: 'a measured point is {x, y, z} in metres (at most 1000 km) and its pixel {u, v}',
  },
  arObjects: {
    item: arObject,
    max: 64,
    help: `an AR object is {id, kind (${[...AR_PRIMITIVES, 'gltf'].join(', ')}), name (at most 200 characters), position, unit normal, size in metres}`,
  },
} as const;

/** The state a `state` parameter carries; every field is optional (absent = the default). */
export interface CompactState {
  measuring?: boolean;
  measurePoints?: MeasurePoint[];
  arObjects?: ArObject[];
  arBand?: number;
  arMask?: boolean;
  percentiles?: [number, number];
  validRange?: { min: number | null; max: number | null };
  disparity?: { focalPx: number; baselineM: number };
  largerIsNearer?: boolean;
  calibration?: Calibration;
  pgmByteOrder?: 'big' | 'little';
  pan?: ViewTransform;
  /** The local file the view was made from, when the link cannot carry its depth: the opener is asked for it. */
  localFile?: { name: string; width: number; height: number };
}
