/**
 * The readable URL parameters as valibot schemas: one per parameter, from the
 * text in the link to the value in the view, each with the sentence that says
 * what a good value is. A parameter that fails its schema is dropped alone;
 * keys not listed here are ignored. Numbers are plain decimals (no hex, no
 * "Infinity") and bounded; text is never turned into markup or code. Every
 * number is held to MAX_NUMBER_CHARS and read in one pass (src/link/link-number.ts),
 * so a link of 40,000 digits is refused as fast as a short one (issue 13).
 */
import * as v from 'valibot';
import { COLORMAP_NAMES, type ColormapName } from '../core/colormap-tables';
import { parseScale } from '../core/units';
import { MAX_SIDE } from '../core/depth-image';
import { DISPLAY_MODES } from '../core/surface-views';
import { isLinkDecimal, isLinkWhole, MAX_NUMBER_CHARS } from './link-number';
import type { UrlView } from './url-params';

/** A finite decimal number (length-capped, scanned without backtracking). */
export const decimal = v.pipe(v.string(), v.check(isLinkDecimal), v.transform(Number), v.finite());
const positive = (max: number) => v.pipe(decimal, v.gtValue(0), v.maxValue(max));
/** A whole number of at most `digits` digits (so at most `digits` characters are read). */
const wholeDigits = (digits: number) => v.pipe(v.string(), v.check((t) => isLinkWhole(t, digits)), v.transform(Number));
const whole = (max: number) => v.pipe(wholeDigits(5), v.maxValue(max));
/** Units: a preset name or a number; longer text is refused before parseScale reads it. */
const scaleText = v.pipe(v.string(), v.maxLength(MAX_NUMBER_CHARS), v.transform(parseScale), v.check((scale) => scale !== null));
const flag = v.pipe(v.picklist(['0', '1']), v.transform((t) => t === '1'));
const oneOf = <T extends string>(options: readonly T[]) => v.pipe(v.string(), v.picklist(options as T[]));

/** A coordinate of the 3-D camera: a scene larger than 1000 km is not a depth map. */
const metres = v.pipe(decimal, v.gtValue(-1e6), v.ltValue(1e6));

/** A parameter read alone: its schema gives the part of the view it sets. */
export interface ParamSchema {
  schema: v.GenericSchema<string, Partial<UrlView>>;
  help: string;
}

const param = <T>(schema: v.GenericSchema<string, T>, set: (value: T) => Partial<UrlView>, help: string): ParamSchema => ({
  schema: v.pipe(schema, v.transform(set)),
  help,
});

/** In the order their messages are listed (src, probe, filters and the intrinsics are read apart: see url-params.ts). */
export const PARAMS: Record<string, ParamSchema> = {
  scale: param(
    scaleText,
    (scale) => ({ scale: scale ?? undefined }),
    'use mm, tum, kitti, sun, nyu, m, disparity, relative, or a positive number of metres per unit.',
  ),
  refscale: param(
    scaleText,
    (scale) => ({ refScale: scale ?? undefined }),
    "the reference's units: use mm, tum, kitti, sun, nyu, m, disparity, relative, or a positive number of metres per unit.",
  ),
  colormap: param(
    v.pipe(
      v.string(),
      v.transform((t) => ({ name: t.endsWith('_r') ? t.slice(0, -2) : t, reverse: t.endsWith('_r') })),
      v.check(({ name }) => (COLORMAP_NAMES as readonly string[]).includes(name)),
    ),
    ({ name, reverse }) => ({ colormap: name as ColormapName, reverse }),
    `choose one of ${COLORMAP_NAMES.join(', ')} (add _r to reverse).`,
  ),
  range: param(
    v.pipe(
      v.string(),
      v.transform((t) => t.split(',')),
      v.strictTuple([decimal, decimal]),
      v.check(([lo, hi]) => hi > lo),
    ),
    (range) => ({ range }),
    'give two numbers min,max in metres with min < max.',
  ),
  log: param(flag, (logScale) => ({ logScale }), 'use log=1 or log=0.'),
  page: param(wholeDigits(4), (page) => ({ page }), 'a page is a whole number from 0.'),
  display: param(oneOf(DISPLAY_MODES), (display) => ({ display }), `choose one of ${DISPLAY_MODES.join(', ')}.`),
  split: param(whole(MAX_SIDE), (split) => ({ split }), 'the divider is a whole image column.'),
  diff: param(positive(Number.MAX_VALUE), (diff) => ({ diff }), 'the difference scale is a number of metres above 0.'),
  view: param(oneOf(['heatmap', 'cloud', 'ar'] as const), (mode) => ({ mode }), 'choose heatmap, cloud or ar.'),
  stride: param(
    v.pipe(wholeDigits(2), v.minValue(1), v.maxValue(16)),
    (stride) => ({ stride }),
    'the cloud stride is a whole number of pixels from 1 to 16.',
  ),
  surface: param(oneOf(['points', 'mesh'] as const), (surface) => ({ surface }), 'choose points or mesh.'),
  wire: param(flag, (wireframe) => ({ wireframe }), 'use wire=1 or wire=0.'),
  pointsize: param(
    v.pipe(decimal, v.minValue(0.5), v.maxValue(32)),
    (pointSize) => ({ pointSize }),
    'the point size is a number of pixels from 0.5 to 32.',
  ),
  pose: param(
    v.pipe(
      v.string(),
      v.transform((t) => t.split(',')),
      v.strictTuple([metres, metres, metres, metres, metres, metres]),
    ),
    (n) => ({ pose: { position: [n[0], n[1], n[2]], target: [n[3], n[4], n[5]] } }),
    'give six numbers in metres, the camera position then its target.',
  ),
  ray: param(flag, (rayLength) => ({ rayLength }), 'use ray=1 when the file stores distance to the camera centre.'),
  edge: param(v.pipe(decimal, v.gtValue(0), v.maxValue(10)), (edge) => ({ edge }), 'the edge threshold is a relative depth jump above 0, e.g. 0.05.'),
};

/** x,y: bounded digit runs, tried only on text of at most MAX_NUMBER_CHARS characters. */
const PROBE = /^\s*\d{1,5}\s*,\s*\d{1,5}\s*$/;

/** One pinned probe: whole pixels x,y inside the largest image. */
export const probe = v.pipe(
  v.string(),
  v.check((t) => t.length <= MAX_NUMBER_CHARS && PROBE.test(t)),
  v.transform((t) => t.split(',').map(Number)),
  v.strictTuple([v.pipe(v.number(), v.maxValue(MAX_SIDE - 1)), v.pipe(v.number(), v.maxValue(MAX_SIDE - 1))]),
  v.transform(([x, y]) => ({ x, y })),
);

/** fx, fy, cx, cy: all four together, focal lengths above 0. */
export const intrinsics = v.object({ fx: positive(Number.MAX_VALUE), fy: positive(Number.MAX_VALUE), cx: decimal, cy: decimal });
