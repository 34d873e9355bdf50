/**
 * The kinds of link parameter: one key read by one schema (most of them), a
 * file to open (src, ref), and the three read apart: probes and filter stages,
 * refused one item at a time, and the intrinsics, four keys refused together.
 * The parameters themselves are the table in url-params-schema.ts.
 */
import * as v from 'valibot';
import type { Stage } from '../core/filter-chain';
import type { UnitPreset } from '../core/units';
import { checkSrc, formatNumber, intrinsics, probe } from './link-values';
import { parseChain, serializeChain } from './chain-url';
import { quoteLinkValue as quote } from './link-number';

/** What one parameter found in a query: its fields of the view, and a sentence per refused value. */
export interface ParamRead<F> {
  fields?: F;
  problems: string[];
}

/** One parameter of the link; `F` is the part of the view it sets. */
export interface LinkParam<F extends object> {
  /** The query keys it reads and writes: its own name, or fx, fy, cx and cy for the intrinsics. */
  readonly keys: readonly string[];
  read(query: URLSearchParams, base: string): ParamRead<F>;
  /** Its key=text pairs; none when the view leaves it out or holds the default (links stay short). */
  write(view: Partial<F>): [string, string][];
}

/** A parameter of one key read by one schema, refused with one sentence (most of them). */
export interface ValueParam<F extends object> extends LinkParam<F> {
  schema: v.GenericSchema<string, F>;
  help: string;
}

/** `toFields` turns the checked value into its fields of the view; `text` writes them back (undefined: left out). */
export function valueParam<T, F extends object>(
  key: string,
  schema: v.GenericSchema<string, T>,
  toFields: (value: T) => F,
  help: string,
  text: (view: Partial<F>) => string | undefined,
): ValueParam<F> {
  const fieldsSchema = v.pipe(schema, v.transform(toFields));
  return {
    keys: [key],
    schema: fieldsSchema,
    help,
    read(query) {
      const raw = query.get(key);
      if (raw === null) return { problems: [] };
      const result = v.safeParse(fieldsSchema, raw);
      return result.success ? { fields: result.output, problems: [] } : { problems: [`Ignored ${key}=${quote(raw)}: ${help}`] };
    },
    write: (view) => pair(key, text(view)),
  };
}

const pair = (key: string, text: string | undefined): [string, string][] => (text === undefined ? [] : [[key, text]]);

/** A file to open (src, ref): a same-site path or an http(s) URL, resolved against the page. */
export function addressParam<K extends string>(key: string, field: K): LinkParam<{ [P in K]: string }> {
  return {
    keys: [key],
    read(query, base) {
      const raw = query.get(key);
      if (raw === null) return { problems: [] };
      if (checkSrc(raw, base)) return { fields: { [field]: raw } as { [P in K]: string }, problems: [] };
      return { problems: [`Ignored ${key}=${quote(raw)}: only http(s) URLs and paths on this site can be opened.`] };
    },
    write: (view) => pair(key, view[field] || undefined),
  };
}

export const scaleFormat = (scale: UnitPreset | number | undefined) => (typeof scale === 'number' ? formatNumber(scale) : scale);
/** A flag is written only when on: off is the default. */
export const flagText = (on: boolean | undefined) => (on ? '1' : undefined);
/** A choice is written only when it is not the default. */
export const unlessDefault = <T extends string>(value: T | undefined, byDefault: T) => (value && value !== byDefault ? value : undefined);

const MAX_PROBES = 64;
const PROBE_HELP = 'a probe is x,y in whole pixels, several joined by ";".';

/** probe=x,y;x,y: each probe is kept or refused alone. */
export const probes: LinkParam<{ probes: { x: number; y: number }[] }> = {
  keys: ['probe'],
  read(query) {
    const raw = query.get('probe');
    if (raw === null) return { problems: [] };
    const found: { x: number; y: number }[] = [];
    const problems: string[] = [];
    for (const part of raw.split(';').slice(0, MAX_PROBES)) {
      const result = v.safeParse(probe, part);
      if (result.success) found.push(result.output);
      else problems.push(`Ignored probe ${quote(part)}: ${PROBE_HELP}`);
    }
    return { fields: found.length > 0 ? { probes: found } : undefined, problems };
  },
  write: (view) => pair('probe', view.probes?.length ? view.probes.map((p) => `${p.x},${p.y}`).join(';') : undefined),
};

/** filters=<chain>: each stage is kept or refused alone (chain-url.ts). */
export const filters: LinkParam<{ filters: Stage[] }> = {
  keys: ['filters'],
  read(query) {
    const raw = query.get('filters');
    if (raw === null) return { problems: [] };
    const chain = parseChain(raw);
    return { fields: { filters: chain.stages }, problems: chain.problems };
  },
  write: (view) => pair('filters', view.filters?.length ? serializeChain(view.filters) : undefined),
};

const INTRINSICS_KEYS = ['fx', 'fy', 'cx', 'cy'] as const;

/** fx=, fy=, cx=, cy=: four keys, one value, refused together. */
export const pinhole: LinkParam<{ intrinsics: { fx: number; fy: number; cx: number; cy: number } }> = {
  keys: INTRINSICS_KEYS,
  read(query) {
    if (!INTRINSICS_KEYS.some((k) => query.has(k))) return { problems: [] };
    const result = v.safeParse(intrinsics, Object.fromEntries(INTRINSICS_KEYS.map((k) => [k, query.get(k)])));
    if (result.success) return { fields: { intrinsics: result.output }, problems: [] };
    return { problems: ['Ignored the intrinsics: give fx, fy, cx and cy together, in pixels, with fx and fy above 0.'] };
  },
  write({ intrinsics }) {
    return intrinsics ? INTRINSICS_KEYS.map((k) => [k, formatNumber(intrinsics[k])]) : [];
  },
};
