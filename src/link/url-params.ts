/**
 * The readable URL parameters of a view, parsed and written as pure functions.
 * Every value is checked against its schema (url-params-schema.ts); a bad one
 * is dropped with a message saying why, and the rest of the link still
 * applies; unknown keys are ignored. Text from the URL is only ever shown as text.
 *
 *   src=<path or http(s) URL>   scale=mm|tum|kitti|sun|nyu|m|disparity|relative|<metres per unit>
 *   ref=<path or http(s) URL of the comparison's reference>   refscale=<its units, as scale>
 *   colormap=<name>[_r]         range=<min>,<max> (metres)   log=1
 *   probe=x,y[;x,y...]          page=<TIFF page, 0-based>
 *   filters=<chain, see chain-url.ts>
 *   display=filtered|raw|split|difference|normals|edges   split=<divider column>
 *   diff=<± metres of the difference view>   edge=<relative jump of the edges view>
 *   view=heatmap|cloud|ar   stride=<cloud stride, px>   pointsize=<px>   surface=points|mesh   wire=1
 *   fx=, fy=, cx=, cy=<intrinsics, pixels; all four together>   ray=1 (depth is ray length)
 *   pose=px,py,pz,tx,ty,tz (3-D camera position and target, metres, display frame)
 */
import * as v from 'valibot';
import type { ColormapName } from '../core/colormap-tables';
import type { UnitPreset } from '../core/units';
import type { DisplayMode } from '../core/surface-views';
import type { Stage } from '../core/filter-chain';
import { parseChain, serializeChain } from './chain-url';
import { intrinsics, PARAMS, probe } from './url-params-schema';
import { quoteLinkValue as quote } from './link-number';
import type { ViewMode } from '../core/surface-views';

export interface UrlView {
  src?: string;
  scale?: UnitPreset | number;
  /** The comparison's reference (ground truth) map and its units (src/state/compare-load.ts). */
  ref?: string;
  refScale?: UnitPreset | number;
  colormap?: ColormapName;
  reverse?: boolean;
  range?: [number, number];
  logScale?: boolean;
  probes?: { x: number; y: number }[];
  page?: number;
  filters?: Stage[];
  display?: DisplayMode;
  split?: number;
  diff?: number;
  edge?: number;
  mode?: ViewMode;
  stride?: number;
  pointSize?: number;
  surface?: 'points' | 'mesh';
  wireframe?: boolean;
  intrinsics?: { fx: number; fy: number; cx: number; cy: number };
  rayLength?: boolean;
  pose?: { position: [number, number, number]; target: [number, number, number] };
}

export interface ParsedUrl {
  view: UrlView;
  /** One sentence per rejected parameter. */
  problems: string[];
}

const MAX_PROBES = 64;
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

export function parseUrlView(search: string, base = 'http://localhost/'): ParsedUrl {
  const params = new URLSearchParams(search);
  const view: UrlView = {};
  const problems: string[] = [];

  const src = params.get('src');
  if (src !== null) {
    if (checkSrc(src, base)) view.src = src;
    else problems.push(`Ignored src=${quote(src)}: only http(s) URLs and paths on this site can be opened.`);
  }

  const ref = params.get('ref');
  if (ref !== null) {
    if (checkSrc(ref, base)) view.ref = ref;
    else problems.push(`Ignored ref=${quote(ref)}: only http(s) URLs and paths on this site can be opened.`);
  }

  for (const [key, { schema, help }] of Object.entries(PARAMS)) {
    const text = params.get(key);
    if (text === null) continue;
    const result = v.safeParse(schema, text);
    if (result.success) Object.assign(view, result.output);
    else problems.push(`Ignored ${key}=${quote(text)}: ${help}`);
  }

  const probeText = params.get('probe');
  if (probeText !== null) {
    const probes: { x: number; y: number }[] = [];
    for (const part of probeText.split(';').slice(0, MAX_PROBES)) {
      const result = v.safeParse(probe, part);
      if (result.success) probes.push(result.output);
      else problems.push(`Ignored probe ${quote(part)}: a probe is x,y in whole pixels, several joined by ";".`);
    }
    if (probes.length > 0) view.probes = probes;
  }

  const filters = params.get('filters');
  if (filters !== null) {
    const chain = parseChain(filters);
    view.filters = chain.stages;
    problems.push(...chain.problems);
  }

  const intrKeys = ['fx', 'fy', 'cx', 'cy'] as const;
  if (intrKeys.some((k) => params.has(k))) {
    const result = v.safeParse(intrinsics, Object.fromEntries(intrKeys.map((k) => [k, params.get(k)])));
    if (result.success) view.intrinsics = result.output;
    else problems.push('Ignored the intrinsics: give fx, fy, cx and cy together, in pixels, with fx and fy above 0.');
  }

  return { view, problems };
}

/** Shortest exact decimal for a metre value (keeps links short and round-trips exactly). */
function formatNumber(v: number): string {
  if (Object.is(v, -0)) return '-0';
  return String(Number(v.toPrecision(9)) === v ? Number(v.toPrecision(9)) : v);
}

export function serializeUrlView(v: UrlView): string {
  const params = new URLSearchParams();
  if (v.src) params.set('src', v.src);
  if (v.scale !== undefined) params.set('scale', typeof v.scale === 'number' ? formatNumber(v.scale) : v.scale);
  if (v.ref) params.set('ref', v.ref);
  if (v.refScale !== undefined) params.set('refscale', typeof v.refScale === 'number' ? formatNumber(v.refScale) : v.refScale);
  if (v.colormap) params.set('colormap', v.reverse ? `${v.colormap}_r` : v.colormap);
  if (v.range) params.set('range', `${formatNumber(v.range[0])},${formatNumber(v.range[1])}`);
  if (v.logScale) params.set('log', '1');
  if (v.page) params.set('page', String(v.page));
  if (v.probes && v.probes.length > 0) params.set('probe', v.probes.map((p) => `${p.x},${p.y}`).join(';'));
  if (v.filters && v.filters.length > 0) params.set('filters', serializeChain(v.filters));
  if (v.display && v.display !== 'filtered') params.set('display', v.display);
  if (v.split !== undefined) params.set('split', String(v.split));
  if (v.diff !== undefined) params.set('diff', formatNumber(v.diff));
  if (v.edge !== undefined) params.set('edge', formatNumber(v.edge));
  if (v.mode && v.mode !== 'heatmap') params.set('view', v.mode);
  if (v.intrinsics) for (const k of ['fx', 'fy', 'cx', 'cy'] as const) params.set(k, formatNumber(v.intrinsics[k]));
  if (v.rayLength) params.set('ray', '1');
  if (v.pose) params.set('pose', [...v.pose.position, ...v.pose.target].map(formatNumber).join(','));
  if (v.stride !== undefined && v.stride !== 1) params.set('stride', String(v.stride));
  if (v.pointSize !== undefined && v.pointSize !== 2) params.set('pointsize', formatNumber(v.pointSize));
  if (v.surface && v.surface !== 'points') params.set('surface', v.surface);
  if (v.wireframe) params.set('wire', '1');
  // Commas, semicolons, slashes, colons and "!" are safe in a query and keep links readable.
  return params
    .toString()
    .replace(/%2C/g, ',')
    .replace(/%3B/g, ';')
    .replace(/%2F/g, '/')
    .replace(/%3A/g, ':')
    .replace(/%21/g, '!');
}
