/**
 * A whole link, read and written as pure functions: the readable query
 * parameters (url-params.ts, from the table in url-params-schema.ts), the
 * compact `state` parameter (compact-state.ts) and the depth embedded in the
 * fragment (embedded-depth.ts). Reading never throws: each part that is wrong
 * is left out with a sentence saying why.
 */
import { parseUrlView, serializeUrlView, type UrlView } from './url-params';
import { decodeCompactState, encodeCompactState, type CompactState } from './compact-state';
import { readEmbeddedDepth, type EmbeddedDepth } from './embedded-depth';

export interface ParsedLink {
  view: UrlView;
  state: CompactState;
  /** The map carried in the fragment, and its text (to tell whether it is the one already open). */
  embedded: { depth: EmbeddedDepth; text: string } | null;
  problems: string[];
}

export const STATE_PARAM = 'state';
export const DEPTH_PARAM = 'depth';

export function parseLink(search: string, hash: string, base = 'http://localhost/'): ParsedLink {
  const { view, problems } = parseUrlView(search, base);
  const stateText = new URLSearchParams(search).get(STATE_PARAM);
  let state: CompactState = {};
  if (stateText !== null) {
    const decoded = decodeCompactState(stateText);
    state = decoded.state;
    problems.push(...decoded.problems);
  }
  let embedded: ParsedLink['embedded'] = null;
  const depthText = new URLSearchParams(hash.replace(/^#/, '')).get(DEPTH_PARAM);
  if (depthText !== null) {
    const read = readEmbeddedDepth(depthText);
    if ('depth' in read) embedded = { depth: read.depth, text: depthText };
    else problems.push(`Ignored the depth map in the link: it ${read.problem}.`);
  }
  return { view, state, embedded, problems };
}

/** The query (without "?") and the fragment (without "#") of a link. */
export function serializeLink(view: UrlView, state: CompactState, depthText: string | null): { search: string; hash: string } {
  const compact = encodeCompactState(state);
  const readable = serializeUrlView(view);
  const search = [readable, compact && `${STATE_PARAM}=${compact}`].filter(Boolean).join('&');
  return { search, hash: depthText ? `${DEPTH_PARAM}=${depthText}` : '' };
}
