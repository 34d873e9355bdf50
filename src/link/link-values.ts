/**
 * The kinds of value a link parameter holds, as valibot schemas from the text
 * in the link, and how numbers are written back. The parameters themselves,
 * each with its schema and sentence, are the table in url-params-schema.ts.
 * Numbers are plain decimals (no hex, no "Infinity") and bounded; every number
 * is held to MAX_NUMBER_CHARS and read in one pass (src/link/link-number.ts),
 * so a link of 40,000 digits is refused as fast as a short one (issue 13).
 */
import * as v from 'valibot';
import { parseScale, type UnitPreset } from '../core/units';
import { MAX_SIDE } from '../core/depth-image';
import { isLinkDecimal, isLinkWhole, MAX_NUMBER_CHARS } from './link-number';

/** A finite decimal number (length-capped, scanned without backtracking). */
export const decimal = v.pipe(v.string(), v.check(isLinkDecimal), v.transform(Number), v.finite());
export const positive = (max: number) => v.pipe(decimal, v.gtValue(0), v.maxValue(max));
/** A whole number of at most `digits` digits (so at most `digits` characters are read). */
export const wholeDigits = (digits: number) => v.pipe(v.string(), v.check((t) => isLinkWhole(t, digits)), v.transform(Number));
export const whole = (max: number) => v.pipe(wholeDigits(5), v.maxValue(max));
/** Units: a preset name or a number; longer text is refused before parseScale reads it. */
export const scaleText = v.pipe(
  v.string(),
  v.maxLength(MAX_NUMBER_CHARS),
  v.transform(parseScale),
  v.check((scale) => scale !== null),
  v.transform((scale) => scale as UnitPreset | number), // null was refused just above
);
export const flag = v.pipe(v.picklist(['0', '1']), v.transform((t) => t === '1'));
export const oneOf = <T extends string>(options: readonly T[]) => v.pipe(v.string(), v.picklist(options as T[]));

/** A coordinate of the 3-D camera: a scene larger than 1000 km is not a depth map. */
export const metres = v.pipe(decimal, v.gtValue(-1e6), v.ltValue(1e6));

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

const MAX_SRC_LENGTH = 4096;

/** Same-origin paths and http(s) URLs only: a link may load data, never run code. */
export function checkSrc(src: string, base: string): string | null {
  if (src.length === 0 || src.length > MAX_SRC_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(src, base);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

/** Shortest exact decimal for a metre value (keeps links short and round-trips exactly). */
export function formatNumber(value: number): string {
  if (Object.is(value, -0)) return '-0';
  return String(Number(value.toPrecision(9)) === value ? Number(value.toPrecision(9)) : value);
}

/** A parameter of several values joined by commas, split for a tuple schema to check. */
export const commaFields = v.pipe(v.string(), v.transform((t) => t.split(',')));
