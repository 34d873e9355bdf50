/**
 * The readable URL parameters of a view, parsed and written as pure functions,
 * both walking the one table of parameters (url-params-schema.ts). Every value
 * is checked against its schema; a bad one is dropped with a message saying
 * why, and the rest of the link still applies; unknown keys are ignored. Text
 * from the URL is only ever shown as text.
 *
 *   src=<path or http(s) URL>   scale=mm|tum|kitti|sun|nyu|m|disparity|relative|<metres per unit>
 *   ref=<path or http(s) URL of the comparison's reference>   refscale=<its units, as scale>
 *   colormap=<name>[_r]         range=<min>,<max> (metres)   log=1
 *   probe=x,y[;x,y...]          page=<TIFF page, 0-based>
 *   filters=<chain, see chain-url.ts>
 *   display=filtered|raw|split|difference|normals|edges   split=<divider column>
 *   diff=<± metres of the difference view>   edge=<relative jump of the edges view>
 *   view=heatmap|cloud|ar   stride=<cloud stride, px>   pointsize=<px>   surface=points|mesh   wire=1
 *   keep=<clouds of the last N frames of a posed recording, 0-30>
 *   fx=, fy=, cx=, cy=<intrinsics, pixels; all four together>   ray=1 (depth is ray length)
 *   pose=px,py,pz,tx,ty,tz (3-D camera position and target, metres, display frame)
 */
import { LINK_PARAMS, type UrlView } from './url-params-schema';

export type { UrlView } from './url-params-schema';
export { checkSrc } from './link-values';

export interface ParsedUrl {
  view: UrlView;
  /** One sentence per rejected parameter. */
  problems: string[];
}

export function parseUrlView(search: string, base = 'http://localhost/'): ParsedUrl {
  const query = new URLSearchParams(search);
  const view: UrlView = {};
  const problems: string[] = [];
  for (const param of Object.values(LINK_PARAMS)) {
    const read = param.read(query, base);
    if (read.fields) Object.assign(view, read.fields);
    problems.push(...read.problems);
  }
  return { view, problems };
}

export function serializeUrlView(view: UrlView): string {
  const query = new URLSearchParams();
  for (const param of Object.values(LINK_PARAMS)) for (const [key, text] of param.write(view)) query.set(key, text);
  // Commas, semicolons, slashes, colons and "!" are safe in a query and keep links readable.
  return query
    .toString()
    .replace(/%2C/g, ',')
    .replace(/%3B/g, ';')
    .replace(/%2F/g, '/')
    .replace(/%3A/g, ':')
    .replace(/%21/g, '!');
}
