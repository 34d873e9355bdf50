/**
 * The `state` parameter: the less common part of the view (measurements, AR
 * objects, percentiles, the trusted band, calibration, 2-D pan and zoom...) as
 * JSON, zlib-compressed, base64url. The JSON carries a version `v`:
 *
 *   v1: {"v":1, <any fields of CompactState>}
 *
 * A link keeps opening after the state grows: a later version adds fields
 * (older apps ignore fields they do not know) or, if it must change one,
 * bumps `v` and adds an upgrade from the old shape to UPGRADES. A link from a
 * newer app still applies every field this one understands, and says so.
 */
import * as v from 'valibot';
import { packBytes, unpackBytes } from './packed-bytes';
import { FIELDS, LISTS, type CompactState } from './compact-schema';

export type { CompactState } from './compact-schema';

export const COMPACT_STATE_VERSION = 1;
/** Longest `state` text read (characters): the fields above need a few hundred. */
export const MAX_STATE_CHARS = 8192;
/** Most bytes the text may inflate to. */
export const MAX_STATE_BYTES = 64 * 1024;
/** Deepest nesting of arrays and objects read: the schema itself needs 4. */
export const MAX_STATE_DEPTH = 8;

type Json = Record<string, unknown>;

/** Upgrades from version k (index k - 1) to k + 1; none yet, since v1 is the first. */
const UPGRADES: ((old: Json) => Json)[] = [];

export function encodeCompactState(state: CompactState): string {
  const fields = Object.entries(state).filter(([, value]) => value !== undefined);
  if (fields.length === 0) return '';
  return packBytes(new TextEncoder().encode(JSON.stringify({ v: COMPACT_STATE_VERSION, ...Object.fromEntries(fields) })));
}

/** Deepest nesting of [ and { outside strings; counting first keeps JSON.parse off pathological input. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return deepest;
}

function parseJsonObject(bytes: Uint8Array): { json: Json } | { problem: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: 'is not UTF-8 text' };
  }
  if (nestingDepth(text) > MAX_STATE_DEPTH) return { problem: `nests deeper than ${MAX_STATE_DEPTH} levels` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: 'is not JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { problem: 'is not a JSON object' };
  return { json: json as Json };
}

export function decodeCompactState(text: string): { state: CompactState; problems: string[] } {
  const fail = (problem: string) => ({ state: {}, problems: [`Ignored state: it ${problem}.`] });
  const unpacked = unpackBytes(text, { maxChars: MAX_STATE_CHARS, maxBytes: MAX_STATE_BYTES });
  if ('problem' in unpacked) return fail(unpacked.problem);
  const parsed = parseJsonObject(unpacked.bytes);
  if ('problem' in parsed) return fail(parsed.problem);
  let json = parsed.json;
  const version = json.v;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('has no version "v" (a whole number from 1)');
  }
  const problems: string[] = [];
  if (version > COMPACT_STATE_VERSION) {
    problems.push(`The state in this link is version ${version}, newer than this app's ${COMPACT_STATE_VERSION}: the settings it knows were applied.`);
  }
  for (let k = version; k < COMPACT_STATE_VERSION; k++) json = UPGRADES[k - 1](json);

  const state: Record<string, unknown> = {};
  for (const [key, { schema, help }] of Object.entries(FIELDS)) {
    if (!(key in json)) continue;
    const result = v.safeParse(schema, json[key]);
    if (result.success) state[key] = result.output;
    else problems.push(`Ignored state.${key}: it must be ${help}.`);
  }
  for (const [key, { item, max, help }] of Object.entries(LISTS)) {
    if (!(key in json)) continue;
    const list = json[key];
    if (!Array.isArray(list)) {
      problems.push(`Ignored state.${key}: it must be a list; ${help}.`);
      continue;
    }
    if (list.length > max) problems.push(`Ignored state.${key} after its first ${max} items.`);
    const kept: unknown[] = [];
    list.slice(0, max).forEach((entry, i) => {
      const result = v.safeParse(item, entry);
      if (result.success) kept.push(result.output);
      else problems.push(`Ignored state.${key}[${i}]: ${help}.`);
    });
    state[key] = kept;
  }
  return { state: state as CompactState, problems };
}
